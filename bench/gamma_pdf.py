"""Benchmark of the printed copy of a DAE (``gamma.printing``): PDFs per second.

    .venv/bin/python bench/gamma_pdf.py              # 200 copies a measure
    .venv/bin/python bench/gamma_pdf.py --count 500

On the database ``bench_gamma_search`` (created and migrated if missing; ``bench/gamma_search.py``
fills it with a million other movements, which this benchmark does not need), it writes once 50
realistic DAEs of FR008777E0001: three wine and spirits lines with their packages, consignor,
consignee, place of dispatch, place of delivery, transporter, one vehicle and one accompanying
document. Then it measures, each on a warm process:

1. rendering only (the movement already read): ReportLab's share;
2. reading the movement (five queries) and rendering, one process;
3. the same in two processes at once (the machine has two cores);
4. the page a user calls (``GET …/document.pdf`` through Django, its rights checked), one process.
"""

import argparse
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_gamma_search"
MOVEMENTS = 50


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    import django

    django.setup()


def ensure_data() -> list[int]:
    """The 50 DAEs (written once) and their ids."""
    import subprocess

    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    env = {**os.environ, "DATABASE_URL": f"{SERVER}/{DATABASE}", "DJANGO_SETTINGS_MODULE": "prodouane.settings"}
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "manage.py", "migrate", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    setup_django()
    from decimal import Decimal

    from gamma.models import Movement, MovementDocument, MovementTrader, TraderRole
    from register.models import ExciseNumber
    from tests.factories.gamma import MovementFactory, MovementLineFactory
    from tests.factories.habilitations import build_world

    if not ExciseNumber.objects.filter(number="FR008777E0001").exists():
        build_world()
    consignor = ExciseNumber.objects.get(number="FR008777E0001")
    existing = list(
        Movement.objects.filter(consignor=consignor, local_reference_number__startswith="PDF-").values_list(
            "pk", flat=True
        )
    )
    if len(existing) >= MOVEMENTS:
        return existing[:MOVEMENTS]
    ids = []
    for n in range(MOVEMENTS):
        movement = MovementFactory(
            validated=True,
            consignor=consignor,
            consignee_identifier="FR009990F0005",
            local_reference_number=f"PDF-{n:04d}",
        )
        MovementLineFactory(
            movement=movement,
            body_record_unique_reference=2,
            commercial_description="Bordeaux blanc AOC 2023, magnums",
            quantity=Decimal("300"),
            gross_mass=Decimal("450"),
            net_mass=Decimal("300"),
        )
        MovementLineFactory(
            movement=movement,
            body_record_unique_reference=3,
            excise_product_code="S200",
            cn_code="22082012",
            commercial_description="Armagnac VSOP, bouteilles de 70 cl",
            designation_of_origin="Bas-Armagnac",
            alcoholic_strength=Decimal("40"),
            wine_product_category=None,
            wine_growing_zone_code="",
            wine_operations=[],
            packages=[{"kind_of_packages": "CT", "number_of_packages": 50, "shipping_marks": "CFA-2026"}],
        )
        for role, name in (
            (TraderRole.DELIVERY_PLACE, "ENTREPOT DU PORT"),
            (TraderRole.FIRST_TRANSPORTER, "TRANSPORTS DUPONT"),
        ):
            MovementTrader.objects.create(
                movement=movement,
                role=role,
                trader_name=name,
                street_name="Quai des Chartrons",
                postcode="33000",
                city="BORDEAUX",
            )
        MovementDocument.objects.create(movement=movement, document_type="4", document_reference=f"CERT-{n:05d}")
        ids.append(movement.pk)
    return ids


def _rate(count: int, seconds: float) -> float:
    return count / seconds


def render_only(ids: list[int], count: int) -> float:
    from gamma import printing

    movements = [printing.load(pk) for pk in ids]
    started = time.perf_counter()
    for i in range(count):
        printing.movement_pdf(movements[i % len(movements)], prefetched=True)
    return _rate(count, time.perf_counter() - started)


def read_and_render(ids: list[int], count: int) -> float:
    from gamma import printing

    started = time.perf_counter()
    for i in range(count):
        printing.movement_pdf(printing.load(ids[i % len(ids)]), prefetched=True)
    return _rate(count, time.perf_counter() - started)


def _worker(args) -> tuple[int, float, float]:
    ids, count = args
    setup_django()
    from django.db import connection

    read_and_render(ids, 5)  # warm
    connection.close()
    started = time.perf_counter()
    read_and_render(ids, count)
    return count, started, time.perf_counter()


def two_processes(ids: list[int], count: int) -> float:
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.map(_worker, [(ids, count // 2), (ids, count // 2)])
    first = min(start for _, start, _ in results)
    last = max(end for _, _, end in results)
    return _rate(sum(n for n, _, _ in results), last - first)


def through_the_page(ids: list[int], count: int) -> float:
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="antoineleris"))
    url = "/gamma/FR008777E0001/mouvements/{}/document.pdf"
    assert client.get(url.format(ids[0])).status_code == 200
    started = time.perf_counter()
    for i in range(count):
        response = client.get(url.format(ids[i % len(ids)]))
        if response.status_code != 200:
            raise SystemExit(f"HTTP {response.status_code}")
    return _rate(count, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
    ids = ensure_data()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    from gamma import printing

    size = len(printing.movement_pdf(printing.load(ids[0]), prefetched=True))
    print(f"a copy: 3 lines, {size / 1024:.1f} KiB", flush=True)
    render_only(ids, 20)  # warm
    cpu = time.process_time()
    render_only(ids, args.count)
    print(f"CPU per copy, rendering only: {(time.process_time() - cpu) * 1000 / args.count:.1f} ms", flush=True)
    for name, measure in (
        ("rendering only, 1 process", render_only),
        ("read + render, 1 process", read_and_render),
        ("read + render, 2 processes", two_processes),
        ("GET document.pdf (Django, rights checked), 1 process", through_the_page),
    ):
        rates = [measure(ids, args.count) for _ in range(args.rounds)]
        print(f"{name:55} median {statistics.median(rates):6.1f} PDF/s  (best {max(rates):.1f})", flush=True)
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
