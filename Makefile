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
html: $(VENV_READY)
	$(SPHINXBUILD) -b html docs $(BUILDDIR)/html
	@echo "The HTML archive is in $(BUILDDIR)/html/ (open $(BUILDDIR)/html/index.html)."

## test: the test suite
test: $(VENV_READY)
	scripts/install-browser
	$(PY) -m pytest

## clean: remove build output and the generated navigation pages
clean:
	rm -rf $(BUILDDIR)
	@if [ -x "$(PY)" ]; then PYTHONPATH=extensions $(PY) -m summary_archive.pages --remove docs; fi

distclean: clean
	rm -rf $(VENV)
