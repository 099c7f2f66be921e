#!/usr/bin/env bash
# Restore drill (point-in-time recovery) of the portal's PostgreSQL database with pgBackRest, on
# this machine, beside (never touching) the machine's own cluster on port 5432:
#
#   1. a private primary cluster (initdb) in a temporary directory, archiving its WAL with
#      pgBackRest's archive-push into a temporary repository;
#   2. the portal's schema (migrate), code lists (load_emcs_codelists) and demo data (load_demo);
#   3. a full base backup (pgbackrest backup --type=full);
#   4. validated movements written (DRILL_ROWS_BEFORE), time T recorded with the row count of every
#      table and the last ARC; more movements written after T (DRILL_ROWS_AFTER); WAL switched
#      and archived;
#   5. restore into another directory, recovery_target_time = T, promote; started on another port;
#   6. checks: every table's row count equals the one at T, the last ARC equals the one at T, no
#      movement written after T is there. Any mismatch: exit 1.
#
# Cleaned up by a trap (both clusters stopped, temporary directory removed), even on failure.
# Run as root (the clusters run as the `postgres` OS user through runuser) or as postgres.
#
# Environment (all optional):
#   DRILL_PRIMARY_PORT (5497)  DRILL_RESTORE_PORT (5498)
#   DRILL_DIR       working directory (default: a new mktemp -d; removed at the end unless DRILL_KEEP=1)
#   DRILL_ROWS_BEFORE (200)    DRILL_ROWS_AFTER (50)
#   PGBIN (/usr/lib/postgresql/15/bin)   PROJECT_DIR (the repository)   PYTHON (PROJECT_DIR/.venv/bin/python)
#   DRILL_INSTALL=1  install Debian's pgbackrest with apt-get when it is missing (root only)
#   DRILL_BALLAST_MB (0)  adds a table of that many MiB of random text before the base backup, to
#                    measure backup and restore speed on a database closer to production's size
#   DRILL_RESTORE_TO (target)  "end" restores to the end of the archive instead of T: the checks
#                    must then fail (the test uses it to prove that the drill catches a wrong restore)
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=${PROJECT_DIR:-$(cd "$SCRIPT_DIR/../.." && pwd)}
PYTHON=${PYTHON:-$PROJECT_DIR/.venv/bin/python}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PRIMARY_PORT=${DRILL_PRIMARY_PORT:-5497}
RESTORE_PORT=${DRILL_RESTORE_PORT:-5498}
ROWS_BEFORE=${DRILL_ROWS_BEFORE:-200}
ROWS_AFTER=${DRILL_ROWS_AFTER:-50}
BALLAST_MB=${DRILL_BALLAST_MB:-0}
RESTORE_TO=${DRILL_RESTORE_TO:-target}

