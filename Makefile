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

.PHONY: help setup serve build check test test-fast browser-deps bench bench-search clean new status insights contributing

help:
	@echo "make serve   set up, build and serve on http://127.0.0.1:8000 with live reload"
	@echo "make test    set up and run every test (installs Chromium and a CJK font with apt if missing)"
	@echo "make test-fast   schema, loader, validation, render and unit tests only: no build, browser or server"
	@echo "make build   strict build of site/ from scratch (the previous site/ is kept if the build fails)"
	@echo "make check   validate the content only"
	@echo "make bench   build time, page weight, Lighthouse scores and a synthetic scale run, as one table"
	@echo "make new KIND=letters ID=my-letter   create a draft record with TODO in every text"
	@echo "make status  records per kind and status, overdue reviews, drafts, outdated translations"
	@echo "make insights LOG=events.log [CSV=folder]   failed searches, unhelpful pages, most and least read records"
	@echo "make contributing   rewrite the field tables in CONTRIBUTING.md from the schemas' descriptions"

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

new: $(STAMP)
	@if [ -z "$(KIND)" ] || [ -z "$(ID)" ]; then echo "usage: make new KIND=letters ID=my-new-letter" >&2; exit 2; fi
	$(PY) -m handbook new "$(KIND)" "$(ID)"

status: $(STAMP)
	$(PY) -m handbook status

insights: $(STAMP)
	@if [ -z "$(LOG)" ]; then echo "usage: make insights LOG=path/to/events.log [CSV=folder] (LOG may list several logs)" >&2; exit 2; fi
	$(PY) -m handbook insights $(LOG) $(if $(CSV),--csv "$(CSV)")

contributing: $(STAMP)
	$(PY) -m handbook contributing

browser-deps:
	@bash tools/ensure-browser.sh

test: $(STAMP) $(NODE_STAMP) browser-deps
	$(PY) -m pytest

# The tiers are pytest markers (pytest.ini); a test using the built site, Chromium or a server is marked by its fixtures.
FAST_TIER := not build and not browser and not nginx and not serve and not slow

# It runs on every core (pytest-xdist), a module per worker: each worker loads the records once (tests/support/content.py)
# and a module's fixtures are made once.
test-fast: $(STAMP)
	$(PY) -m pytest -n auto --dist loadscope -m "$(FAST_TIER)"

# Build time, page weight over nginx with gzip, Lighthouse mobile scores and a synthetic scale run, as one table.
# BENCH_ARGS="--scale 100,500" picks other scale sizes; --no-lighthouse and --no-scale skip parts.
bench: $(STAMP) $(NODE_DEV_STAMP) browser-deps
	$(PY) -m tools.bench $(BENCH_ARGS)

bench-search: $(STAMP) browser-deps
	$(PY) -m tools.bench_search --write dev-docs/search.md

clean:
	rm -rf site .build
