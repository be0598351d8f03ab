# The research-summary archive. `make` builds it; `make test` runs the tests.
# Both create the virtual environment (.venv) from requirements.txt first.

PYTHON ?= python3.11
VENV := .venv
VENV_READY := $(VENV)/.ready
PY := $(VENV)/bin/python
BUILDDIR := _build
# Strict: warnings are errors (but all are reported), and no broken references.
STRICT := -W --keep-going -n
JOBS ?= auto
SPHINXBUILD := $(PY) -m sphinx -c . -j $(JOBS) $(STRICT)

.DEFAULT_GOAL := all
.PHONY: all html test clean distclean

all: html

$(VENV_READY): requirements.txt scripts/bootstrap-venv
	scripts/bootstrap-venv "$(PYTHON)" "$(VENV)" requirements.txt
	touch $@

## html: the HTML archive in _build/html/
# Built into a copy ($(BUILDDIR)/html.next, with its saved environment, so
# the build stays incremental); it replaces $(BUILDDIR)/html only on success.
html: $(VENV_READY)
	@rm -rf $(BUILDDIR)/html.next $(BUILDDIR)/html.old
	@mkdir -p $(BUILDDIR)
	@if [ -d $(BUILDDIR)/html ]; then cp -a $(BUILDDIR)/html $(BUILDDIR)/html.next; fi
	@if $(SPHINXBUILD) -b html docs $(BUILDDIR)/html.next; then \
	    if [ -d $(BUILDDIR)/html ]; then mv $(BUILDDIR)/html $(BUILDDIR)/html.old; fi; \
	    mv $(BUILDDIR)/html.next $(BUILDDIR)/html && rm -rf $(BUILDDIR)/html.old; \
	else \
	    rm -rf $(BUILDDIR)/html.next; \
	    echo "The build failed (see above); the last good archive in $(BUILDDIR)/html/ is unchanged." >&2; \
	    exit 1; \
	fi
	@echo "The HTML archive is in $(BUILDDIR)/html/ (open $(BUILDDIR)/html/index.html)."

## test: the test suite
test: $(VENV_READY)
	$(PY) -m pytest

## check: validate every summary and references.bib in seconds, without a build
.PHONY: check
check: $(VENV_READY)
	@PYTHONPATH=extensions $(PY) -m summary_archive.check docs -c .

## new: a new summary page, e.g. make new TITLE="..." MONTH=2021-09 AUTHOR="..."
##      TOPICS=empathy,attachment TYPE=meta-analysis KEY=smith2021warmth [SLUG=...]
##      (anything left out is asked for in a terminal)
.PHONY: new
new: $(VENV_READY)
	@PYTHONPATH=extensions $(PY) -m summary_archive.scaffold docs -c . \
	    $(if $(TITLE),--title "$$TITLE") $(if $(MONTH),--month "$$MONTH") \
	    $(if $(AUTHOR),--author "$$AUTHOR") $(if $(TOPICS),--topics "$$TOPICS") \
	    $(if $(TYPE),--research-type "$$TYPE") $(if $(KEY),--reviews "$$KEY") \
	    $(if $(SLUG),--slug "$$SLUG")

## serve: live preview at http://127.0.0.1:8000 while editing (not strict)
SERVE_PORT ?= 8000
.PHONY: serve
serve: $(VENV_READY)
	$(PY) -m sphinx_autobuild docs $(BUILDDIR)/serve -c . --keep-going -n \
	    --host 127.0.0.1 --port $(SERVE_PORT) \
	    --watch references.bib --watch extensions --watch conf.py

## lint: the CI, Read the Docs and pre-commit configuration against their schemas
.PHONY: lint
lint: $(VENV_READY)
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.readthedocs .readthedocs.yaml
	$(VENV)/bin/pre-commit validate-config .pre-commit-config.yaml

## clean: remove build output and the generated navigation pages
clean:
	rm -rf $(BUILDDIR)
	@if [ -x "$(PY)" ]; then PYTHONPATH=extensions $(PY) -m summary_archive.pages --remove docs; fi

distclean: clean
	rm -rf $(VENV)
