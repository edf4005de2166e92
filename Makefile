# Every target sets up what it needs: `make serve` and `make test` are all a newcomer runs.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONPATH := $(CURDIR)/scripts
export NO_MKDOCS_2_WARNING := 1

NODE_STAMP := node_modules/.installed-test
NODE_DEV_STAMP := node_modules/.installed-dev

.PHONY: help setup serve build check test browser-deps bench bench-search clean new status

help:
	@echo "make serve   set up, build and serve on http://127.0.0.1:8000 with live reload"
	@echo "make test    set up and run every test (installs Chromium and a CJK font with apt if missing)"
	@echo "make build   strict build of site/ from scratch (the previous site/ is kept if the build fails)"
	@echo "make check   validate the content only"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt -c constraints.txt
	@touch $(STAMP)

setup: $(STAMP)

# axe-core for the accessibility tests; Lighthouse (a dev dependency) only for the benchmark.
$(NODE_STAMP): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP)

$(NODE_DEV_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $(NODE_STAMP) $(NODE_DEV_STAMP)

serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

build: $(STAMP)
	$(PY) -m handbook build

check: $(STAMP)
	$(PY) -m handbook check

browser-deps:
	@bash tools/ensure-browser.sh

test: $(STAMP) $(NODE_STAMP) browser-deps
	$(PY) -m pytest -p no:cacheprovider tests

clean:
	rm -rf site .build
