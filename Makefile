# The two commands of the README: `make run` and `make test` (and `make formation`, the training instance).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run formation test test-clock test-postgres quality install demo chromium reliability reliability-short linter prod-local

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

## The test and training instance « GAMMA FORMATION » (README): the same code, its own SQLite
## database and mails in var/formation/, served on http://127.0.0.1:8001 beside `make run`
FORMATION := PRODOUANE_INSTANCE=formation PRODOUANE_VAR_DIR=$(CURDIR)/var/formation
formation: install
	$(FORMATION) $(PY) manage.py migrate --noinput
	$(FORMATION) $(PY) manage.py load_emcs_codelists
	$(FORMATION) $(PY) manage.py load_demo
	$(FORMATION) $(PY) manage.py runserver 127.0.0.1:8001

## The whole suite on SQLite (browser tests included), on both cores
test: install chromium
	$(VENV)/bin/pytest -n 2

## The suite without the browser tests, the clock set (time-machine, ticking) where Paris' date or
## hour differs from UTC's: 00:30 in Paris in winter and in summer, New Year's night, and the two
## changes of summer time. Chromium keeps the real clock, hence no browser test there.
CLOCKS := 2026-12-31T23:30:00Z 2026-07-14T22:30:00Z 2026-03-29T00:59:30Z 2026-10-25T00:59:30Z
test-clock: install
	@for clock in $(CLOCKS); do \
	  echo "== clock set to $$clock"; \
	  PRODOUANE_TEST_CLOCK=$$clock $(VENV)/bin/pytest -n 2 -q -m "not browser" || exit 1; \
	done

## Debian's Chromium drives the browser tests; install it when missing (root or sudo).
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium; }

## The same suite against PostgreSQL (DATABASE_URL must point to it)
test-postgres: install chromium
	$(VENV)/bin/pytest -n 2

## The reliability suite (reliability/README.md): the production topology started privately (its own
## PostgreSQL, Redis, RabbitMQ, SMTP, gunicorn, Celery), load to the breaking point, kill -9, outages,
## duplicates, hostile inputs; figures printed and written to var/reliability/figures-full.md (20–30 min)
reliability: install
	$(VENV)/bin/pytest -n 0 -s reliability

## The same with small numbers, for CI (under 4 minutes; the restore drill left to the full run):
## figures in var/reliability/figures-short.md
reliability-short: install
	RELIABILITY_SHORT=1 $(VENV)/bin/pytest -n 0 -s reliability --ignore=reliability/test_restore_drill.py

## Lint, format, migrations and production checks
quality: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) deploy/lint_migrations.py
	PRODUCTION_CHECK=1 PRODOUANE_ENV=production SECRET_KEY=ci-only-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	  ALLOWED_HOSTS=pro.douane.gouv.fr REDIS_URL=redis://127.0.0.1:6379/0 $(PY) manage.py check --deploy --fail-level WARNING

## The production topology on this machine (deploy/Procfile under honcho): gunicorn on
## 127.0.0.1:8000, Celery workers and beat, PostgreSQL, Redis, RabbitMQ (deploy/prod-local.sh)
prod-local: install
	VENV=$(CURDIR)/$(VENV) sh deploy/prod-local.sh

## Migrations newer than deploy/migration-baseline.txt must be safe to run under traffic
## (django-migration-linter, deploy/lint_migrations.py; expand/contract in deploy/README.md)
linter: install
	$(PY) deploy/lint_migrations.py
