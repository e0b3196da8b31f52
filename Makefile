# One command to preview, one to test. Each sets up what it needs first, from the pins.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
# The quiz plugin's browser runtime, copied from node_modules into the package; its manifest is the stamp.
RUNTIME_STAMP := quiz/runtime/manifest.json

BENCH_STAMP := bench/node_modules/.installed

.PHONY: serve test test-fast test-plugin build check lint bench wheel screenshots setup system-deps clean

## serve: set up, build and serve the site with live reload on http://127.0.0.1:8000
serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

## test: set up (the browsers included) and run the whole test suite; ENGINE=chromium|firefox|webkit runs
## only the cross-engine flows (tests/test_engines.py), in that engine
test: setup system-deps
	$(BIN)/python -m pytest $(if $(ENGINE),tests/test_engines.py -k $(ENGINE))

## test-fast: everything that needs no browser (unit, format, build, lint), for the edit-test loop
test-fast: setup
	$(BIN)/python -m pytest -q -m "not browser and not engines"

## test-plugin: the plugin from its wheel on outside sites; VERSIONS=oldest (every supported lower bound) or newest
test-plugin: setup system-deps
	$(BIN)/python -m pytest -q tests/test_package.py -k "$(if $(filter oldest,$(VERSIONS)),oldest,not oldest)"

## build: strict build into site/
build: setup
	$(BIN)/mkdocs build --strict

## check: every quiz mistake as path:line: message, without building
check: setup
	$(BIN)/python -m quiz check docs

## lint: the linters alone: the table in tests/test_lint.py (make test runs it, pre-commit mirrors it) and the quiz check
lint: setup
	$(BIN)/python -m pytest -q tests/test_lint.py -k "test_linter_passes or test_pre_commit_hooks_are_local"
	$(BIN)/python -m quiz check docs

## bench: page-load figures (MicroPython, Pyodide, plain JavaScript), build scaling and Lighthouse
bench: setup system-deps $(BENCH_STAMP)
	$(BIN)/python bench/run.py

## wheel: the quiz plugin as a wheel in dist/ (mkdocs-pyscript-quiz, runtime included)
# In pip's isolated build environment, with the setuptools pyproject.toml pins, so .venv keeps its own;
# build/ is emptied first, or a module removed from quiz/ would linger in setuptools' staging folder.
wheel: setup
	rm -rf build
	$(BIN)/python -m pip wheel --quiet --disable-pip-version-check --no-deps --wheel-dir dist .

## screenshots: the README's pictures of the quiz (phone and desktop, before and after checking) into .github/readme/
screenshots: setup system-deps
	$(BIN)/python tools/screenshots.py

setup: $(PY_STAMP) $(NODE_STAMP) $(RUNTIME_STAMP)

$(PY_STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(RUNTIME_STAMP): $(PY_STAMP) $(NODE_STAMP) package-lock.json sitebuild/runtime_vendor.py
	$(BIN)/python -m sitebuild vendor-runtime

$(BENCH_STAMP): bench/package.json bench/package-lock.json
	npm ci --prefix bench --no-audit --no-fund
	touch $@

system-deps:
	sh tools/install-system-deps.sh

clean:
	rm -rf site docs/assets/vendor quiz/runtime dist build .pytest_cache
