# talkbook — the two commands a fresh machine needs are `make serve` and `make test`.
# Each installs what it needs first: a .venv, npm packages, and for tests Chromium.
# Node and npm are tools for developing talkbook: `make assets` puts every browser file a site
# needs into the Python package (plugins/talkbook/bundled/), and authors never need either.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BUILD_VENV := .build-venv
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: serve site docs docs-serve test models bench deps test-deps assets wheel chromium clean

## serve: install, then serve the course at http://127.0.0.1:8000 with live reload
serve: deps
	$(PY) -m mkdocs serve -a 127.0.0.1:8000

## site: build the static site into site/ for publishing (fails on any warning)
site: deps
	$(PY) -m mkdocs build --strict

## docs: build talkbook's own documentation (a talkbook site itself) into build/docs-site/
docs: deps
	$(PY) -m mkdocs build --strict -f mkdocs.docs.yml

## docs-serve: serve talkbook's own documentation at http://127.0.0.1:8001 with live reload
docs-serve: deps
	$(PY) -m mkdocs serve -f mkdocs.docs.yml -a 127.0.0.1:8001

## wheel: the sdist and the wheel authors install (dist/), with every browser file inside
wheel: assets $(BUILD_VENV)/.ok
	$(BUILD_VENV)/bin/python -m build --no-isolation --outdir dist .

# pypa build and a current setuptools in a venv of their own: tensorflowjs (in .venv) pins an old
# `packaging` that setuptools>=77 cannot build with. The wheel tests build with it too.
$(BUILD_VENV)/.ok:
	$(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install -q build==1.3.0 setuptools==80.9.0 wheel==0.45.1 packaging==25.0
	touch $@

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

deps: assets $(VENV)/.deps

## assets: bundle and copy the browser files into the package (npm ci, then esbuild)
assets: plugins/talkbook/bundled/manifest.json

test-deps: deps $(VENV)/.test-deps $(BUILD_VENV)/.ok

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.deps: pyproject.toml setup.py | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml setup.py | $(PY)
	$(PY) -m pip install -q -e '.[test,train]'
	touch $@

node_modules/.deps: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# The snapshot of Python's start (kernels/build/pyodide-start.mjs) holds the kernel's Python and scratchnet.
plugins/talkbook/bundled/manifest.json: node_modules/.deps plugins/talkbook/vendor.json $(wildcard kernels/build/*.mjs kernels/offline/*.js kernels/cells/python/*.py kernels/python/scratchnet/*.py)
	node kernels/build/bundle.mjs

# Debian's Chromium, driven by Playwright through executable_path; never `playwright install`.
# poppler-utils: the deck tests read the printed PDF's text (pdftotext, pdfinfo).
chromium:
	@command -v chromium >/dev/null && command -v pdftotext >/dev/null || { $(SUDO) apt-get update -q && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium poppler-utils; }

clean:
	rm -rf site .site.staging build dist plugins/talkbook/bundled
