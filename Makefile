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
SERVE_PORT ?= 8000
BENCH_ARGS ?=

# Every value a person gives a target (make collection TITLE=..., make import
# SOURCE=..., SPHINXOPTS, ...) reaches the commands only through the
# environment: it is taken as written (never expanded by make, so '$(shell ...)'
# stays text) and recipes use it as "$$NAME" or let Python read it, so no value
# is ever pasted into a shell command line.
ARGUMENTS := TITLE SUBTITLE TOPICS TYPES SINCE UNTIL SUMMARIES SOURCE AUTHOR MONTH TYPE KEY \
             SLUG PAPER SPHINXOPTS JOBS SERVE_PORT BENCH_ARGS
$(foreach name,$(ARGUMENTS),$(eval override $(name) := $$(value $(name))))
export $(ARGUMENTS)

# The paths recipes use as words may hold only these characters.
PATH_CHARS := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M \
              N O P Q R S T U V W X Y Z 0 1 2 3 4 5 6 7 8 9 _ . / + -
without = $(if $(2),$(call without,$(subst $(firstword $(2)),,$(1)),$(wordlist 2,999,$(2))),$(1))
space := $(subst ,, )
$(foreach name,PYTHON VENV SOURCEDIR BUILDDIR,$(if \
    $(call without,$(subst $(space),?,$(value $(name))),$(PATH_CHARS)),$(error \
    $(name) may hold only letters, digits and _ . / + -)))

# Strict: warnings are errors (but all are reported), and no broken references.
STRICT := -W --keep-going -n
# Runs a command with the options in an environment variable added, split as a
# shell would split them, but without a shell (scripts/with-args).
WITH_ARGS := $(PY) scripts/with-args

.DEFAULT_GOAL := all
.PHONY: all help html pdf collection tex test test-fast check new serve lint clean distclean import bench

## all: the HTML archive and the PDFs (the default)
all: pdf html

## help: list the targets
help:
	@sed -n 's/^## //p' Makefile

$(VENV_READY): requirements.txt pyproject.toml scripts/bootstrap-venv
	scripts/bootstrap-venv $(PYTHON) $(VENV) requirements.txt
	touch $@

# citeproc-js (the references' CSL engine) and any other npm package, exactly
# as package-lock.json pins them; Node.js itself via scripts/ensure-node.
NODE_READY := node_modules/.ready
$(NODE_READY): package.json package-lock.json scripts/ensure-node
	@scripts/ensure-node
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## html: the HTML archive in _build/html/ (replaced only when the build succeeds)
# Built into a copy ($(BUILDDIR)/html.next, with its saved environment, so the
# build stays incremental) that replaces $(BUILDDIR)/html only on success, each
# step checked; one build at a time (a second one waits). See cli/html.py.
html: $(VENV_READY) $(NODE_READY)
	@$(PY) -m summary_archive.cli.html $(SOURCEDIR) . $(BUILDDIR)

## pdf: the PDFs (whole archive, years, topics, curated collections, one handout per
##      summary) in _build/html/downloads/; PAPER=a4 for A4 instead of Letter
pdf: $(VENV_READY) $(NODE_READY) tex
	$(BIN)/archive-pdf --source $(SOURCEDIR) --confdir . --build $(BUILDDIR) --jobs="$$JOBS" \
	    $(if $(PAPER),--paper="$$PAPER") all

## collection: a reading packet, e.g. make collection TOPICS="empathy attachment" SINCE=2019-01 TITLE="Readings"
##             (also TYPES, UNTIL, SUMMARIES="2021/08/slug ...", SUBTITLE, PAPER=a4)
collection: $(VENV_READY) $(NODE_READY) tex
	$(BIN)/archive-pdf --source $(SOURCEDIR) --confdir . --build $(BUILDDIR) --jobs="$$JOBS" \
	    $(if $(PAPER),--paper="$$PAPER") \
	    packet --title="$$TITLE" --subtitle="$$SUBTITLE" --topics="$$TOPICS" \
	    --types="$$TYPES" --since="$$SINCE" --until="$$UNTIL" --summaries="$$SUMMARIES"

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
	    $(if $(TITLE),--title="$$TITLE") $(if $(MONTH),--month="$$MONTH") \
	    $(if $(AUTHOR),--author="$$AUTHOR") $(if $(TOPICS),--topics="$$TOPICS") \
	    $(if $(TYPE),--research-type="$$TYPE") $(if $(KEY),--reviews="$$KEY") \
	    $(if $(SLUG),--slug="$$SLUG")

## serve: live preview at http://127.0.0.1:8000 while editing (not strict; SERVE_PORT=...)
serve: $(VENV_READY) $(NODE_READY)
	$(WITH_ARGS) SPHINXOPTS $(PY) -m sphinx_autobuild $(SOURCEDIR) $(BUILDDIR)/serve -c . \
	    --keep-going -n --host 127.0.0.1 --port="$$SERVE_PORT" \
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
##         pages in docs/ and entries in references.bib; AUTHOR='Name' to override the author,
##         CROSSREF=1 to verify each citation with Crossref (answers cached in .crossref-cache/)
import: $(VENV_READY)
	@if [ -z "$$SOURCE" ]; then echo "usage: make import SOURCE=<saved blog page or folder> [AUTHOR='Name']" >&2; exit 2; fi
	$(BIN)/archive-import $(if $(CROSSREF),--crossref )--docs $(SOURCEDIR) $(if $(AUTHOR),--author="$$AUTHOR" )-- "$$SOURCE"

## bench: our archive against bare Sphinx and ablog on generated pages (N=400,
##        2000 and 5000; about two hours, half of it ablog); options, e.g.
##        make bench BENCH_ARGS="--sizes 400 2000 --repeats 3 1"
# ablog, the peer layout, is installed for the benchmark only.
BENCH_READY := $(VENV)/.bench-ready
$(BENCH_READY): $(VENV_READY) benchmarks/requirements.txt
	$(PY) -m pip install --quiet --no-deps -r benchmarks/requirements.txt
	$(PY) -m pip check
	touch $@

bench: $(BENCH_READY) $(NODE_READY)
	$(WITH_ARGS) BENCH_ARGS $(PY) benchmarks/run.py
