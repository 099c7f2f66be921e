# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-postgres quality install demo chromium

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## Install, migrate, load reference and demo data, serve on http://127.0.0.1:8000
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_emcs_codelists
	$(PY) manage.py load_demo
	$(PY) manage.py runserver 127.0.0.1:8000

## The whole suite on SQLite (browser tests included), on both cores
test: install chromium
	$(VENV)/bin/pytest -n 2

## Debian's Chromium drives the browser tests; install it when missing (root or sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

## The same suite against PostgreSQL (DATABASE_URL must point to it)
test-postgres: install chromium
	$(VENV)/bin/pytest -n 2

## Lint, format, migrations and production checks
quality: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	PRODUCTION_CHECK=1 PRODOUANE_ENV=production SECRET_KEY=ci-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	  ALLOWED_HOSTS=pro.douane.gouv.fr REDIS_URL=redis://127.0.0.1:6379/0 $(PY) manage.py check --deploy --fail-level WARNING
