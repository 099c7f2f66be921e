"""Benchmark of the printed copy of a DAE (``gamma.printing``): PDFs per second, stage by stage.

    .venv/bin/python bench/gamma_pdf.py              # 200 copies a measure, 3 rounds
    .venv/bin/python bench/gamma_pdf.py --count 500

On its own database ``bench_gamma_pdf`` (created and migrated if missing), it writes once 50
realistic DAEs of FR008777E0001: three wine and spirits lines with their packages, consignor,
consignee, place of dispatch, place of delivery, transporter, one vehicle and one accompanying
document. Then it measures, each on a warm process, PDFs a second (median and best of the rounds)
and the CPU milliseconds a PDF:

1. rendering only (the movement already read): ReportLab's share;
2. reading the movement (``printing.load``, six queries) and rendering, one process;
3. the same in two processes at once (the machine has two cores);
4. the page a user calls (``GET …/document.pdf`` through Django's test client with a session:
   middleware, login, rights, access check, reading, drawing), one process;
5. the same in two processes at once, as the two workers of production, without HTTP;
6. over HTTP (unless ``--no-http``): gunicorn in production mode with gunicorn.conf.py (two
   workers of 16 threads), ``--clients`` browsers at once, each logged in through the login
   page; PDFs a second, latency, CPU a PDF of gunicorn, PostgreSQL and the clients (which share
   the two cores with the server).

For stages 1 to 5 the CPU a PDF is the benchmark processes' (Python: Django, ReportLab, the test
client) plus their PostgreSQL backends'.

The copy is drawn anew at each request: it is not kept (``gamma.printing``'s docstring says why),
so there is no « repeated print » figure.
"""

import argparse
import multiprocessing
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path

from http_client import database_backends, process_cpu

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
# Its own database: the search benchmark truncates the movement tables of ``bench_gamma_search``
# when it writes its million movements again, which would pull the copies from under this one.
DATABASE = os.environ.get("BENCH_PDF_DATABASE", "bench_gamma_pdf")
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


URL = "/gamma/FR008777E0001/mouvements/{}/document.pdf"


def render_only(ids: list[int], count: int):
    """Each copy already read (``printing.load``): ReportLab's share."""
    from gamma import printing

    copies = [printing.load(pk) for pk in ids]

    def run(n: int) -> None:
        for i in range(n):
            printing.movement_pdf(copies[i % len(copies)])

    return run


def read_and_render(ids: list[int], count: int):
    """``printing.load`` (six queries) then the drawing."""
    from gamma import printing

    def run(n: int) -> None:
        for i in range(n):
            printing.movement_pdf(printing.load(ids[i % len(ids)]))

    return run


def through_the_page(ids: list[int], count: int):
    """``GET …/document.pdf`` with a session: middleware, login, rights, access, read, drawing."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(username="antoineleris"))

    def run(n: int) -> None:
        for i in range(n):
            response = client.get(URL.format(ids[i % len(ids)]))
            if response.status_code != 200:
                raise SystemExit(f"HTTP {response.status_code}")

    return run


STAGES = {"render": render_only, "read": read_and_render, "page": through_the_page}


def backend_cpu() -> float:
    """CPU seconds so far of the PostgreSQL backend serving this process's connection."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return process_cpu(cursor.fetchone()[0])


def timed(stage: str, ids: list[int], count: int, barrier=None) -> tuple[int, float, float, float, float]:
    """``count`` PDFs of ``stage`` on a warm process: how many, when started and ended, the CPU
    seconds of this process and of its PostgreSQL backend."""
    run = STAGES[stage](ids, count)
    run(10)  # warm
    if barrier is not None:
        barrier.wait()  # the processes start together
    backend, cpu, started = backend_cpu(), time.process_time(), time.perf_counter()
    run(count)
    ended = time.perf_counter()
    return count, started, ended, time.process_time() - cpu, backend_cpu() - backend


def _worker(stage: str, ids: list[int], count: int, barrier, results) -> None:
    setup_django()
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver"]
    results.put(timed(stage, ids, count, barrier))


