"""Benchmark of « Rechercher DAA / DSA » over a million movements on PostgreSQL.

    .venv/bin/python bench/gamma_search.py                    # 1,000,000 movements (default)
    .venv/bin/python bench/gamma_search.py --movements 200000 # smaller
    .venv/bin/python bench/gamma_search.py --regenerate       # drop the data and write it again

What it does, on the database ``bench_gamma_search`` (created and migrated if missing):
1. writes the movements with bulk inserts (``COPY``) once: 2,000 excise numbers of 1,000
   companies, skewed as real traffic is (one number dispatches 6 % of everything, ten others 1 %
   each, the rest a few hundred each), three years of validations, 85 % discharged, 1 to 3 goods
   lines, the consignor and consignee traders, a report of receipt (IE818 event) for every
   movement received and its date of arrival on the movement; then ``VACUUM ANALYZE``;
2. runs the searches a user makes, through ``gamma.search`` exactly as the page does (count for
   the pagination, one page of ids, the page's movements with traders and products), for a big
   number (60,000 movements), a medium one (10,000) and a small one (a few hundred), each search
   ``--repeat`` times with varying values, and prints p50 / p95 / max in milliseconds and the CPU
   a search takes (this process's Python, and the PostgreSQL backend serving it: figures a busy
   machine does not change as much as the times).
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_gamma_search"
DATABASE_URL = f"{SERVER}/{DATABASE}"
SEED = 2009
NUMBERS = 2000
TODAY = dt.date(2026, 11, 26)
START = TODAY - dt.timedelta(days=3 * 365)

sys.path.insert(0, str(ROOT))


def django_env() -> dict:
    return {**os.environ, "DATABASE_URL": DATABASE_URL, "DJANGO_SETTINGS_MODULE": "prodouane.settings"}


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    subprocess.run([str(PYTHON), "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=django_env(), check=True)


# --- Data -----------------------------------------------------------------------------------------


def excise_number(i: int) -> str:
    return f"FR0{20 + i // 1000:02d}{i % 1000:03d}E{i % 10000:04d}"


def consignor_index(rng: random.Random) -> int:
    """Skewed like real traffic: #0 has 6 %, #1-#10 1 % each, the others share the rest."""
    draw = rng.random()
    if draw < 0.06:
        return 0
    if draw < 0.16:
        return 1 + int((draw - 0.06) * 100)
    return rng.randrange(11, NUMBERS)


class Table:
    """COPY into a table: every NOT NULL column without a default gets a neutral value, so the
    script keeps working when the models gain columns."""

    def __init__(self, connection, name: str, values: dict[str, object]):
        rows = connection.execute(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
            "WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
            [name],
        ).fetchall()
        self.columns = [column for column, _, _ in rows]
        neutral = {"boolean": False, "jsonb": "{}", "integer": 0, "smallint": 0, "bigint": 0, "numeric": 0}
        self.defaults = {
            column: (None if nullable == "YES" else neutral.get(kind, "")) for column, kind, nullable in rows
        }
        self.defaults.update(values)
        self.name = name
        self.connection = connection

    def copy(self, rows) -> int:
        count = 0
        columns = ", ".join(self.columns)
        with self.connection.cursor().copy(f"COPY {self.name} ({columns}) FROM STDIN") as copy:
            for values in rows:
                row = self.defaults | values
                copy.write_row([row[column] for column in self.columns])
                count += 1
        return count


def arrival(status: str, dispatch: dt.date) -> dt.date | None:
    """The date of arrival a movement's report of receipt states; None: no report (not received)."""
    return dispatch + dt.timedelta(days=1) if status in ("delivered", "refused", "partially_refused") else None


