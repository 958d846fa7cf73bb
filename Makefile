# talkbook — the two commands a fresh machine needs are `make serve` and `make test`.
# Each installs what it needs first: a .venv, npm packages, and for tests Chromium.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve site test models bench deps test-deps chromium clean

## serve: install, then serve the course at http://127.0.0.1:8000 with live reload
serve: deps
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

## site: build the static site into site/ for publishing (fails on any warning)
site: deps
	$(PY) -m mkdocs build --strict

## test: install everything the tests need (Chromium included), then run the whole suite
test: test-deps chromium
	$(PY) -m pytest -q

## models: retrain the course's model recipes whose source changed, into course/models/frozen
models: test-deps
	$(PY) -m talkbook.models retrain

## bench: the benchmark suite (not part of `make test`); QUICK=1 for a short run that leaves docs/ alone
bench: test-deps chromium $(VENV)/.bench-deps
	$(PY) -m benchmarks $(if $(QUICK),--quick,)

$(VENV)/.bench-deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,bench]'
	touch $@

deps: $(VENV)/.deps node_modules/.deps

test-deps: deps $(VENV)/.test-deps

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test,train]'
	touch $@

node_modules/.deps: package.json package-lock.json $(wildcard kernels/build/*.mjs)
	npm ci --no-audit --no-fund
	node kernels/build/bundle.mjs
	touch $@

# Debian's Chromium, driven by Playwright through executable_path; never `playwright install`.
chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

clean:
	rm -rf site .site.staging build
