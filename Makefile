# hailong: `make demo` to try it, `make test` to check it. Everything installs into .venv.
SHELL := /bin/bash
.DEFAULT_GOAL := help
UV_DIR := .tools/uv
UV := $(UV_DIR)/bin/uv
PYTHON_BIN = $(shell scripts/find-python.sh)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help install system-deps demo serve test test-sqlite test-postgres lint bench messages clean

help:
	@echo "make demo   install, create the SQLite database, seed the demo ward, serve on http://$(HOST):$(PORT)"
	@echo "make test   install and run the whole test suite (SQLite, then PostgreSQL if reachable)"
	@echo "make bench  run the benchmarks (FULL=1 for full sizes); prints one JSON object per line"
	@echo "make lint   ruff check, ruff format --check, mypy"

$(UV):
	@py="$(PYTHON_BIN)"; test -n "$$py" || exit 1; \
	  "$$py" -m venv $(UV_DIR) && $(UV_DIR)/bin/pip install -q --disable-pip-version-check uv

.venv/.installed: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python "$(PYTHON_BIN)" -q
	@touch $@

install: .venv/.installed
	@.venv/bin/python scripts/compile_messages.py
	@.venv/bin/hailong collectstatic --noinput -v0

system-deps:
	@scripts/system-deps.sh

demo: install system-deps
	.venv/bin/hailong migrate --noinput -v0
	.venv/bin/hailong seed-demo
	.venv/bin/hailong run-demo --host $(HOST) --port $(PORT)

serve: install
	.venv/bin/hailong run-demo --host $(HOST) --port $(PORT)

test: install system-deps
	@$(MAKE) --no-print-directory test-sqlite
	@$(MAKE) --no-print-directory test-postgres

test-sqlite:
	@echo "== SQLite run"
	.venv/bin/pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

test-postgres:
	@scripts/test-postgres.sh $(PYTEST_ARGS)

lint: install
	.venv/bin/ruff check hailong tests scripts
	.venv/bin/ruff format --check hailong tests scripts
	.venv/bin/mypy hailong

bench: install system-deps
	.venv/bin/hailong bench $(if $(FULL),--full,)

messages: install
	cd hailong && ../.venv/bin/hailong makemessages -l en --no-obsolete --ignore 'static/*'
	.venv/bin/python scripts/compile_messages.py

clean:
	rm -rf .venv .tools var/static
