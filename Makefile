# Template repository tasks. `make setup` once, then `make test` (what CI runs).
# Generated projects have their own Makefile in {{cookiecutter.__project_dir}}/.

VENV := .venv
BIN := $(VENV)/bin
PYTEST := $(BIN)/pytest
# -n auto: one worker per core. --dist loadgroup: every tier of one combination (and of its
# STATIC_ONLY twins) on one worker, sharing one bake and one `uv sync` (tests/conftest.py's
# CombinationScheduling does the grouping).
PARALLEL ?= -n auto --dist loadgroup
COMBO ?=
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup test test-all test-static test-one combos bake bench bench-smoke lint clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

setup: ## create .venv and install the pinned tools of requirements/dev.txt
	@command -v uv >/dev/null || { echo "uv is needed: python3 -m pip install uv" >&2; exit 1; }
	test -x $(BIN)/python || uv venv --python python3 $(VENV)
	uv pip install --python $(BIN)/python -r requirements/dev.txt

test: ## the whole suite: hooks, matrix, static, run and service tiers of every combination
	$(PYTEST) $(PARALLEL) $(ARGS)

test-all: ## `make test` with every combination's whole generated test suite, whatever SUITES says
	$(PYTEST) $(PARALLEL) --suites=all $(ARGS)

test-static: ## fast: hook and matrix tests and the static tier of every combination
	$(PYTEST) $(PARALLEL) -m "not run and not service" $(ARGS)

test-one: ## every tier of one combination: COMBO="orm_mode=sync database=postgresql" or an id
	@test -n "$(COMBO)" || { echo 'usage: make test-one COMBO="option=value ..." (the options that differ from the defaults) or COMBO=<id> (make combos)' >&2; exit 2; }
	$(PYTEST) -p no:xdist -m "static or run or service" --suites=all --combo "$(COMBO)" $(ARGS)

combos: ## list the combination ids derived from cookiecutter.json
	@$(BIN)/python -c 'from pathlib import Path; from tests.matrix import template_combinations; print("\n".join(c.id for c in template_combinations(Path("."))))'

bench: ## load-test generated services against a raw baseline (PostgreSQL; installs wrk): ARGS="--runs 1"
	$(BIN)/python bench/run.py $(ARGS)

bench-smoke: ## the whole bench path in seconds, what CI runs (timing never fails it)
	$(BIN)/python bench/run.py --smoke $(ARGS)

bake: ## bake the default project (or ARGS="orm_mode=sync ...") into build/
	rm -rf build
	$(BIN)/cookiecutter --no-input --output-dir build . $(ARGS)
	@project=$$(find build -mindepth 1 -maxdepth 1 -type d | head -n 1); package=$$(basename "$$(find $$project/src -mindepth 1 -maxdepth 1 -type d | head -n 1)"); \
	echo; echo "Baked $$project. Serve it with:"; \
	echo "  cd $$project && make install && make migrate && make run"; \
	echo "or without make:"; \
	echo "  cd $$project && uv sync && uv run alembic upgrade head && uv run uvicorn $$package.main:app --reload"

lint: ## ruff and mypy on the template repo's own Python (hooks, extensions, tests)
	$(BIN)/ruff check hooks tests bench local_extensions.py
	$(BIN)/ruff format --check tests bench local_extensions.py
	$(BIN)/mypy

clean: ## remove build output and caches (keeps .venv)
	rm -rf build .pytest_cache .ruff_cache .mypy_cache
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
