#!/bin/sh
# Migrations as their own deploy step (deploy/README.md « Déployer »), before any app server runs
# the new code. Run from the project's folder with the production environment.
#
# - No statement time limit: building a table or backfilling a column may take minutes
#   (DATABASE_STATEMENT_TIMEOUT_MS=0), whereas the app servers keep their 15 s.
# - A short lock time limit (MIGRATE_LOCK_TIMEOUT_MS, 3 s): a migration that must wait for a lock
#   held by a long request gives up instead of queueing every following request behind it (in
#   PostgreSQL's lock queue, the app's queries would wait for the migration that waits for the
#   lock); it is tried again after a pause, MIGRATE_ATTEMPTS times.
# - No pool: one connection, closed at the end.
set -eu
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
attempts="${MIGRATE_ATTEMPTS:-5}"
pause="${MIGRATE_RETRY_PAUSE:-10}"
export DATABASE_STATEMENT_TIMEOUT_MS=0
export DATABASE_LOCK_TIMEOUT_MS="${MIGRATE_LOCK_TIMEOUT_MS:-3000}"
export DATABASE_POOL=0
log="$(mktemp)"
trap 'rm -f "$log"' EXIT

attempt=1
while :; do
  if "$PYTHON" manage.py migrate --noinput >"$log" 2>&1; then
    cat "$log"
    exit 0
  fi
  cat "$log" >&2
  if ! grep -q "lock timeout" "$log"; then
    echo "migrate.sh: the migration failed (not a lock wait): stopped, nothing retried" >&2
    exit 1
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "migrate.sh: still waiting for a lock after $attempts attempts: stopped" >&2
    exit 1
  fi
  echo "migrate.sh: a lock was not obtained within ${DATABASE_LOCK_TIMEOUT_MS} ms (attempt $attempt/$attempts): again in ${pause} s" >&2
  attempt=$((attempt + 1))
  sleep "$pause"
done