log() { printf '[drill %s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }
fail() { printf '[drill] ÉCHEC / FAILED: %s\n' "$*" >&2; exit 1; }
now_ms() { date +%s%3N; }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f", ms / 1000 }'; }

for port in "$PRIMARY_PORT" "$RESTORE_PORT"; do
  [[ $port != 5432 ]] || fail "port 5432 is the machine's own cluster; choose another"
done

if [[ $(id -u) == 0 ]]; then
  as_pg() { runuser -u postgres -- "$@"; }
elif [[ $(id -un) == postgres ]]; then
  as_pg() { "$@"; }
else
  fail "run as root (the clusters run as postgres through runuser) or as postgres"
fi

if ! command -v pgbackrest >/dev/null 2>&1; then
  if [[ ${DRILL_INSTALL:-0} == 1 && $(id -u) == 0 ]]; then
    log "installing Debian's pgbackrest"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbackrest >/dev/null
  else
    fail "pgbackrest is not installed (apt-get install pgbackrest, or DRILL_INSTALL=1 as root)"
  fi
fi
[[ -x $PGBIN/initdb ]] || fail "no PostgreSQL binaries in $PGBIN"
[[ -x $PYTHON ]] || fail "no Python at $PYTHON"

CREATED_DIR=0
if [[ -z ${DRILL_DIR:-} ]]; then
  DRILL_DIR=$(mktemp -d /tmp/prodouane-restore-drill.XXXXXX)
  CREATED_DIR=1
else
  mkdir -p "$DRILL_DIR"
fi
PRIMARY=$DRILL_DIR/primary
RESTORED=$DRILL_DIR/restored
REPO=$DRILL_DIR/repo
RUN=$DRILL_DIR/run
CONF=$DRILL_DIR/pgbackrest.conf

cleanup() {
  local status=$?
  set +e
  for data in "$RESTORED" "$PRIMARY"; do
    if [[ -f $data/postmaster.pid ]]; then
      as_pg "$PGBIN/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1
    fi
  done
  if [[ ${DRILL_KEEP:-0} == 1 ]]; then
    log "kept $DRILL_DIR (DRILL_KEEP=1)"
  elif [[ $CREATED_DIR == 1 ]]; then
    rm -rf "$DRILL_DIR"
  else
    rm -rf "$PRIMARY" "$RESTORED" "$REPO" "$RUN" "$CONF" "$DRILL_DIR/log" "$DRILL_DIR/var"
  fi
  if [[ $status != 0 ]]; then
    printf '[drill] exit status %s\n' "$status" >&2
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for port in "$PRIMARY_PORT" "$RESTORE_PORT"; do
  if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
    fail "a server already answers on port $port"
  fi
done

mkdir -p "$RUN" "$REPO" "$DRILL_DIR/log" "$DRILL_DIR/var"
chown -R postgres: "$DRILL_DIR" 2>/dev/null || true
chmod 700 "$DRILL_DIR"

# The drill's pgBackRest configuration is the production one (pgbackrest.conf beside this script:
# retention, encryption, compression, asynchronous archiving) with the drill's paths and port and
# a passphrase of its own.
CIPHER_PASS=$(head -c 32 /dev/urandom | base64 | tr -d '/+=\n')
sed -e "s|^repo1-path=.*|repo1-path=$REPO|" \
  -e "s|^log-path=.*|log-path=$DRILL_DIR/log|" \
  -e "s|^spool-path=.*|spool-path=$RUN/spool|" \
  -e "s|^pg1-path=.*|pg1-path=$PRIMARY|" \
  -e "s|^pg1-port=.*|pg1-port=$PRIMARY_PORT|" \
  -e "s|^pg1-socket-path=.*|pg1-socket-path=$RUN|" \
  -e "s|^# repo1-cipher-pass=.*|repo1-cipher-pass=$CIPHER_PASS|" \
  -e "s|^\[global\]$|[global]\nlock-path=$RUN|" \
  "$SCRIPT_DIR/pgbackrest.conf" | as_pg tee "$CONF" >/dev/null
as_pg chmod 600 "$CONF"
STANZA=$(sed -n 's/^\[\([a-z0-9_-]*\)\]$/\1/p' "$CONF" | grep -v '^global' | head -1)
[[ -n $STANZA ]] || fail "no stanza in $SCRIPT_DIR/pgbackrest.conf"
for option in repo1-path log-path spool-path lock-path pg1-path pg1-port pg1-socket-path repo1-cipher-pass; do
  grep -q "^$option=" "$CONF" || fail "$option is missing from the drill's pgbackrest.conf"
done
BR=(pgbackrest "--config=$CONF" "--stanza=$STANZA" --log-level-console=warn)

psql_at() { # port, SQL -> unaligned tuples
  as_pg "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$RUN" -p "$1" -d prodouane -c "$2"
}

# The row count of every table of the public schema, one "table|count" a line.
COUNTS_SQL="SELECT table_name || '|' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I', table_schema, table_name), false, true, '')))[1]::text
FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name"
LAST_ARC_SQL="SELECT arc FROM gamma_movement WHERE arc IS NOT NULL ORDER BY validated_at DESC NULLS LAST, id DESC LIMIT 1"
AFTER_SQL="SELECT count(*) FROM gamma_movement WHERE local_reference_number LIKE 'DRILL-AFTER-%'"

# 1. The primary, with the production settings (postgresql-backup.conf beside this script; the
#    archive_command given the drill's pgbackrest.conf), on the drill's port and socket.
log "primary cluster: $PRIMARY, port $PRIMARY_PORT"
as_pg "$PGBIN/initdb" -D "$PRIMARY" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
grep -q "^archive_command = 'pgbackrest --stanza=$STANZA archive-push %p'$" "$SCRIPT_DIR/postgresql-backup.conf" ||
  fail "postgresql-backup.conf does not archive through pgbackrest --stanza=$STANZA archive-push"
{
  printf '\n# restore drill: postgresql-backup.conf\n'
  sed "s|pgbackrest --stanza=|pgbackrest --config=$CONF --stanza=|" "$SCRIPT_DIR/postgresql-backup.conf"
  printf '\n# restore drill: its own port and socket\n'
  printf "port = %s\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\nshared_buffers = 128MB\n" \
    "$PRIMARY_PORT" "$RUN"
} | as_pg tee -a "$PRIMARY/postgresql.conf" >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$PRIMARY" -l "$DRILL_DIR/log/primary.log" -w start >/dev/null
as_pg "$PGBIN/psql" -X -q -h "$RUN" -p "$PRIMARY_PORT" -d postgres -c "CREATE DATABASE prodouane" >/dev/null
SETTINGS=$(psql_at "$PRIMARY_PORT" "SELECT concat_ws(' ', current_setting('wal_level'), current_setting('archive_mode'), current_setting('archive_timeout'))")
[[ $SETTINGS == "replica on 1min" ]] || fail "wal_level, archive_mode, archive_timeout are $SETTINGS, not replica on 1min"
log "archiving: wal_level=replica archive_mode=on archive_timeout=60s, archive_command through pgbackrest"
as_pg "${BR[@]}" stanza-create
as_pg "${BR[@]}" check

# 2. The portal's schema, code lists and demo data, written by the portal itself.
export DATABASE_URL=postgres://postgres@127.0.0.1:$PRIMARY_PORT/prodouane
export PRODOUANE_VAR_DIR=$DRILL_DIR/var
export DJANGO_SETTINGS_MODULE=prodouane.settings
manage() { (cd "$PROJECT_DIR" && "$PYTHON" manage.py "$@"); }
started=$(now_ms)
manage migrate --noinput >/dev/null
manage load_emcs_codelists >/dev/null
manage load_demo >/dev/null
log "schema and demo data loaded in $(secs $(($(now_ms) - started))) s"
if ((BALLAST_MB > 0)); then
  started=$(now_ms)
  # About 1 KiB a row of hex text (compresses to about half, like real data rather than zeros).
  psql_at "$PRIMARY_PORT" "CREATE TABLE drill_ballast AS SELECT g AS id, (SELECT string_agg(md5(random()::text || g || i), '') FROM generate_series(1, 32) AS i) AS filler FROM generate_series(1, $BALLAST_MB * 1024) AS g"
  log "ballast of $BALLAST_MB MiB written in $(secs $(($(now_ms) - started))) s"
fi

# 3. The full base backup.
started=$(now_ms)
as_pg "${BR[@]}" --type=full backup
BACKUP_MS=$(($(now_ms) - started))
BACKUP_JSON=$(as_pg "${BR[@]}" --output=json info)
read -r DB_SIZE REPO_SIZE CIPHER < <(printf '%s' "$BACKUP_JSON" | "$PYTHON" -c '
import json, sys
stanza = json.load(sys.stdin)[0]
backup = stanza["backup"][-1]["info"]
print(backup["size"], backup["repository"]["delta"], stanza["cipher"])')
log "full backup: database $((DB_SIZE / 1024 / 1024)) MiB, $((REPO_SIZE / 1024 / 1024)) MiB in the repository (compressed, cipher $CIPHER), $(secs "$BACKUP_MS") s"

# 4. Writes before T, then T, then writes after T.
writes() { (cd "$PROJECT_DIR" && DRILL_PHASE=$1 DRILL_ROWS=$2 "$PYTHON" manage.py shell --no-imports -c \
  "exec(open('$SCRIPT_DIR/drill_writes.py').read())"); }
writes before "$ROWS_BEFORE"
sleep 1
TARGET=$(psql_at "$PRIMARY_PORT" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")
COUNTS_AT_T=$(psql_at "$PRIMARY_PORT" "$COUNTS_SQL")
ARC_AT_T=$(psql_at "$PRIMARY_PORT" "$LAST_ARC_SQL")
MOVEMENTS_AT_T=$(grep '^gamma_movement|' <<<"$COUNTS_AT_T" | cut -d'|' -f2)
log "T = $TARGET: $MOVEMENTS_AT_T movements, last ARC $ARC_AT_T"
sleep 1
writes after "$ROWS_AFTER"
AFTER_ON_PRIMARY=$(psql_at "$PRIMARY_PORT" "$AFTER_SQL")
[[ $AFTER_ON_PRIMARY == "$ROWS_AFTER" ]] || fail "the primary holds $AFTER_ON_PRIMARY movements written after T, not $ROWS_AFTER"
LAST_WAL=$(psql_at "$PRIMARY_PORT" "SELECT pg_walfile_name(pg_switch_wal())")
for _ in $(seq 1 120); do
  ARCHIVED=$(psql_at "$PRIMARY_PORT" "SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver")
  [[ -n $ARCHIVED && ! $ARCHIVED < $LAST_WAL ]] && break
  sleep 0.5
done
[[ -n $ARCHIVED && ! $ARCHIVED < $LAST_WAL ]] || fail "WAL $LAST_WAL was not archived within 60 s"
read -r WAL_ARCHIVED WAL_FAILED < <(psql_at "$PRIMARY_PORT" "SELECT archived_count, failed_count FROM pg_stat_archiver" | tr '|' ' ')
WAL_REPO_BYTES=$(du -sb "$REPO/archive" | cut -f1)
log "WAL archived: $WAL_ARCHIVED segments (last $LAST_WAL, $WAL_FAILED failures), $((WAL_REPO_BYTES / 1024)) KiB in the repository"

# 5. Restore to T into another directory, promoted at the target, on another port, archiving off
#    (a drill's new timeline must not reach the repository).
log "restore to T into $RESTORED, port $RESTORE_PORT"
as_pg mkdir -m 700 "$RESTORED"
started=$(now_ms)
if [[ $RESTORE_TO == end ]]; then
  log "DRILL_RESTORE_TO=end: restoring to the end of the archive, NOT to T (the checks must fail)"
  as_pg "${BR[@]}" "--pg1-path=$RESTORED" --archive-mode=off restore
else
  as_pg "${BR[@]}" "--pg1-path=$RESTORED" --type=time "--target=$TARGET" --target-action=promote \
    --archive-mode=off restore
fi
as_pg tee -a "$RESTORED/postgresql.auto.conf" >/dev/null <<EOF
port = $RESTORE_PORT
EOF
as_pg "$PGBIN/pg_ctl" -D "$RESTORED" -l "$DRILL_DIR/log/restored.log" -w -t 600 start >/dev/null
for _ in $(seq 1 600); do
  [[ $(psql_at "$RESTORE_PORT" "SELECT pg_is_in_recovery()") == f ]] && break
  sleep 0.5
done
RESTORE_MS=$(($(now_ms) - started))
[[ $(psql_at "$RESTORE_PORT" "SELECT pg_is_in_recovery()") == f ]] || fail "the restored cluster was not promoted"
log "restored and promoted in $(secs "$RESTORE_MS") s; recovery settings written by pgBackRest:"
grep -E '^(restore_command|recovery_target|recovery_target_time|recovery_target_action|archive_mode)' \
  "$RESTORED/postgresql.auto.conf" | sed 's/^/    /'
[[ -f $RESTORED/recovery.signal ]] && log "recovery.signal was written" || true
grep -E 'recovery stopping|selected new timeline|archive recovery complete' "$DRILL_DIR/log/restored.log" | sed 's/^/    /' || true

# 6. Checks.
COUNTS_RESTORED=$(psql_at "$RESTORE_PORT" "$COUNTS_SQL")
ARC_RESTORED=$(psql_at "$RESTORE_PORT" "$LAST_ARC_SQL")
AFTER_RESTORED=$(psql_at "$RESTORE_PORT" "$AFTER_SQL")
MOVEMENTS_RESTORED=$(grep '^gamma_movement|' <<<"$COUNTS_RESTORED" | cut -d'|' -f2)
TABLES=$(wc -l <<<"$COUNTS_AT_T")

printf '\n%-40s %12s %12s\n' "table" "at T" "restored"
join -t'|' -a1 -a2 -e MISSING -o 0,1.2,2.2 <(sort <<<"$COUNTS_AT_T") <(sort <<<"$COUNTS_RESTORED") |
  awk -F'|' '$2 != 0 || $3 != 0 { printf "%-40s %12s %12s%s\n", $1, $2, $3, ($2 == $3 ? "" : "   <- MISMATCH") }'
printf '\n'

ERRORS=0
if [[ $COUNTS_RESTORED != "$COUNTS_AT_T" ]]; then
  log "MISMATCH: the row counts of the restored tables differ from those at T"
  ERRORS=1
fi
if [[ $ARC_RESTORED != "$ARC_AT_T" ]]; then
  log "MISMATCH: last ARC restored $ARC_RESTORED, at T $ARC_AT_T"
  ERRORS=1
fi
if [[ $AFTER_RESTORED != 0 ]]; then
  log "MISMATCH: $AFTER_RESTORED movements written after T are in the restored database"
  ERRORS=1
fi

cat <<EOF
RESULT base_backup_seconds=$(secs "$BACKUP_MS") database_bytes=$DB_SIZE backup_repo_bytes=$REPO_SIZE cipher=$CIPHER
RESULT wal_archived=$WAL_ARCHIVED wal_failed=$WAL_FAILED wal_repo_bytes=$WAL_REPO_BYTES
RESULT restore_seconds=$(secs "$RESTORE_MS") target_time=$TARGET
RESULT tables=$TABLES movements_at_t=$MOVEMENTS_AT_T movements_restored=$MOVEMENTS_RESTORED written_after_t=$ROWS_AFTER after_t_restored=$AFTER_RESTORED
RESULT last_arc_at_t=$ARC_AT_T last_arc_restored=$ARC_RESTORED
EOF
if [[ $ERRORS != 0 ]]; then
  fail "the restored database is not the database at T"
fi
log "OK: the database restored to T has every table's row count at T, the last ARC at T, and none of the $ROWS_AFTER movements written after T"
