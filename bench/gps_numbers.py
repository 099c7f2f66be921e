"""GPS numbers generated per second on PostgreSQL, with 1 and with 16 concurrent clients, and the
series checked gap-free after each run.

    .venv/bin/python bench/gps_numbers.py                 # 3,000 numbers a scenario
    .venv/bin/python bench/gps_numbers.py --numbers 6000

What it does, on the database ``bench_gps`` (created and migrated if missing; its fallback
tables are emptied at the start of each scenario):
1. a company with 16 excise numbers, a user habilitated to « Emettre un DAA / DAA secours » on
   each, and a red alert on GAMMA in progress;
2. each client is a separate process (its own connection, no shared interpreter lock) calling
   ``fallback.services.issue_fallback_document`` in a loop, as the « Valider » of the form does:
   rights read, alert looked up, series row locked, number taken, document and event written,
   commit;
3. scenarios: 1 client; 16 clients on one excise number (all wait on the same series row: the
   worst case); 16 clients on 16 excise numbers (one series each);
4. after each scenario, every series holds each order from 1 to its last exactly once (no gap,
   no duplicate) and the count of documents equals the numbers asked for.
"""

import argparse
import datetime
import multiprocessing
import os
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_gps"
NUMBERS = [f"FR0099{office:02d}B{order:04d}" for office, order in ((90, n) for n in range(1, 17))]
PASSWORD = "une phrase de passe pour le banc"  # noqa: S105 - benchmark account only


def ensure_database() -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def prepare_world():
    """The company, its 16 excise numbers, the habilitated user, a red alert on GAMMA."""
    from django.utils import timezone

    from accounts.models import User
    from fallback.models import Incident
    from habilitations import catalogue
    from habilitations.models import Adhesion, AdhesionStatus, Habilitation
    from portal.models import Teleservice
    from register.models import CustomsOffice, ExciseNumber, ExciseStatus, Operator

    office, _ = CustomsOffice.objects.get_or_create(code="FR009900", defaults={"name": "Bureau du banc"})
    operator, _ = Operator.objects.get_or_create(
        siren="732829320",
        defaults={"name": "SOCIETE DU BANC", "address": "1 rue du Banc", "postal_code": "75001", "city": "PARIS"},
    )
    user, _ = User.objects.update_or_create(
        username="banc.gps",
        defaults={
            "email": "banc.gps@example.org",
            "is_active": True,
            "activated_at": timezone.now(),
            "siret": "73282932000012",
            "siret_status": "confirmed",  # a confirmed company link: rights count only then
        },
    )
    for number in NUMBERS:
        excise_number, _ = ExciseNumber.objects.get_or_create(
            number=number,
            defaults={
                "operator": operator,
                "status": ExciseStatus.AUTHORISED_WAREHOUSEKEEPER,
                "customs_office": office,
                "valid_from": datetime.date(2009, 1, 1),
            },
        )
        adhesion, _ = Adhesion.objects.get_or_create(
            teleservice=catalogue.GAMMA,
            excise_number=excise_number,
            status=AdhesionStatus.APPROVED,
            defaults={
                "operator": operator,
                "customs_office": office,
                "siren": operator.siren,
                "company_name": operator.name,
                "company_address": "1 rue du Banc 75001 PARIS",
                "prepared_by": user,
            },
        )
        Habilitation.objects.get_or_create(
            user=user,
            teleservice=catalogue.GAMMA,
            excise_number=excise_number,
            right=catalogue.ISSUE_DAA.code,
            defaults={"adhesion": adhesion, "granted_by": user},
        )
    gamma = Teleservice.objects.get(slug="gamma")
    now = timezone.now()
    Incident.objects.filter(closed_at__isnull=True).update(closed_at=now)
    Incident.objects.create(
        teleservice=gamma,
        level="rouge",
        message="Banc GPS",
        starts_at=now - datetime.timedelta(hours=1),
        expected_end_at=now + datetime.timedelta(days=1),
        declared_by=user,
    )
    return user


def empty_fallback_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE fallback_documentevent, fallback_fallbackdocument, fallback_numberseries RESTART IDENTITY"
        )


def client(user_pk: int, number: str, count: int, start, done) -> None:
    """One client: its own connection (the parent's is closed before the fork)."""
    from django.utils import timezone

    from accounts.models import User
    from fallback import services

    user = User.objects.get(pk=user_pk)
    start.wait()
    for _ in range(count):
        services.issue_fallback_document(
            actor=user,
            nature="DAA",
            excise_number=number,
            vehicle_registration="457TY24",
            dispatch_at=timezone.now() + datetime.timedelta(minutes=10),
        )
    done.put(count)


def run(user, *, clients: int, numbers: list[str], total: int) -> float:
    from django.db import connections

    empty_fallback_tables()
    connections.close_all()
    context = multiprocessing.get_context("fork")
    start = context.Barrier(clients + 1)
    done = context.Queue()
    share = total // clients
    processes = [
        context.Process(target=client, args=(user.pk, numbers[index % len(numbers)], share, start, done))
        for index in range(clients)
    ]
    for process in processes:
        process.start()
    start.wait()
    began = time.perf_counter()
    issued = sum(done.get() for _ in processes)
    seconds = time.perf_counter() - began
    for process in processes:
        process.join()
        if process.exitcode:
            sys.exit(f"a client failed (exit code {process.exitcode})")
    check_gap_free(expected=issued)
    return issued / seconds


def check_gap_free(*, expected: int) -> None:
    from django.db.models import Count, Max, Min

    from fallback.models import FallbackDocument, NumberSeries

    documents = FallbackDocument.objects.count()
    assert documents == expected, f"{documents} documents for {expected} numbers asked"
    assert FallbackDocument.objects.values("number").distinct().count() == documents, "a number given twice"
    for series in NumberSeries.objects.all():
        stats = FallbackDocument.objects.filter(excise_number=series.excise_number, year=series.year).aggregate(
            n=Count("pk"), first=Min("order"), last=Max("order")
        )
        assert stats == {"n": series.last_order, "first": 1, "last": series.last_order}, (series, stats)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--numbers", type=int, default=3000, help="numbers asked for in each scenario")
    args = parser.parse_args()
    ensure_database()
    user = prepare_world()
    scenarios = [
        ("1 client, 1 excise number", 1, NUMBERS[:1]),
        ("16 clients, 1 excise number (one series row, all wait on it)", 16, NUMBERS[:1]),
        ("16 clients, 16 excise numbers (one series each)", 16, NUMBERS),
    ]
    print("| scenario | numbers | numbers/s | load average |")
    print("|---|---:|---:|---:|")
    for label, clients, numbers in scenarios:
        rate = run(user, clients=clients, numbers=numbers, total=args.numbers)
        print(f"| {label} | {args.numbers} | {rate:,.0f} | {os.getloadavg()[0]:.1f} |", flush=True)
    print("Every series gap-free: orders 1..n, each once.")


if __name__ == "__main__":
    main()