def measure(stage: str, ids: list[int], count: int, processes: int) -> tuple[float, float, float]:
    """The stage in ``processes`` processes at once (production runs two gunicorn workers): PDFs
    a second for all of them, CPU milliseconds a PDF in Python and in PostgreSQL."""
    if processes == 1:
        done = [timed(stage, ids, count)]
    else:
        context = multiprocessing.get_context("spawn")
        barrier, results = context.Barrier(processes), context.Queue()
        workers = [
            context.Process(target=_worker, args=(stage, ids, count // processes, barrier, results))
            for _ in range(processes)
        ]
        for worker in workers:
            worker.start()
        done = [results.get() for _ in workers]
        for worker in workers:
            worker.join()
    pdfs = sum(run[0] for run in done)
    elapsed = max(run[2] for run in done) - min(run[1] for run in done)
    return pdfs / elapsed, sum(run[3] for run in done) * 1000 / pdfs, sum(run[4] for run in done) * 1000 / pdfs


def over_http(ids: list[int], count: int, clients: int, port: int) -> None:
    """``GET …/document.pdf`` from ``clients`` browsers at once (a thread each, logged in through
    the login page) to gunicorn in production mode with gunicorn.conf.py (2 workers x 16 threads)."""
    from allauth.usersessions.models import UserSession
    from django.contrib.sessions.models import Session
    from django.db import connections
    from http_client import Client, collectstatic, gunicorn, production_env, worker_pids

    from tests.factories.accounts import PASSWORD

    # The sessions of the stages above were signed with the development key: gunicorn's would
    # find them corrupted when allauth lists the user's sessions at login.
    Session.objects.all().delete()
    UserSession.objects.all().delete()
    connections.close_all()
    env = production_env(DATABASE_URL=f"{SERVER}/{DATABASE}", LOG_LEVEL="WARNING")
    collectstatic(env)
    with gunicorn(env, port) as server:
        workers = worker_pids(server)
        browsers = [Client(port) for _ in range(clients)]
        for browser in browsers:
            assert browser.login("antoineleris", PASSWORD), "antoineleris could not log in"
            for pk in ids[:5]:  # warm: each worker thread's connection, the first copies
                browser.request("GET", URL.format(pk))
        work = queue.SimpleQueue()
        for i in range(count):
            work.put(ids[i % len(ids)])
        times, failures, lock = [], [], threading.Lock()
        barrier = threading.Barrier(clients + 1)

        def fetch(browser) -> None:
            barrier.wait()
            while True:
                try:
                    pk = work.get_nowait()
                except queue.Empty:
                    return
                started = time.perf_counter()
                response = browser.request("GET", URL.format(pk))
                with lock:
                    times.append(time.perf_counter() - started)
                    if response.status != 200 or response.headers.get("content-type") != "application/pdf":
                        failures.append(f"{pk}: HTTP {response.status}")

        threads = [threading.Thread(target=fetch, args=(browser,)) for browser in browsers]
        for thread in threads:
            thread.start()
        load = os.getloadavg()[0]
        gunicorn_cpu, backends, client_cpu = (
            {pid: process_cpu(pid) for pid in workers},
            database_backends(SERVER, DATABASE),
            time.process_time(),
        )
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        gunicorn_cpu = sum(process_cpu(pid) - cpu for pid, cpu in gunicorn_cpu.items())
        backends = sum(cpu - backends.get(pid, 0.0) for pid, cpu in database_backends(SERVER, DATABASE).items())
        client_cpu = time.process_time() - client_cpu
    times.sort()
    print(
        f"HTTP, gunicorn ({len(workers)} workers), {clients} clients: {count} PDFs in {elapsed:.1f} s = "
        f"{count / elapsed:.0f} PDF/s; median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {times[int(len(times) * 0.95)] * 1000:.1f} ms; CPU a PDF: gunicorn {gunicorn_cpu / count * 1000:.2f} ms "
        f"+ PostgreSQL {backends / count * 1000:.2f} ms + clients {client_cpu / count * 1000:.2f} ms "
        f"(load average before: {load:.1f})",
        flush=True,
    )
    if failures:
        raise SystemExit(f"{len(failures)} failed: {failures[:5]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="PDFs a measure (default 200)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-http", action="store_true", help="without the stage through gunicorn")
    parser.add_argument("--http-count", type=int, default=1000, help="PDFs over HTTP (default 1000)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent HTTP clients (default 4)")
    parser.add_argument("--port", type=int, default=8768, help="the gunicorn server's (default 8768)")
    args = parser.parse_args()
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
    ids = ensure_data()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.ALLOWED_HOSTS = ["testserver"]
    from gamma import printing

    with CaptureQueriesContext(connection) as read:
        copy = printing.load(ids[0])
    size = len(printing.movement_pdf(copy))
    print(f"a copy: 3 lines, {size / 1024:.1f} KiB, read in {len(read)} queries", flush=True)
    print(f"{'stage':53} {'PDF/s median':>12} {'best':>6}  CPU ms a PDF: Python + PostgreSQL", flush=True)
    for name, stage, processes in (
        ("rendering only, 1 process", "render", 1),
        ("read (PostgreSQL) + render, 1 process", "read", 1),
        ("read + render, 2 processes", "read", 2),
        ("GET document.pdf (Django test client), 1 process", "page", 1),
        ("GET document.pdf (Django test client), 2 processes", "page", 2),
    ):
        runs = [measure(stage, ids, args.count, processes) for _ in range(args.rounds)]
        rates = [rate for rate, _, _ in runs]
        python = statistics.median(run[1] for run in runs)
        database = statistics.median(run[2] for run in runs)
        print(
            f"{name:53} {statistics.median(rates):12.1f} {max(rates):6.1f}  {python:6.2f} + {database:.2f}",
            flush=True,
        )
    print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)
    if not args.no_http:
        over_http(ids, args.http_count, args.clients, args.port)
        print(f"load average: {os.getloadavg()[0]:.2f}", flush=True)


if __name__ == "__main__":
    main()