def generate(movements: int) -> None:
    from identifiers import arc

    rng = random.Random(SEED)
    now = dt.datetime.now(dt.UTC)
    with psycopg.connect(DATABASE_URL) as connection:
        for table in (
            "gamma_movementevent",
            "gamma_linepackage",
            "gamma_movementline",
            "gamma_movementtrader",
            "gamma_movement",
        ):
            connection.execute(f"TRUNCATE {table} CASCADE")
        connection.execute("DELETE FROM register_excisenumber WHERE number LIKE 'FR02%%'")
        connection.execute("DELETE FROM register_operator WHERE siren LIKE '9%%'")
        connection.execute("DELETE FROM register_customsoffice WHERE code LIKE 'FRB%%'")
        Table(connection, "register_customsoffice", {}).copy(
            {"code": f"FRB{i:05d}", "name": f"Bureau {i}"} for i in range(20)
        )
        offices = [
            row[0] for row in connection.execute("SELECT id FROM register_customsoffice WHERE code LIKE 'FRB%%'")
        ]
        Table(
            connection, "register_operator", {"address": "1 rue du Port", "postal_code": "33000", "city": "BORDEAUX"}
        ).copy({"siren": f"9{i:08d}", "name": f"SOCIETE {i}"} for i in range(NUMBERS // 2))
        operators = [
            row[0]
            for row in connection.execute("SELECT id FROM register_operator WHERE siren LIKE '9%%' ORDER BY siren")
        ]
        Table(connection, "register_excisenumber", {"status": "EA", "valid_from": START}).copy(
            {"number": excise_number(i), "operator_id": operators[i // 2], "customs_office_id": offices[i % 20]}
            for i in range(NUMBERS)
        )
        ids = dict(
            connection.execute("SELECT number, id FROM register_excisenumber WHERE number LIKE 'FR02%%'").fetchall()
        )
        print(f"register: {len(ids)} excise numbers", flush=True)

        plan = []  # (consignor index, consignee identifier, kind, status, validated_at, dispatch, journey)
        span = (TODAY - START).total_seconds()
        for i in range(movements):
            validated = dt.datetime.combine(START, dt.time(6), tzinfo=dt.UTC) + dt.timedelta(
                seconds=span * i / movements + rng.random() * 600
            )
            dispatch = validated.date() + dt.timedelta(days=rng.choice((0, 0, 1, 1, 2, 3)))
            days_ago = (TODAY - dispatch).days
            draw = rng.random()
            if days_ago < 4:
                status = "accepted"
            elif draw < 0.85:
                status = "delivered"
            elif draw < 0.88:
                status = "cancelled"
            elif draw < 0.90:
                status = "refused"
            elif draw < 0.91:
                status = "rejected"
            elif draw < 0.92:
                status = "partially_refused"
            elif draw < 0.925:
                status = "diverted"
            else:
                status = "accepted" if days_ago < 60 else "delivered"
            consignor = consignor_index(rng)
            if rng.random() < 0.6:
                consignee = excise_number(consignor_index(rng) if rng.random() < 0.5 else rng.randrange(NUMBERS))
            else:
                consignee = f"DE0{rng.randrange(10**10):010d}"
            kind = rng.choices(("DAE", "DAES", "DSA"), weights=(90, 5, 5))[0]
            journey = rng.choice(("D01", "D02", "D03", "D05", "H12"))
            plan.append((consignor, consignee, kind, status, validated, dispatch, journey))

        started = time.perf_counter()

        def movement_rows():
            for i, (consignor, consignee, kind, status, validated, dispatch, journey) in enumerate(plan):
                year = validated.year % 100
                movement_type = arc.DUTY_PAID if kind == "DAES" else arc.DUTY_SUSPENSION
                yield {
                    "kind": kind,
                    "status": status,
                    "consignor_id": ids[excise_number(consignor)],
                    "consignee_identifier": consignee,
                    "created_at": validated,
                    "updated_at": validated,
                    "submission_message_type": 3 if kind == "DAES" else 1,
                    "arc": arc.build(year=year, national_code=f"{i:015d}", movement_type=movement_type),
                    "sequence_number": 1,
                    "validated_at": validated,
                    "validation_updated_at": validated,
                    "local_reference_number": f"LRN{i:09d}",
                    "dispatch_date": dispatch,
                    # The date of arrival of its report of receipt (written below), as
                    # gamma.lifecycle.transition keeps it.
                    "received_on": arrival(status, dispatch),
                    "dispatch_time": dt.time(8, 30),
                    "destination_type_code": 9 if kind == "DAES" else 1,
                    "journey_time": journey,
                    "transport_arrangement": 1,
                    "transport_mode_code": "3",
                    "guarantor_type_code": "1",
                    "dispatch_office_code": "FRB00001",
                    "import_customs_declarations": "[]",
                }

        count = Table(connection, "gamma_movement", {}).copy(movement_rows())
        print(f"movements: {count} in {time.perf_counter() - started:.0f} s", flush=True)
        first = connection.execute("SELECT min(id) FROM gamma_movement").fetchone()[0]

        started = time.perf_counter()
        traders = Table(
            connection,
            "gamma_movementtrader",
            {"street_name": "Rue des Vignes", "postcode": "33000", "city": "BORDEAUX", "language": "fr"},
        )
        count = traders.copy(
            row
            for i, (consignor, consignee, *_rest) in enumerate(plan)
            for row in (
                {
                    "movement_id": first + i,
                    "role": "consignor",
                    "trader_excise_number": excise_number(consignor),
                    "trader_name": f"SOCIETE {consignor // 2}",
                },
                {
                    "movement_id": first + i,
                    "role": "consignee",
                    "traderid": consignee,
                    "trader_name": f"DESTINATAIRE {consignee[-4:]}",
                },
            )
        )
        print(f"traders: {count} in {time.perf_counter() - started:.0f} s", flush=True)

        started = time.perf_counter()
        products = [
            ("W200", "22042109"),
            ("B000", "22030001"),
            ("S200", "22083011"),
            ("W300", "22060010"),
            ("I000", "22041000"),
            ("E410", "27101241"),
        ]
        lines = Table(
            connection,
            "gamma_movementline",
            {"quantity": 750, "gross_mass": 1050, "net_mass": 750, "wine_operations": "[]"},
        )
        count = lines.copy(
            {
                "movement_id": first + i,
                "body_record_unique_reference": n,
                "excise_product_code": epc,
                "cn_code": cn,
                "commercial_description": "Marchandise",
            }
            for i in range(movements)
            for n, (epc, cn) in enumerate(rng.sample(products, rng.choice((1, 1, 2, 3))), start=1)
        )
        print(f"lines: {count} in {time.perf_counter() - started:.0f} s", flush=True)

        started = time.perf_counter()
        events = Table(connection, "gamma_movementevent", {"action": "report_of_receipt", "message_type": "IE818"})
        count = events.copy(
            {
                "movement_id": first + i,
                "at": dt.datetime.combine(arrival(status, dispatch), dt.time(10), tzinfo=dt.UTC),
                "from_status": "accepted",
                "to_status": status,
                "payload": json.dumps(
                    {
                        "global_conclusion": 1,
                        "report_of_receipt_export": {
                            "date_of_arrival_of_excise_products": arrival(status, dispatch).isoformat()
                        },
                    }
                ),
            }
            for i, (_c, _e, _k, status, _v, dispatch, _j) in enumerate(plan)
            if arrival(status, dispatch)
        )
        print(f"receipt events: {count} in {time.perf_counter() - started:.0f} s", flush=True)
        connection.commit()
    started = time.perf_counter()
    with psycopg.connect(DATABASE_URL, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    print(f"VACUUM ANALYZE in {time.perf_counter() - started:.0f} s  (generated {now:%Y-%m-%d %H:%M} UTC)", flush=True)


# --- Searches -------------------------------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a local process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return (time.perf_counter() - started) * 1000


def run_searches(repeat: int) -> list[tuple[str, str, int, list[float], tuple[float, float]]]:
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    import django

    django.setup()
    from django.core.paginator import Paginator
    from django.db import connection

    from gamma import search
    from gamma.models import Movement, MovementKind
    from gamma.search import Filters
    from register.models import ExciseNumber

    kinds = list(MovementKind.values)
    rng = random.Random(SEED + 1)
    page_size = 20

    def page(number, filters: Filters, page_number: int = 1) -> int:
        """What the page does: count, one page of ids, that page's movements with details."""
        found = search.search(excise_number=number, kinds=kinds, filters=filters, today=TODAY)
        result = Paginator(found, page_size).get_page(page_number)
        rows = [
            search.row(m, number=number.number, today=TODAY)
            for m in search.with_details(search.ids(result.object_list))
        ]
        return len(rows)

    sizes = {}
    for label, index in (("big", 0), ("medium", 1), ("small", 500)):
        number = ExciseNumber.objects.get(number=excise_number(index))
        sizes[label] = (number, Movement.objects.filter(consignor=number).count())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = cursor.fetchone()[0]  # PostgreSQL's process serving this one: its CPU per search

    def month() -> tuple[dt.date, dt.date]:
        start = START + dt.timedelta(days=rng.randrange(0, 3 * 365 - 31))
        return start, start + dt.timedelta(days=30)

    def week() -> tuple[dt.date, dt.date]:
        start = START + dt.timedelta(days=rng.randrange(0, 3 * 365 - 8))
        return start, start + dt.timedelta(days=7)

    def searches_for(number, arcs, lrns, partners) -> dict:
        def dispatched_in_a_month(_i):
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

        def received_in_a_week(_i):
            start, end = week()
            return page(number, Filters(not_discharged_only=False, received_from=start, received_to=end))

        return {
            "default: not discharged, newest first": lambda _i: page(number, Filters()),
            "everything, newest first (box unticked)": lambda _i: page(number, Filters(not_discharged_only=False)),
            "everything, page 50": lambda _i: page(number, Filters(not_discharged_only=False), 50),
            "by ARC": lambda i: page(number, Filters(arc=arcs[i % len(arcs)], not_discharged_only=False)),
            "by LRN": lambda i: page(number, Filters(lrn=lrns[i % len(lrns)], not_discharged_only=False)),
            "by other trader's number": lambda i: page(
                number, Filters(partner=partners[i % len(partners)], not_discharged_only=False)
            ),
            "dispatched, delivered, a month of dispatch": dispatched_in_a_month,
            "received, not discharged": lambda _i: page(number, Filters(direction=search.RECEIVED)),
            "product W200, not discharged": lambda _i: page(number, Filters(epc="W200")),
            "overdue receipt": lambda _i: page(number, Filters(overdue_only=True)),
            "a week of receipt": received_in_a_week,
        }

    results = []
    for label, (number, total) in sizes.items():
        own = Movement.objects.filter(consignor=number)
        arcs = list(own.order_by("?").values_list("arc", flat=True)[:repeat])
        lrns = list(own.order_by("?").values_list("local_reference_number", flat=True)[:repeat])
        partners = list(own.order_by("?").values_list("consignee_identifier", flat=True)[:repeat])
        searches = searches_for(number, arcs, lrns, partners)
        for name, function in searches.items():
            function(0)  # warm the plan and the cache, as a busy server is
            cpu = time.process_time(), process_cpu(backend)
            times = [timed(lambda i=i, function=function: function(i)) for i in range(repeat)]
            cpu = ((time.process_time() - cpu[0]) * 1000 / repeat, (process_cpu(backend) - cpu[1]) * 1000 / repeat)
            results.append((label, name, total, times, cpu))
            print(
                f"{label:6} ({total:6} dispatched) {name:45} p50 {statistics.median(times):6.1f}  "
                f"p95 {percentile(times, 95):6.1f}  max {max(times):6.1f} ms;  "
                f"CPU {cpu[0]:4.1f} Python + {cpu[1]:4.1f} PostgreSQL ms",
                flush=True,
            )
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--movements", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--regenerate", action="store_true")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
    ensure_database()
    with psycopg.connect(DATABASE_URL) as connection:
        present = connection.execute(
            "SELECT count(*) FROM gamma_movement WHERE local_reference_number LIKE 'LRN%%'"
        ).fetchone()[0]
    if args.regenerate or present != args.movements:
        generate(args.movements)
    results = run_searches(args.repeat)
    everything = [t for _label, _name, _total, times, _cpu in results for t in times]
    python, postgresql = (statistics.mean(cpu[i] for *_rest, cpu in results) for i in (0, 1))
    print(
        f"all searches: p50 {statistics.median(everything):.1f} ms, p95 {percentile(everything, 95):.1f} ms "
        f"(target < 50 ms); CPU a search {python:.1f} ms Python + {postgresql:.1f} ms PostgreSQL; "
        f"load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )


if __name__ == "__main__":
    main()
