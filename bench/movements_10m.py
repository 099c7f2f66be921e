# ruff: noqa: S608, E501 (SQL written by the script itself, from its constants; long SQL lines)
"""France-scale volume: 10 million movements on PostgreSQL, filled by server-side SQL, then the
app's real queries measured on them (the sizing of ``deploy/SIZING.md``).

    .venv/bin/python bench/movements_10m.py                        # fill 10 M once, then measure
    .venv/bin/python bench/movements_10m.py --movements 1000000    # a smaller volume (refills)
    .venv/bin/python bench/movements_10m.py --measure-only         # keep the data, measure again
    .venv/bin/python bench/movements_10m.py --fill-only

What it does, on the database ``bench_movements`` (``BENCH_DATABASE`` to change it; created and
migrated if missing):

1. **fill** (``INSERT … SELECT generate_series`` inside PostgreSQL, no row goes through Python):
   100 customs offices, 40,000 companies, 50,000 excise numbers; ``--movements`` movements
   validated over two years (1 January 2025 → 3 December 2026), their consignor drawn with a
   Zipf-like skew (rank ``k`` has a share ∝ 1/k: the biggest number dispatches 6.4 %, the 100th
   about 0.1 %, half the numbers a few dozen each), 60 % sent to another number of the portal
   (same skew), 40 % to another member state; realistic statuses (85 % discharged, the last days
   still travelling); the consignor and consignee traders (2 a movement), 1 to 3 goods lines
   (1.42 a movement), the timeline events the inbox reads (the validation, and the report of
   receipt of each movement received). The secondary indexes and unique constraints are dropped
   during the load and built again after (as a restore does), foreign keys are not checked
   (``session_replication_role = replica``: the rows are consistent by construction); then
   ``VACUUM ANALYZE``. Every phase is timed.
2. **measure**, through the app's own functions as the pages call them: the trader's search
   (``gamma.search``: by ARC, by LRN, by status and a month of dispatch, default page) for a big,
   a medium and a small number; the office's search (``gamma.actions.office.office_search``) and
   its dashboard's panels (``www.office.indicators``); the inbox (``gamma.inbox_state.messages``,
   first page, and ``unread_count``, in the menu of the movements' pages); p50/p95 over ``--repeat``
   runs, the CPU of a call in Python and in its PostgreSQL backend (``/proc``), and the plan (index
   used) of its heaviest statement; table and index sizes, bytes per movement.
3. **partitioning**: a copy of the movements' search columns partitioned by year of validation
   (2025, 2026) against the same columns unpartitioned, same index; date-range queries on each,
   and a month deleted against a year's partition dropped (both rolled back).
4. **validations** (``--validations``, default 1,000): the DAE of ``bench/gamma_validate.py``
   validated through ``gamma.services.movement_validate`` on top of the 10 M movements (indexes
   and all), and the bytes its IE801, feed entries and events add per movement.

The session only changes session settings (``SET``); nothing server-wide.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "bench_movements")
DATABASE_URL = f"{SERVER}/{DATABASE}"
NUMBERS = 50_000
OFFICES = 100
START = "2025-01-01 05:00:00+00"
END = "2026-12-03 18:00:00+00"
TODAY = "2026-12-04"
BIG_TABLES = ("gamma_movement", "gamma_movementtrader", "gamma_movementline", "gamma_movementevent")

sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def log(text: str) -> None:
    print(f"[{time.strftime('%H:%M:%S', time.gmtime())} load {os.getloadavg()[0]:.1f}] {text}", flush=True)


def django_env() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "DEBUG": "0",
        "LOG_LEVEL": "WARNING",
    }


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    for command in (("migrate", "--noinput"), ("load_emcs_codelists",)):
        subprocess.run([str(PYTHON), "manage.py", *command, "-v0"], cwd=ROOT, env=django_env(), check=True)


# --- Fill -----------------------------------------------------------------------------------------


def neutral_columns(connection, table: str, given: dict[str, str]) -> tuple[str, str]:
    """The column list and SELECT expressions of an INSERT into ``table``: ``given``'s expressions,
    and a neutral literal for every other NOT NULL column without a default (so the script keeps
    working when the models gain columns)."""
    rows = connection.execute(
        "SELECT column_name, data_type, is_nullable, column_default, is_identity FROM information_schema.columns "
        "WHERE table_name = %s AND table_schema = 'public' ORDER BY ordinal_position",
        [table],
    ).fetchall()
    neutral = {
        "boolean": "false",
        "jsonb": "'{}'::jsonb",
        "integer": "0",
        "smallint": "0",
        "bigint": "0",
        "numeric": "0",
        "date": "DATE '2025-01-01'",
        "timestamp with time zone": "TIMESTAMPTZ '2025-01-01 00:00+00'",
        "time without time zone": "TIME '08:30'",
        "bytea": "''::bytea",
    }
    columns, values = [], []
    for column, kind, nullable, default, identity in rows:
        if column in given:
            columns.append(column)
            values.append(given[column])
        elif nullable == "NO" and default is None and identity == "NO":
            columns.append(column)
            values.append(neutral.get(kind, "''"))
    return ", ".join(columns), ", ".join(values)


def secondary_indexes(connection, table: str) -> list[tuple[str, str]]:
    """(name, statement to build it again) of every index of ``table`` but its primary key: unique
    constraints as constraints, the others as indexes."""
    found = []
    for name, definition, constraint in connection.execute(
        """SELECT i.relname, pg_get_indexdef(x.indexrelid), c.conname
             FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
             LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.contype = 'u'
            WHERE x.indrelid = %s::regclass AND NOT x.indisprimary ORDER BY i.relname""",
        [table],
    ):
        if constraint:
            ddl = connection.execute(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = %s", [constraint]
            ).fetchone()[0]
            found.append((constraint, f"ALTER TABLE {table} ADD CONSTRAINT {constraint} {ddl}"))
        else:
            found.append((name, definition))
    return found


def timed_sql(connection, label: str, sql: str, params=None) -> float:
    started = time.perf_counter()
    cursor = connection.execute(sql, params)
    elapsed = time.perf_counter() - started
    log(
        f"{label}: {elapsed:.0f} s"
        + (f" ({cursor.rowcount:,} rows)" if cursor.rowcount and cursor.rowcount > 0 else "")
    )
    return elapsed


def fill(movements: int) -> dict[str, float]:
    phases = {}
    with psycopg.connect(DATABASE_URL, autocommit=True) as c:
        c.execute("SET session_replication_role = replica")  # no FK trigger per row (consistent by construction)
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute("SET work_mem = '256MB'")
        c.execute("SET synchronous_commit = off")
        c.execute("SELECT setseed(0.2009)")
        # The indexes' statements are kept in the database the first time: a fill stopped half
        # way (indexes dropped) must not lose them.
        c.execute("CREATE TABLE IF NOT EXISTS bench_index_ddl (tbl text, name text, ddl text)")
        if not c.execute("SELECT 1 FROM bench_index_ddl LIMIT 1").fetchone():
            for table in BIG_TABLES:
                for name, ddl in secondary_indexes(c, table):
                    c.execute("INSERT INTO bench_index_ddl VALUES (%s, %s, %s)", [table, name, ddl])
        indexes = {table: [] for table in BIG_TABLES}
        for table, name, ddl in c.execute("SELECT tbl, name, ddl FROM bench_index_ddl ORDER BY tbl, name").fetchall():
            indexes[table].append((name, ddl))
        c.execute(
            "TRUNCATE gamma_movementevent, gamma_linepackage, gamma_movementline, gamma_movementtrader, "
            "gamma_movementmessage, gamma_feedentry, gamma_movement CASCADE"
        )
        for table, found in indexes.items():
            for name, ddl in found:
                if ddl.startswith("ALTER TABLE"):
                    c.execute(f"ALTER TABLE {table} DROP CONSTRAINT IF EXISTS {name}")
                else:
                    c.execute(f"DROP INDEX IF EXISTS {name}")
        # The register: offices, companies, numbers (deleted first: a rerun writes them again).
        c.execute("DELETE FROM register_excisenumber WHERE number LIKE 'FR9%'")
        c.execute("DELETE FROM register_operator WHERE siren LIKE '8%'")
        c.execute("DELETE FROM register_customsoffice WHERE code LIKE 'FRZ%'")
        cols, vals = neutral_columns(
            c, "register_customsoffice", {"code": "'FRZ' || lpad(i::text, 5, '0')", "name": "'Bureau ' || i"}
        )
        c.execute(f"INSERT INTO register_customsoffice ({cols}) SELECT {vals} FROM generate_series(0, {OFFICES - 1}) i")
        cols, vals = neutral_columns(
            c,
            "register_operator",
            {
                "siren": "'8' || lpad(i::text, 8, '0')",
                "name": "'SOCIETE ' || i",
                "address": "'1 rue du Port'",
                "postal_code": "'33000'",
                "city": "'BORDEAUX'",
            },
        )
        c.execute(
            f"INSERT INTO register_operator ({cols}) SELECT {vals} FROM generate_series(0, {NUMBERS * 4 // 5 - 1}) i"
        )
        # Excise number of rank k (1 = the biggest shipper): FR9 + k on 5 digits + E + 4 digits.
        cols, vals = neutral_columns(
            c,
            "register_excisenumber",
            {
                "number": "'FR9' || lpad(k::text, 5, '0') || 'E' || lpad((k % 10000)::text, 4, '0')",
                "status": "'EA'",
                "valid_from": "DATE '2020-01-01'",
                "operator_id": "o.id",
                "customs_office_id": "f.id",
            },
        )
        c.execute(
            f"""INSERT INTO register_excisenumber ({cols})
                SELECT {vals} FROM generate_series(1, {NUMBERS}) k
                  JOIN register_operator o ON o.siren = '8' || lpad(((k - 1) * 4 / 5)::text, 8, '0')
                  JOIN register_customsoffice f ON f.code = 'FRZ' || lpad((k % {OFFICES})::text, 5, '0')"""
        )
        c.execute("DROP TABLE IF EXISTS bench_rank")
        c.execute(
            "CREATE TABLE bench_rank AS SELECT substr(number, 4, 5)::int AS rank, id, number "
            "FROM register_excisenumber WHERE number LIKE 'FR9%'"
        )
        c.execute("ALTER TABLE bench_rank ADD PRIMARY KEY (rank)")
        log(f"register: {NUMBERS:,} excise numbers, {NUMBERS * 4 // 5:,} companies, {OFFICES} offices")

        # Movements. Rank k = floor(e^(u·ln N)): P(k) = ln((k+1)/k) / ln N, Zipf-like.
        status = f"""CASE
            WHEN DATE '{TODAY}' - dispatch < 4 THEN 'accepted'
            WHEN r2 < 0.85 THEN 'delivered' WHEN r2 < 0.88 THEN 'cancelled'
            WHEN r2 < 0.90 THEN 'refused' WHEN r2 < 0.91 THEN 'rejected'
            WHEN r2 < 0.92 THEN 'partially_refused' WHEN r2 < 0.925 THEN 'diverted'
            WHEN DATE '{TODAY}' - dispatch < 60 THEN 'accepted' ELSE 'delivered' END"""
        cols, vals = neutral_columns(
            c,
            "gamma_movement",
            {
                "id": "d.i",
                "kind": "d.kind",
                "status": "d.status",
                "consignor_id": "r.id",
                "consignee_identifier": "coalesce(e.number, 'DE0' || lpad((d.r4 * 1e10)::bigint::text, 10, '0'))",
                "created_at": "d.validated",
                "updated_at": "d.validated",
                "submission_message_type": "CASE d.kind WHEN 'DAES' THEN 3 ELSE 1 END",
                "arc": "to_char(d.validated, 'YY') || 'FR' || lpad(d.i::text, 15, '0') "
                "|| CASE d.kind WHEN 'DAES' THEN 'P' ELSE '0' END || (d.i % 10)",
                "sequence_number": "1",
                "validated_at": "d.validated",
                "validation_updated_at": "d.validated",
                "received_on": "CASE WHEN d.status IN ('delivered', 'refused', 'partially_refused') "
                "THEN d.dispatch + 1 END",
                "received_times": "'{}'::jsonb",
                "local_reference_number": "'LRN' || lpad(d.i::text, 10, '0')",
                "dispatch_date": "d.dispatch",
                "dispatch_time": "TIME '08:30'",
                "destination_type_code": "CASE d.kind WHEN 'DAES' THEN 9 ELSE 1 END",
                "journey_time": "(ARRAY['D01', 'D02', 'D03', 'D05', 'H12'])[1 + (d.i % 5)]",
                "transport_arrangement": "1",
                "transport_mode_code": "'3'",
                "guarantor_type_code": "'1'",
                "dispatch_office_code": "'FRZ00001'",
                "import_customs_declarations": "'[]'::jsonb",
                "verification_code": "'BENCH' || lpad(d.i::text, 12, '0')",
            },
        )
        phases["movements"] = timed_sql(
            c,
            "movements",
            f"""INSERT INTO gamma_movement ({cols})
                SELECT {vals} FROM (
                  SELECT s.*, {status} AS status FROM (
                    SELECT s.*, (s.validated AT TIME ZONE 'Europe/Paris')::date
                                + (s.r1 * 4)::int AS dispatch FROM (
                      SELECT i,
                             TIMESTAMPTZ '{START}' + (TIMESTAMPTZ '{END}' - TIMESTAMPTZ '{START}') * (i::float8 / {movements})
                               + random() * INTERVAL '10 minutes' AS validated,
                             least({NUMBERS}, floor(exp(random() * ln({NUMBERS}))))::int AS consignor_rank,
                             CASE WHEN random() < 0.6
                                  THEN least({NUMBERS}, floor(exp(random() * ln({NUMBERS}))))::int END AS consignee_rank,
                             CASE WHEN random() < 0.9 THEN 'DAE' WHEN random() < 0.5 THEN 'DAES' ELSE 'DSA' END AS kind,
                             random() AS r1, random() AS r2, random() AS r4
                        FROM generate_series(1, {movements}) i) s) s) d
                  JOIN bench_rank r ON r.rank = d.consignor_rank
                  LEFT JOIN bench_rank e ON e.rank = d.consignee_rank""",
        )
        c.execute("SELECT setval(pg_get_serial_sequence('gamma_movement', 'id'), %s)", [movements])

        cols, vals = neutral_columns(
            c,
            "gamma_movementtrader",
            {
                "movement_id": "m.id",
                "role": "t.role",
                "trader_excise_number": "CASE t.role WHEN 'consignor' THEN r.number ELSE '' END",
                "traderid": "CASE t.role WHEN 'consignee' THEN m.consignee_identifier ELSE '' END",
                "trader_name": "CASE t.role WHEN 'consignor' THEN 'SOCIETE ' || r.rank "
                "ELSE 'DESTINATAIRE ' || right(m.consignee_identifier, 4) END",
                "street_name": "'Rue des Vignes'",
                "postcode": "'33000'",
                "city": "'BORDEAUX'",
                "language": "'fr'",
            },
        )
        phases["traders"] = timed_sql(
            c,
            "traders",
            f"""INSERT INTO gamma_movementtrader ({cols})
                SELECT {vals} FROM gamma_movement m JOIN bench_rank r ON r.id = m.consignor_id
                 CROSS JOIN (VALUES ('consignor'), ('consignee')) t(role)""",
        )
        cols, vals = neutral_columns(
            c,
            "gamma_movementline",
            {
                "movement_id": "m.id",
                "body_record_unique_reference": "n",
                "excise_product_code": "(ARRAY['W200', 'B000', 'S200', 'W300', 'I000', 'E410'])[1 + (m.id + n) % 6]",
                "cn_code": "(ARRAY['22042109', '22030001', '22083011', '22060010', '22041000', '27101241'])"
                "[1 + (m.id + n) % 6]",
                "commercial_description": "'Marchandise'",
                "quantity": "750",
                "gross_mass": "1050",
                "net_mass": "750",
                "wine_operations": "'[]'::jsonb",
            },
        )
        phases["lines"] = timed_sql(
            c,
            "lines",
            f"""INSERT INTO gamma_movementline ({cols})
                SELECT {vals} FROM gamma_movement m,
                       generate_series(1, 1 + (m.id % 4 = 0)::int + (m.id % 6 = 0)::int) n""",
        )
        cols, vals = neutral_columns(
            c,
            "gamma_movementevent",
            {
                "movement_id": "m.id",
                "at": "CASE e.action WHEN 'validate' THEN m.validated_at ELSE m.received_on + TIME '10:00' END",
                "action": "e.action",
                "from_status": "CASE e.action WHEN 'validate' THEN 'draft' ELSE 'accepted' END",
                "to_status": "CASE e.action WHEN 'validate' THEN 'accepted' ELSE m.status END",
                "message_type": "CASE e.action WHEN 'validate' THEN 'IE801' ELSE 'IE818' END",
                "payload": "CASE e.action WHEN 'validate' THEN '{}'::jsonb ELSE jsonb_build_object("
                "'global_conclusion', 1, 'report_of_receipt_export', "
                "jsonb_build_object('date_of_arrival_of_excise_products', m.received_on)) END",
            },
        )
        phases["events"] = timed_sql(
            c,
            "events",
            f"""INSERT INTO gamma_movementevent ({cols})
                SELECT {vals} FROM gamma_movement m
                  JOIN (VALUES ('validate'), ('report_of_receipt')) e(action)
                    ON e.action = 'validate' OR m.received_on IS NOT NULL""",
        )
        started = time.perf_counter()
        for found in indexes.values():
            for name, ddl in found:
                timed_sql(c, f"  index {name}", ddl)
        phases["indexes"] = time.perf_counter() - started
        log(f"indexes: {phases['indexes']:.0f} s")
        started = time.perf_counter()
        for table in (*BIG_TABLES, "register_excisenumber", "register_operator", "register_customsoffice"):
            c.execute(f"VACUUM (ANALYZE) {table}")
        phases["vacuum analyze"] = time.perf_counter() - started
        log(f"VACUUM ANALYZE: {phases['vacuum analyze']:.0f} s")
    phases["total"] = sum(phases.values())
    log(f"fill total: {phases['total']:.0f} s ({phases['total'] / 60:.1f} min)")
    return phases


# --- Measures -------------------------------------------------------------------------------------

SCAN = re.compile(
    r"((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan)(?: Backward)?)(?: using (\S+))? on (\S+)"
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def setup_django() -> None:
    os.environ.update(django_env())
    import django

    django.setup()


class Recorder:
    """Keeps the statements one call sends (Django's ``execute_wrapper``) with their time, to
    EXPLAIN the slowest afterwards."""

    def __init__(self):
        self.calls = []

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.calls.append((time.perf_counter() - started, sql, params))


def explain(sql: str, params) -> tuple[float, list[str]]:
    """The plan's scans (``Index Only Scan using x on t``) and its execution time."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")  # as gamma.search runs them
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
        cursor.execute("RESET max_parallel_workers_per_gather")
    scans = []
    for line in lines:
        found = SCAN.search(line)
        if found:
            kind, index, table = found.groups()
            text = f"{kind} {index}" if index else f"{kind} {table}"
            if text not in scans:
                scans.append(text)
    total = next((float(line.split(":")[1].split()[0]) for line in lines if line.startswith("Execution Time")), 0.0)
    return total, scans


RESULTS: list[dict] = []


def backend_pid() -> int:
    """PostgreSQL's process serving Django's connection (same machine): its CPU per call."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a local process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure_call(group: str, label: str, function, repeat: int, *, timeout_s: float = 120.0) -> None:
    """Runs ``function(i)`` ``repeat`` times (fewer when a run takes seconds), prints p50 / p95 and
    the plan of its slowest statement."""
    from django.db import OperationalError, connection, transaction
    from django.db.utils import DatabaseError

    recorder = Recorder()
    try:
        with connection.execute_wrapper(recorder):
            started = time.perf_counter()
            function(0)  # warm: plans, caches, as a busy server is
            first = time.perf_counter() - started
    except (OperationalError, DatabaseError) as error:
        if not connection.get_autocommit():
            transaction.rollback()
        log(f"{group:9} {label:55} FAILED after {timeout_s:.0f} s timeout: {str(error).splitlines()[0]}")
        RESULTS.append({"group": group, "label": label, "p50": None, "p95": None, "timeout": True})
        return
    runs = repeat if first < 1 else 3 if first < 20 else 1
    times = [] if runs > 1 else [first * 1000]
    backend = backend_pid()
    cpu = time.process_time(), process_cpu(backend)
    for i in range(1, runs + 1 if runs > 1 else 1):
        started = time.perf_counter()
        function(i)
        times.append((time.perf_counter() - started) * 1000)
    timed_runs = max(runs if runs > 1 else 0, 1)
    python_cpu = (time.process_time() - cpu[0]) * 1000 / timed_runs
    postgres_cpu = (process_cpu(backend) - cpu[1]) * 1000 / timed_runs
    # The plan of the heaviest SELECT of the call (by PostgreSQL's own execution time).
    plans = [
        (*explain(sql, params), sql)
        for _t, sql, params in recorder.calls
        if sql.lstrip().upper().startswith(("SELECT", "WITH", "("))
    ]
    plan_ms, scans, _sql = max(plans, key=lambda plan: plan[0], default=(0.0, [], ""))
    plan_time = f"{plan_ms:.1f} ms"
    slowest = max(recorder.calls, key=lambda call: call[0])
    p50, p95 = statistics.median(times), percentile(times, 95)
    RESULTS.append(
        {
            "group": group,
            "label": label,
            "p50": p50,
            "p95": p95,
            "runs": runs,
            "statements": len(recorder.calls),
            "slowest_ms": slowest[0] * 1000,
            "plan": scans,
            "plan_ms": plan_ms,
            "cpu": (python_cpu, postgres_cpu) if runs > 1 else None,
        }
    )
    log(
        f"{group:9} {label:55} p50 {p50:8.1f}  p95 {p95:8.1f} ms ({runs} runs, {len(recorder.calls)} stmts); "
        + (f"CPU {python_cpu:.1f} Python + {postgres_cpu:.1f} PostgreSQL ms; " if runs > 1 else "")
        + f"slowest stmt {slowest[0] * 1000:.1f} ms; heaviest plan {plan_time}: {'; '.join(scans)}"
    )


def measure(*, repeat: int, validations: int, partitioned: bool) -> None:
    import datetime as dt
    import random

    setup_django()
    from django.core.paginator import Paginator
    from django.db import connection

    from accounts.models import User
    from gamma import inbox_state, search
    from gamma.actions import office as office_actions
    from gamma.models import Movement, MovementKind
    from gamma.search import Filters
    from register.models import CustomsOffice, ExciseNumber
    from www.office import indicators
    from www.office.gamma import _rows

    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = '120s'")
    today = dt.date.fromisoformat(TODAY)
    kinds = list(MovementKind.values)
    rng = random.Random(2009)
    total = Movement.objects.count()
    log(f"measures on {total:,} movements")

    def number_of(rank: int) -> ExciseNumber:
        return ExciseNumber.objects.select_related("customs_office").get(number__startswith=f"FR9{rank:05d}E")

    sizes = {}
    for label, rank in (("big", 1), ("medium", 100), ("small", 20000)):
        number = number_of(rank)
        dispatched = Movement.objects.filter(consignor=number).count()
        received = Movement.objects.filter(consignee_identifier=number.number).count()
        sizes[label] = (number, dispatched, received)
        log(f"{label} number {number.number}: {dispatched:,} dispatched, {received:,} received")

    def page(number, filters: Filters, page_number: int = 1) -> int:
        found = search.search(excise_number=number, kinds=kinds, filters=filters, today=today)
        result = Paginator(found, 20).get_page(page_number)
        rows = [
            search.row(m, number=number.number, today=today)
            for m in search.with_details(search.ids(result.object_list))
        ]
        return len(rows)

    def month() -> tuple[dt.date, dt.date]:
        start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 690))
        return start, start + dt.timedelta(days=30)

    for label, (number, _dispatched, _received) in sizes.items():
        own = Movement.objects.filter(consignor=number)
        arcs = list(own.order_by("?").values_list("arc", flat=True)[: repeat + 1])
        lrns = list(own.order_by("?").values_list("local_reference_number", flat=True)[: repeat + 1])
        group = f"trader {label}"

        def dispatched_month(_i, number=number):
            start, end = month()
            return page(
                number,
                Filters(
                    direction=search.DISPATCHED,
                    status="delivered",
                    not_discharged_only=False,
                    dispatched_from=start,
                    dispatched_to=end,
                ),
            )

        searches = (
            {}
            if not arcs
            else {
                "default page (not discharged, newest first)": lambda _i, number=number: page(number, Filters()),
                "everything, newest first": lambda _i, number=number: page(number, Filters(not_discharged_only=False)),
                "by ARC": lambda i, number=number, arcs=arcs: page(
                    number, Filters(arc=arcs[i % len(arcs)], not_discharged_only=False)
                ),
                "by LRN": lambda i, number=number, lrns=lrns: page(
                    number, Filters(lrn=lrns[i % len(lrns)], not_discharged_only=False)
                ),
                "status delivered + a month of dispatch": dispatched_month,
            }
        )
        for name, function in searches.items():
            measure_call(group, name, function, repeat)

    # The office: an agent of the big number's office (100 offices: 500 numbers each).
    office = sizes["big"][0].customs_office
    agent, _ = User.objects.get_or_create(
        username="bench.agent", defaults={"is_staff": True, "customs_office": office, "email": "agent@bench.invalid"}
    )
    in_charge = Movement.objects.filter(consignor__customs_office=office).count()
    log(f"office {office.code}: {in_charge:,} movements dispatched by its numbers")
    small_office = CustomsOffice.objects.get(code=f"FRZ{(20000 % OFFICES):05d}")

    def office_page(filters: Filters, number: str = "") -> int:
        found = office_actions.office_search(user=agent, filters=filters, number=number, today=today)
        result = Paginator(found, 20).get_page(1)
        return len(_rows(list(result.object_list), today))

    big_arcs = list(Movement.objects.filter(consignor=sizes["big"][0]).order_by("?").values_list("arc", flat=True)[:40])
    office_searches = {
        "default page (not discharged)": lambda _i: office_page(Filters()),
        "by ARC": lambda i: office_page(Filters(arc=big_arcs[i % len(big_arcs)], not_discharged_only=False)),
        "by operator (big number), not discharged": lambda _i: office_page(Filters(), number=sizes["big"][0].number),
        "status delivered + a month of dispatch": lambda _i: office_page(
            Filters(status="delivered", not_discharged_only=False, dispatched_from=month()[0], dispatched_to=None)
        ),
    }
    for name, function in office_searches.items():
        measure_call("office", name, function, repeat)

    for label, the_office in (("big office", office), ("small office", small_office)):
        measure_call(
            "dashboard",
            f"{label}: movements per day (30 days)",
            lambda _i, o=the_office: indicators.movements_per_day(o, today=today),
            repeat,
        )
        measure_call(
            "dashboard",
            f"{label}: not discharged by age",
            lambda _i, o=the_office: indicators.undischarged_by_age(o, today=today),
            repeat,
        )
        measure_call(
            "dashboard",
            f"{label}: fallback documents",
            lambda _i, o=the_office: indicators.fallback_not_regularised(o, today=today),
            repeat,
        )

    for label, (number, _d, _r) in sizes.items():

        def inbox_page(_i, number=number):
            events = inbox_state.messages(user=agent, excise_number=number, kinds=kinds)
            result = Paginator(inbox_state.Listed(events), 20).get_page(1)  # as the inbox page
            return len(inbox_state.shown(result.object_list, number=number.number))

        measure_call("inbox", f"{label}: first page (20 messages)", inbox_page, repeat)
        measure_call(
            "inbox",
            f"{label}: unread count (menu of every GAMMA page)",
            lambda _i, number=number: inbox_state.unread_count(user=agent, excise_number=number, kinds=kinds),
            repeat,
        )

    sizes_report()
    if partitioned:
        partitions(repeat)
    if validations:
        validate(validations)
    print_summary()


def sizes_report() -> None:
    with psycopg.connect(DATABASE_URL) as c:
        movements = c.execute("SELECT count(*) FROM gamma_movement").fetchone()[0]
        log("sizes (heap incl. TOAST / indexes / total, MB; bytes per movement):")
        everything = 0
        for table in (*BIG_TABLES, "gamma_movementmessage", "gamma_feedentry"):
            heap, index, whole, rows = c.execute(
                "SELECT pg_table_size(%s), pg_indexes_size(%s), pg_total_relation_size(%s), "
                "(SELECT reltuples FROM pg_class WHERE oid = %s::regclass)",
                [table, table, table, table],
            ).fetchone()
            everything += whole
            log(
                f"  {table:24} {rows:13,.0f} rows  {heap / 2**20:8.0f} / {index / 2**20:8.0f} / {whole / 2**20:8.0f} MB"
                f"  {whole / max(movements, 1):6.0f} B/movement"
            )
        log(f"  four tables: {everything / 2**30:.2f} GiB, {everything / max(movements, 1):.0f} B per movement")
        for name, size in c.execute(
            "SELECT indexrelid::regclass::text, pg_relation_size(indexrelid) FROM pg_index "
            "WHERE indrelid = 'gamma_movement'::regclass ORDER BY 2 DESC"
        ):
            log(f"    index {name:55} {size / 2**20:7.0f} MB")
        database = c.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        log(f"  database {DATABASE}: {database / 2**30:.2f} GiB")


def partitions(repeat: int) -> None:
    """The same search columns, unpartitioned and partitioned by year of validation, same index:
    a number's month (index range), a year's aggregate (scan), and a month's retention (DELETE
    against dropping a partition)."""
    columns = "id, consignor_id, consignee_identifier, validated_at, dispatch_date, status, kind"
    with psycopg.connect(DATABASE_URL, autocommit=True) as c:
        c.execute("SET maintenance_work_mem = '1GB'")
        c.execute("SET max_parallel_workers_per_gather = 0")
        c.execute("SET statement_timeout = 0")
        present = c.execute("SELECT to_regclass('bench_mvt_part') IS NOT NULL").fetchone()[0]
        if not present:
            c.execute("DROP TABLE IF EXISTS bench_mvt_flat")
            timed_sql(
                c, "partitions: flat copy", f"CREATE TABLE bench_mvt_flat AS SELECT {columns} FROM gamma_movement"
            )
            c.execute("CREATE TABLE bench_mvt_part (LIKE bench_mvt_flat) PARTITION BY RANGE (validated_at)")
            for year in (2025, 2026):
                c.execute(
                    f"CREATE TABLE bench_mvt_part_{year} PARTITION OF bench_mvt_part "
                    f"FOR VALUES FROM ('{year}-01-01 00:00+01') TO ('{year + 1}-01-01 00:00+01')"
                )
            timed_sql(
                c, "partitions: partitioned copy", f"INSERT INTO bench_mvt_part SELECT {columns} FROM gamma_movement"
            )
            for table in ("bench_mvt_flat", "bench_mvt_part"):
                timed_sql(
                    c,
                    f"partitions: index of {table}",
                    f"CREATE INDEX ON {table} (consignor_id, validated_at DESC, id DESC, status, dispatch_date)",
                )
                c.execute(f"CREATE INDEX ON {table} (validated_at)")
                c.execute(f"VACUUM ANALYZE {table}")
        big = c.execute("SELECT id FROM bench_rank WHERE rank = 1").fetchone()[0]
        medium = c.execute("SELECT id FROM bench_rank WHERE rank = 100").fetchone()[0]
        queries = {
            "big number: count + page, a month of validation": (
                "SELECT count(*) FROM (SELECT 1 FROM {t} WHERE consignor_id = %(n)s AND validated_at >= %(a)s "
                "AND validated_at < %(b)s LIMIT 1001) x; "
                "SELECT id FROM {t} WHERE consignor_id = %(n)s AND validated_at >= %(a)s AND validated_at < %(b)s "
                "ORDER BY validated_at DESC, id DESC LIMIT 20",
                big,
            ),
            "medium number: same": (None, medium),
            "all numbers: count by status, a month (dashboard-like)": (
                "SELECT status, count(*) FROM {t} WHERE validated_at >= %(a)s AND validated_at < %(b)s GROUP BY status",
                None,
            ),
            "all numbers: count by status, a whole year (report-like)": (
                "SELECT status, count(*) FROM {t} WHERE validated_at >= %(y)s AND validated_at < %(z)s GROUP BY status",
                None,
            ),
        }
        queries["medium number: same"] = (queries["big number: count + page, a month of validation"][0], medium)
        import datetime as dt

        for name, (sql, number) in queries.items():
            for table in ("bench_mvt_flat", "bench_mvt_part", "bench_mvt_part_2025"):
                times = []
                runs = repeat if "year" not in name else 3
                for i in range(runs):
                    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=(i * 37) % 330)
                    params = {
                        "n": number,
                        "a": start,
                        "b": start + dt.timedelta(days=30),
                        "y": dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                        "z": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                    }
                    started = time.perf_counter()
                    for statement in sql.format(t=table).split("; "):
                        c.execute(statement, params).fetchall()
                    times.append((time.perf_counter() - started) * 1000)
                p50, p95 = statistics.median(times), percentile(times, 95)
                RESULTS.append(
                    {"group": "partition", "label": f"{name} — {table}", "p50": p50, "p95": p95, "runs": runs}
                )
                log(f"partition {name:55} {table:20} p50 {p50:8.1f}  p95 {p95:8.1f} ms ({runs} runs)")
        # Retention: a month of 2025 deleted (rolled back) against a partition dropped (rolled back).
        with c.transaction(force_rollback=True):
            started = time.perf_counter()
            deleted = c.execute("DELETE FROM bench_mvt_flat WHERE validated_at < '2025-02-01 00:00+01'").rowcount
            elapsed = time.perf_counter() - started
        log(
            f"retention: DELETE of January 2025 ({deleted:,} rows) from the flat copy: {elapsed:.1f} s "
            f"({deleted / elapsed:,.0f} rows/s; its index entries and the VACUUM after are extra)"
        )
        RESULTS.append(
            {"group": "retention", "label": f"DELETE {deleted:,} rows (1 month)", "p50": elapsed * 1000, "p95": None}
        )
        with c.transaction(force_rollback=True):
            started = time.perf_counter()
            c.execute("ALTER TABLE bench_mvt_part DETACH PARTITION bench_mvt_part_2025")
            c.execute("DROP TABLE bench_mvt_part_2025")
            elapsed = time.perf_counter() - started
        log(f"retention: DETACH + DROP of the 2025 partition: {elapsed * 1000:.0f} ms")
        RESULTS.append(
            {"group": "retention", "label": "DETACH + DROP a year's partition", "p50": elapsed * 1000, "p95": None}
        )


def validate(count: int) -> None:
    """``count`` validations of the DAE of bench/gamma_validate.py through the service, on top of
    the 10 M movements; and the bytes each adds."""
    import gamma_validate

    from accounts.models import User
    from gamma import services
    from gamma.models import Movement

    if User.objects.filter(username="antoineleris").exists():
        actor = User.objects.get(username="antoineleris")
        log("validations: the test world exists already (a previous run); its drafts left are reused")
        pks = list(
            Movement.objects.filter(status="draft", local_reference_number__startswith="BENCH-").values_list(
                "pk", flat=True
            )[:count]
        )
        if len(pks) < count:
            log(f"validations: only {len(pks)} drafts left; skipped (drop the database to measure again)")
            return
    else:
        actor_pk, pks = gamma_validate.make_drafts(count)
        actor = User.objects.get(pk=actor_pk)
    with psycopg.connect(DATABASE_URL) as c:
        before = dict(
            c.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname = ANY(%s)",
                [["gamma_movementmessage", "gamma_feedentry", "gamma_movementevent"]],
            ).fetchall()
        )
    movements = list(Movement.objects.select_related("consignor").filter(pk__in=pks).order_by("pk"))
    times = []
    cpu = time.process_time()
    started_all = time.perf_counter()
    for movement in movements:
        started = time.perf_counter()
        services.movement_validate(actor=actor, movement=movement)
        times.append((time.perf_counter() - started) * 1000)
    elapsed = time.perf_counter() - started_all
    cpu = (time.process_time() - cpu) * 1000 / len(movements)
    p50, p95 = statistics.median(times), percentile(times, 95)
    log(
        f"validations: {len(times)} in {elapsed:.1f} s = {len(times) / elapsed:.0f}/s (1 process); "
        f"p50 {p50:.1f} ms, p95 {p95:.1f} ms; Python CPU {cpu:.1f} ms each"
    )
    RESULTS.append(
        {
            "group": "validate",
            "label": f"{len(times)} validations, 1 process: {len(times) / elapsed:.0f}/s",
            "p50": p50,
            "p95": p95,
        }
    )
    with psycopg.connect(DATABASE_URL) as c:
        rows = c.execute(
            "SELECT count(*), avg(pg_column_size(m.*)), avg(length(m.xml)), "
            "(SELECT count(*) FROM gamma_feedentry), (SELECT avg(pg_column_size(f.*)) FROM gamma_feedentry f) "
            "FROM gamma_movementmessage m"
        ).fetchone()
        log(
            f"  stored messages: {rows[0]} rows, {rows[1]:.0f} B a row on disk (XML {rows[2]:.0f} B before "
            f"compression); feed entries: {rows[3]} rows, {rows[4]:.0f} B a row (before index entries)"
        )
        after = dict(
            c.execute(
                "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname = ANY(%s)",
                [list(before)],
            ).fetchall()
        )
        for name in before:
            log(f"  {name}: +{(after[name] - before[name]) / len(times):,.0f} B per validation (table, TOAST, indexes)")
        # The rows of a full DAE the fill does not write (packages, transport units, documents),
        # and those it writes, as the bench's realistic DAE has them (row bytes, before indexes).
        try:
            bench = "SELECT id FROM gamma_movement WHERE local_reference_number LIKE 'BENCH-%%'"
            for table, where in (
                ("gamma_movementtrader", f"movement_id IN ({bench})"),
                ("gamma_movementline", f"movement_id IN ({bench})"),
                ("gamma_linepackage", f"line_id IN (SELECT id FROM gamma_movementline WHERE movement_id IN ({bench}))"),
                ("gamma_transportdetail", f"movement_id IN ({bench})"),
                ("gamma_movementdocument", f"movement_id IN ({bench})"),
                ("gamma_movementevent", f"movement_id IN ({bench})"),
                ("gamma_movement", f"id IN ({bench})"),
            ):
                rows, size = c.execute(
                    f"SELECT count(*), coalesce(sum(pg_column_size(t.*)), 0) FROM {table} t WHERE {where}"
                ).fetchone()
                log(
                    f"  realistic DAE: {table:24} {rows / len(times):5.1f} rows, {size / len(times):7,.0f} B per movement (rows only)"
                )
        except psycopg.Error as error:
            log(f"  realistic DAE rows not measured: {error}")


def print_summary() -> None:
    log("summary (ms):")
    for row in RESULTS:
        p50 = "timeout" if row.get("timeout") else f"{row['p50']:.1f}"
        p95 = "" if row.get("p95") is None else f"{row['p95']:.1f}"
        plan = "; ".join(row.get("plan", []))
        cpu = "" if not row.get("cpu") else f"{row['cpu'][0]:.1f} + {row['cpu'][1]:.1f}"
        print(f"| {row['group']} | {row['label']} | {p50} | {p95} | {cpu} | {plan} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--validations", type=int, default=1000)
    parser.add_argument("--fill-only", action="store_true")
    parser.add_argument("--measure-only", action="store_true")
    parser.add_argument("--no-partitions", action="store_true", help="skip the partitioned copy")
    args = parser.parse_args()
    log(f"bench/movements_10m.py, {args.movements:,} movements")
    if not args.measure_only:
        ensure_database()
        fill(args.movements)
    if args.fill_only:
        return
    measure(repeat=args.repeat, validations=args.validations, partitioned=not args.no_partitions)


if __name__ == "__main__":
    main()
