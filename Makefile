# The README's commands. Each works on a fresh machine: it creates .venv and installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.test-tools-stamp
PYTEST_ARGS ?=

.PHONY: install run test test-all lint bench bench-smoke audit clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip setuptools
	$(BIN)/python -m pip install --quiet -e ".[postgres,test]"
	touch $(STAMP)

## What only the tests use, kept out of `make run`'s install: NegMAS (the reference the win-win
## engine is compared with) and, through npm, axe-core and the OpenAPI linters and generators
## (package-lock.json). Without npm those tests skip (in CI, where TRACKER_REQUIRE_SERVICES=1, they fail).
$(TEST_STAMP): $(STAMP) package.json package-lock.json
	$(BIN)/python -m pip install --quiet -e ".[postgres,test,reference]"
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the accessibility and OpenAPI tool checks will be skipped"; fi
	touch $(TEST_STAMP)

install: $(STAMP)

## Start the web app on the embedded SQLite store (data kept in ./var, or $$TRACKER_DATA_DIR).
run: $(STAMP)
	$(BIN)/tracker serve

## The tests: unit, feature scenarios, SQLite and PostgreSQL integration, browser. The tests marked
## slow (fuzzing, crash cycles, two servers, long histories) run when TRACKER_RUN_SLOW=1: CI sets it.
SLOW_FILTER := $(if $(filter 1,$(TRACKER_RUN_SLOW)),,-m "not slow")
test: $(TEST_STAMP)
	$(BIN)/python -m pytest $(SLOW_FILTER) $(PYTEST_ARGS)

## ruff: the formatting and the lint rules written in pyproject.toml (CI runs it before the tests).
lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

## Every test, the slow ones too (what CI runs).
test-all: $(TEST_STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## Known vulnerabilities in the installed dependencies (pip-audit, needs the network): exit 1 when any is
## found; dependencies the service cannot check are listed as NOT AUDITED, never counted as clean.
audit: $(STAMP)
	$(BIN)/python -m tests.tooling.dependency_audit

## Benchmarks: each prints its ratio and target, and exits non-zero when a target is missed.
bench: $(STAMP)
	$(BIN)/python -m bench

## The benchmarks at tiny sizes: checks that they run (no target is enforced).
bench-smoke: $(STAMP)
	$(BIN)/python -m bench --smoke

clean:
	rm -rf $(VENV) .pytest_cache artifacts node_modules
