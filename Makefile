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
EDGE_PORT ?= 8080
PYTEST_ARGS ?=

.PHONY: help run run-edge test check lint format bench security audit-frontend screenshots messages clean mutants

help:
	@echo "make run    - install, migrate, load the demo content and serve http://$(HOST):$(PORT)/"
	@echo "make run-edge - the same database as production serves it: gunicorn behind Varnish, http://$(HOST):$(EDGE_PORT)/"
	@echo "make test   - install the development extras and run the whole test suite"
	@echo "make check  - Django system checks, missing migrations and ruff"
	@echo "make mutants - mutation testing (mutmut) of validators, word forms, tokens, facet index"
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

# Links in e-mails sent from the admin (approval, Wagtail's notifications) use the Site's root URL
# (load_demo --base-url) and WAGTAILADMIN_BASE_URL: both follow HOST and PORT.
run: export WAGTAILADMIN_BASE_URL = http://$(HOST):$(PORT)
run: $(VENV)/.installed
	$(VPY) manage.py migrate --noinput
	$(VPY) manage.py load_demo --base-url http://$(HOST):$(PORT)
	$(VPY) manage.py runserver $(HOST):$(PORT)

# Production's stack on this machine, on the database `make run` made: gunicorn with the
# production settings behind Varnish (deploy/varnish/default.vcl). Needs Debian's varnish package.
run-edge: $(VENV)/.installed
	@echo "Serving the portal through Varnish at http://$(HOST):$(EDGE_PORT)/ (gunicorn behind it, production settings)"
	$(VPY) -m portal.edge_server --host $(HOST) --port $(EDGE_PORT)

# The accessibility tests need axe-core from npm: installed here when npm exists; without node
# they skip with the reason (CI, with WPP_REQUIRE_BROWSER=1, fails instead).
test: $(VENV)/.installed-dev
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory node_modules/.package-lock.json; \
	else echo "npm not found: the axe-core accessibility tests will be skipped (install Node.js to run them)."; fi
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

# Mutation testing of the validators, search/dutch.py, the registration tokens and the facet
# index ([tool.mutmut] in pyproject.toml); MUTANTS="search.dutch*" runs a subset. Not part of
# make test: slow. Survivors and what was done about them: docs/testing.md.
MUTANTS ?=
mutants: $(VENV)/.installed-dev
	$(VENV)/bin/mutmut run $(MUTANTS)
	$(VENV)/bin/mutmut results

bench: $(VENV)/.installed-dev
	$(VPY) tests/perf/bench.py $(BENCH_ARGS)

security: $(VENV)/.installed-dev
	$(VPY) tools/run_security.py

# npm ci writes node_modules/.package-lock.json: axe-core and Lighthouse, test tools only.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

audit-frontend: $(VENV)/.installed-dev node_modules/.package-lock.json
	$(VPY) tools/audit_frontend.py $(AUDIT_ARGS)

screenshots: $(VENV)/.installed-dev
	$(VPY) tools/screenshots.py

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
