# The research-summary archive. `make` builds it; `make test` runs the tests;
# `make help` lists every target. Both create the virtual environment (.venv)
# from requirements.txt first, with the project installed in it.

PYTHON ?= python3.11
VENV := .venv
VENV_READY := $(VENV)/.ready
BIN := $(VENV)/bin
PY := $(BIN)/python
SOURCEDIR := docs
BUILDDIR := _build
# Sphinx's convention: extra options for sphinx-build, e.g. make html SPHINXOPTS="-v".
SPHINXOPTS ?=
JOBS ?= auto
# Strict: warnings are errors (but all are reported), and no broken references.
STRICT := -W --keep-going -n
SPHINXBUILD := $(PY) -m sphinx -c . -j $(JOBS) $(STRICT) $(SPHINXOPTS)

.DEFAULT_GOAL := all
.PHONY: all help html pdf collection tex test test-fast check new serve lint clean distclean import bench

## all: the HTML archive and the PDFs (the default)
all: pdf html

## help: list the targets
help:
	@sed -n 's/^## //p' Makefile

$(VENV_READY): requirements.txt pyproject.toml scripts/bootstrap-venv
	scripts/bootstrap-venv "$(PYTHON)" "$(VENV)" requirements.txt
	touch $@

# citeproc-js (the references' CSL engine) and any other npm package, exactly
# as package-lock.json pins them; Node.js itself via scripts/ensure-node.
NODE_READY := node_modules/.ready
$(NODE_READY): package.json package-lock.json scripts/ensure-node
	@scripts/ensure-node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## html: the HTML archive in _build/html/ (replaced only when the build succeeds)
# Built into a copy ($(BUILDDIR)/html.next, with its saved environment, so
# the build stays incremental); it replaces $(BUILDDIR)/html only on success.
html: $(VENV_READY) $(NODE_READY)
	@rm -rf $(BUILDDIR)/html.next $(BUILDDIR)/html.old
	@mkdir -p $(BUILDDIR)
	@if [ -d $(BUILDDIR)/html ]; then cp -a $(BUILDDIR)/html $(BUILDDIR)/html.next; fi
	@if $(SPHINXBUILD) -b html $(SOURCEDIR) $(BUILDDIR)/html.next; then \
	    if [ -d $(BUILDDIR)/html ]; then mv $(BUILDDIR)/html $(BUILDDIR)/html.old; fi; \
	    mv $(BUILDDIR)/html.next $(BUILDDIR)/html && rm -rf $(BUILDDIR)/html.old; \
	else \
	    rm -rf $(BUILDDIR)/html.next; \
	    echo "The build failed (see above); the last good archive in $(BUILDDIR)/html/ is unchanged." >&2; \
	    exit 1; \
	fi
	@echo "The HTML archive is in $(BUILDDIR)/html/ (open $(BUILDDIR)/html/index.html)."

## pdf: the PDFs (whole archive, years, topics, curated collections) in _build/html/downloads/
pdf: $(VENV_READY) $(NODE_READY) tex
	$(BIN)/archive-pdf --source $(SOURCEDIR) --confdir . --build $(BUILDDIR) --jobs $(JOBS) all

## collection: a reading packet, e.g. make collection TOPICS="empathy attachment" SINCE=2019-01 TITLE="Readings"
##             (also TYPES, UNTIL, SUMMARIES="2021/08/slug ...", SUBTITLE)
collection: $(VENV_READY) $(NODE_READY) tex
	$(BIN)/archive-pdf --source $(SOURCEDIR) --confdir . --build $(BUILDDIR) --jobs $(JOBS) \
	    packet --title "$(TITLE)" --subtitle "$(SUBTITLE)" --topics "$(TOPICS)" \
	    --types "$(TYPES)" --since "$(SINCE)" --until "$(UNTIL)" --summaries "$(SUMMARIES)"

## tex: TeX Live for the PDFs (installed with apt as root, otherwise says what to install)
tex:
	@scripts/ensure-tex

## test: the whole test suite (PDF, browser and scale suites included)
test: $(VENV_READY) $(NODE_READY) tex
	scripts/install-browser
	$(PY) -m pytest

## test-fast: the tests without the slow PDF, browser and scale suites (about a minute)
test-fast: $(VENV_READY) $(NODE_READY)
	$(PY) -m pytest -m "not slow"

## check: validate every summary and references.bib in seconds, without a build
check: $(VENV_READY)
	@$(BIN)/archive-check $(SOURCEDIR) -c .

## new: a new summary page, e.g. make new TITLE="..." MONTH=2021-09 AUTHOR="..."
##      TOPICS=empathy,attachment TYPE=meta-analysis KEY=smith2021warmth [SLUG=...]
##      (anything left out is asked for in a terminal)
new: $(VENV_READY)
	@$(BIN)/archive-new $(SOURCEDIR) -c . \
	    $(if $(TITLE),--title "$$TITLE") $(if $(MONTH),--month "$$MONTH") \
	    $(if $(AUTHOR),--author "$$AUTHOR") $(if $(TOPICS),--topics "$$TOPICS") \
	    $(if $(TYPE),--research-type "$$TYPE") $(if $(KEY),--reviews "$$KEY") \
	    $(if $(SLUG),--slug "$$SLUG")

## serve: live preview at http://127.0.0.1:8000 while editing (not strict)
SERVE_PORT ?= 8000
serve: $(VENV_READY) $(NODE_READY)
	$(PY) -m sphinx_autobuild $(SOURCEDIR) $(BUILDDIR)/serve -c . --keep-going -n $(SPHINXOPTS) \
	    --host 127.0.0.1 --port $(SERVE_PORT) \
	    --watch references.bib --watch extensions --watch conf.py \
	    --re-ignore '__pycache__|\.pyc$$'

## lint: the extension's layering (import-linter), and the CI, Read the Docs and
##       pre-commit files against their schemas
lint: $(VENV_READY)
	$(BIN)/lint-imports
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.readthedocs .readthedocs.yaml
	$(BIN)/pre-commit validate-config .pre-commit-config.yaml

## clean: remove build output and the generated navigation pages
clean:
	rm -rf $(BUILDDIR)
	@if [ -x "$(BIN)/archive-clean-pages" ]; then $(BIN)/archive-clean-pages $(SOURCEDIR); fi
	rm -rf $(SOURCEDIR)/_pdf $(SOURCEDIR)/_packet

## distclean: also remove the virtual environment
distclean: clean
	rm -rf $(VENV) node_modules

## import: bring saved blog pages in (SOURCE=<file or folder>, text or HTML) as summary
##         pages in docs/ and entries in references.bib; AUTHOR='Name' to override the author
import: $(VENV_READY)
	@if [ -z "$(SOURCE)" ]; then echo "usage: make import SOURCE=<saved blog page or folder> [AUTHOR='Name']" >&2; exit 2; fi
	$(BIN)/archive-import --docs $(SOURCEDIR) $(if $(AUTHOR),--author "$(AUTHOR)") "$(SOURCE)"

## bench: our archive against bare Sphinx on generated pages (N=400 and 2000);
##        options: make bench BENCH_ARGS="--sizes 400 2000 5000 --repeats 3"
BENCH_ARGS ?=
bench: $(VENV_READY) $(NODE_READY)
	$(PY) benchmarks/run.py $(BENCH_ARGS)
