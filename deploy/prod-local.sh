#!/bin/sh
# `make prod-local`: the production topology on this machine (deploy/Procfile under honcho):
# gunicorn on 127.0.0.1:8000, one Celery worker per queue and beat, on PostgreSQL, Redis and
# RabbitMQ, PRODOUANE_ENV=production with a throwaway SECRET_KEY and no TLS. Ctrl-C stops it all.
#
#   DATABASE_URL       postgres://postgres@127.0.0.1:5432/prodouane_local (created if missing)
#   REDIS_URL          redis://127.0.0.1:6379/1
#   CELERY_BROKER_URL  amqp://guest:guest@127.0.0.1:5672/prodouane_local (vhost created if missing)
#   PRODOUANE_VAR_DIR  var/prod-local (static files, mails written as files, beat's schedule)
set -eu
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
VENV="${VENV:-$ROOT/.venv}"
PATH="$VENV/bin:$PATH"
export PATH

export PRODOUANE_ENV=production
export SECRET_KEY="${SECRET_KEY:-prod-local-$(python -c 'import secrets; print(secrets.token_urlsafe(48))')}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export SECURE_SSL_REDIRECT=0  # no TLS here: http://localhost:8000 (a browser keeps Secure cookies on localhost)
export SECURE_HSTS_SECONDS=0
export CSRF_TRUSTED_ORIGINS="${CSRF_TRUSTED_ORIGINS:-http://127.0.0.1:8000,http://localhost:8000}"
export PORTAL_PUBLIC_URL="${PORTAL_PUBLIC_URL:-http://127.0.0.1:8000}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/prodouane_local}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/1}"
export CELERY_BROKER_URL="${CELERY_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672/prodouane_local}"
export PRODOUANE_VAR_DIR="${PRODOUANE_VAR_DIR:-$ROOT/var/prod-local}"
# Mails as files in $PRODOUANE_VAR_DIR/mail (no SMTP server here; set EMAIL_BACKEND/EMAIL_HOST for one).
export EMAIL_BACKEND="${EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}"
export EU_GATEWAY="${EU_GATEWAY:-simulator}"  # the real CCN/CSI gateway is not built
export GUNICORN_BIND="${GUNICORN_BIND:-127.0.0.1:8000}"
export PYTHONUNBUFFERED=1
mkdir -p "$PRODOUANE_VAR_DIR"

# PostgreSQL: the database, created if missing.
db_name="${DATABASE_URL##*/}"
db_name="${db_name%%\?*}"
admin_url="${DATABASE_URL%/*}/postgres"
if [ "$(psql "$admin_url" -tAc "select 1 from pg_database where datname = '$db_name'")" != 1 ]; then
  echo "prod-local: creating the database $db_name"
  psql "$admin_url" -qc "create database \"$db_name\""
fi

# RabbitMQ: the vhost (deploy/rabbitmq/setup.sh, as guest: local only).
vhost="${CELERY_BROKER_URL##*/}"
if [ -n "$vhost" ] && command -v rabbitmqctl >/dev/null 2>&1; then
  RABBITMQ_VHOST="$vhost" RABBITMQ_USER="${RABBITMQ_USER:-guest}" sh deploy/rabbitmq/setup.sh >/dev/null
fi

# The deploy steps, in order: migrations on their own, reference data, static files.
deploy/migrate.sh
python manage.py load_emcs_codelists
python manage.py load_demo
python manage.py collectstatic --noinput -v 0

echo "prod-local: http://127.0.0.1:8000/ (health: /sante/), Ctrl-C stops every process"
exec honcho -f deploy/Procfile -d "$ROOT" start ${PROD_LOCAL_PROCESSES:-}
