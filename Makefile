# Werkplekportaal: the two set-up commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python 3.12+ interpreter: PYTHON=... wins; else python3.13 / python3.12 / python3 on PATH that
# really run (pyenv shims that are not activated fail), else an installed pyenv version.
define find_python
for c in python3.13 python3.12 python3 $$HOME/.pyenv/versions/3.13*/bin/python3.13 $$HOME/.pyenv/versions/3.12*/bin/python3.12; do \
  if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then \
    command -v $$c; exit 0; fi; \
done; exit 0
endef
PYTHON ?= $(shell $(find_python))

VENV := .venv
VPY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: help run test check lint format bench security audit-frontend screenshots messages clean

help:
	@echo "make run    - install, migrate, load the demo content and serve http://$(HOST):$(PORT)/"
	@echo "make test   - install the development extras and run the whole test suite"
	@echo "make check  - Django system checks, missing migrations and ruff"
	@echo "make bench  - benchmarks on PostgreSQL with gunicorn and wrk (not part of make test)"
	@echo "make security - bandit and a dependency audit"
	@echo "make audit-frontend - Lighthouse, axe and page weight over the main pages (AUDIT_ARGS=--preset=desktop)"
	@echo "make screenshots - renew the screenshots in docs/screenshots/"

python-check:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.12 or newer found (tried python3.13, python3.12, python3 and ~/.pyenv/versions)."; \
	  echo "Install Python 3.12+ or point to it: make run PYTHON=/path/to/python3.13"; exit 1; fi
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 12))' || { \
	  echo "$(PYTHON) is older than Python 3.12; Django 6 needs 3.12 or newer."; exit 1; }

$(VENV)/.installed: pyproject.toml | python-check
	@test -x $(VPY) || $(PYTHON) -m venv $(VENV)
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(VPY) -m pip install --quiet -e '.[dev]'
	@touch $@

run: $(VENV)/.installed
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py load_demo --base-url http://$(HOST):$(PORT)
	$(VPY) manage.py runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(VPY) -m pytest $(PYTEST_ARGS)

check: $(VENV)/.installed-dev
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VPY) manage.py check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(VPY) manage.py makemigrations --check --dry-run
	$(VPY) -m ruff check .
	$(VPY) -m ruff format --check .

lint: check

format: $(VENV)/.installed-dev
	$(VPY) -m ruff check --fix .
	$(VPY) -m ruff format .

messages: $(VENV)/.installed-dev
	$(VPY) manage.py makemessages -l en --ignore '.venv/*' --ignore 'node_modules/*'
	$(VPY) manage.py compilemessages -l en -l nl_BE --ignore '.venv/*'

bench: $(VENV)/.installed-dev
	$(VPY) tests/perf/bench.py $(BENCH_ARGS)

security: $(VENV)/.installed-dev
	$(VPY) tests/security/run_security.py

# npm ci writes node_modules/.package-lock.json: axe-core and Lighthouse, test tools only.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

audit-frontend: $(VENV)/.installed-dev node_modules/.package-lock.json
	$(VPY) tests/e2e/audit_frontend.py $(AUDIT_ARGS)

screenshots: $(VENV)/.installed-dev
	$(VPY) tests/e2e/screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
