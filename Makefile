# One command to preview, one to test. Each sets up what it needs first, from the pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

BENCH_STAMP := bench/node_modules/.installed

.PHONY: serve test build check lint bench setup system-deps clean

## serve: set up, build and serve the site with live reload on http://127.0.0.1:8000
serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

## test: set up (Chromium included) and run the whole test suite
test: setup system-deps
	$(BIN)/python -m pytest

## build: strict build into site/
build: setup
	$(BIN)/mkdocs build --strict

## check: every quiz mistake as path:line: message, without building
check: setup
	$(BIN)/python -m quiz check docs

## lint: the linters pre-commit runs (make test runs them too, as tests/test_lint.py)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/codespell
	$(BIN)/pymarkdown scan -r docs quiz/README.md README.md CONTRIBUTING.md BENCHMARKS.md
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/python -m quiz check docs

## bench: page-load figures (MicroPython, Pyodide, plain JavaScript), build scaling and Lighthouse
bench: setup system-deps $(BENCH_STAMP)
	$(BIN)/python bench/run.py

setup: $(PY_STAMP) $(NODE_STAMP)

$(PY_STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(BENCH_STAMP): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	touch $@

system-deps:
	sh tools/install-system-deps.sh

clean:
	rm -rf site docs/assets/vendor docs/assets/quiz overrides/partials/quiz-runtime.html .pytest_cache
