"""Validations per second of a realistic 3-line DAE through the service function
(``gamma.services.movement_validate``) on PostgreSQL.

The database ``bench_gamma`` is created if missing, migrated, emptied, and the EMCS code lists
are loaded. The seed's company (FR008777E0001) and antoineleris with every GAMMA right are
created; one DAE of three wine lines (each with its package), a consignee of the portal, a place
of delivery and a vehicle is prepared through the services, section by section, then copied as
many times as validations are wanted (a copy is a draft like any other: its own LRN). Each worker
process then validates its share of the drafts, one after the other, through the service: rights,
every required field and business rule, the lifecycle transition and its event, the ARC.

Then, unless ``--no-http``, the same validations through HTTP: the portal served by gunicorn in
production mode with gunicorn.conf.py (2 workers x 16 threads), N clients (``--clients``) that
each log in once as antoineleris and POST the validation form of drafts taken from a shared
queue (success: the 302 to the « émis » page); next to it, on the same server and with as many
clients, the bare view of the portal: the health check ``GET /sante/`` (no template, no query),
anonymous as the load balancer asks it, then with the clients' session cookie.

    .venv/bin/python bench/gamma_validate.py                      # 2,000 validations, 1 then 2 processes, HTTP
    .venv/bin/python bench/gamma_validate.py --drafts 5000 --processes 1 2 4 --no-http

``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``) names the server.
"""

import argparse
import http.client
import multiprocessing
import os
import queue
import statistics
import sys
import threading
import time
from pathlib import Path

from http_client import (
    Client,
    collectstatic,
    database_backends,
    gunicorn,
    manage,
    process_cpu,
    production_env,
    worker_pids,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_gamma"
DATABASE_URL = f"{SERVER}/{DATABASE}"


def environment(database_url: str = DATABASE_URL) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "DEBUG": "0",  # no query log kept in memory
        "LOG_LEVEL": "WARNING",
    }


def ensure_database(database: str = DATABASE) -> None:
    """``database`` on ``SERVER``, created if missing, migrated, emptied and given the code lists
    (``bench/edi_submit.py`` uses it for its own database)."""
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone():
            connection.execute(f"CREATE DATABASE {database}")
    env = environment(f"{SERVER}/{database}")
    for command in (("migrate", "--noinput"), ("flush", "--noinput"), ("load_emcs_codelists",)):
        manage(env, *command, "-v0")


def setup_django() -> None:
    os.environ.update(environment())
    import django

    django.setup()


def make_drafts(count: int) -> tuple[int, list[int]]:
    """The actor's pk and ``count`` drafts ready to validate (one prepared, the others its copies)."""
    from django.db import transaction

    from gamma import services
    from gamma.models import LinePackage, Movement, MovementLine, MovementTrader, TransportDetail
    from tests.factories.habilitations import build_world
    from tests.gamma.drafting import complete_dae

    world = build_world()
    model = services.prefetched(complete_dae(world.antoine, world.excise_a, lrn="BENCH-MODELE", lines=3))
    assert not services.movement_errors(model), services.movement_errors(model)
    traders = list(model.traders.all())
    units = list(model.transport_details.all())
    lines = [(line, list(line.packages.all())) for line in model.lines.all()]

    def copy(row, **changes):
        values = {
            f.attname: getattr(row, f.attname)
            for f in row._meta.concrete_fields
            if not f.primary_key and f.attname != "verification_code"  # unique: each copy draws its own
        }
        return type(row)(**{**values, **changes})

    pks = []
    with transaction.atomic():
        for start in range(0, count, 500):
            batch = Movement.objects.bulk_create(
                copy(model, local_reference_number=f"BENCH-{n:06d}") for n in range(start, min(count, start + 500))
            )
            pks += [movement.pk for movement in batch]
            MovementTrader.objects.bulk_create(copy(t, movement_id=m.pk) for m in batch for t in traders)
            TransportDetail.objects.bulk_create(copy(u, movement_id=m.pk) for m in batch for u in units)
            new_lines = MovementLine.objects.bulk_create(
                copy(line, movement_id=m.pk) for m in batch for line, _ in lines
            )
            LinePackage.objects.bulk_create(
                copy(package, line_id=new_line.pk)
                for new_line, (_line, line_packages) in zip(
                    new_lines, [item for _ in batch for item in lines], strict=True
                )
                for package in line_packages
            )
    return world.antoine.pk, pks


def worker(actor_pk: int, pks: list[int], queue) -> None:
    """Validate ``pks`` one after the other through the service; report the time of each."""
    setup_django()
    from accounts.models import User
    from gamma import services
    from gamma.models import Movement

    actor = User.objects.get(pk=actor_pk)
    # What a view holds before it calls the service: the movement and its consignor's number.
    movements = list(Movement.objects.select_related("consignor").filter(pk__in=pks).order_by("pk"))
    backend = server_process()
    cpu_client, cpu_server = time.process_time(), process_cpu(backend)
    times = []
    for movement in movements:
        started = time.perf_counter()
        services.movement_validate(actor=actor, movement=movement)
        times.append(time.perf_counter() - started)
    queue.put((times, time.process_time() - cpu_client, process_cpu(backend) - cpu_server))


def server_process() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def count_queries(actor_pk: int, pk: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User
    from gamma import services
    from gamma.models import Movement

    movement = Movement.objects.select_related("consignor").get(pk=pk)
    with CaptureQueriesContext(connection) as captured:
        services.movement_validate(actor=User.objects.get(pk=actor_pk), movement=movement)
    return len(captured.captured_queries)


def run(actor_pk: int, pks: list[int], processes: int) -> tuple[float, list[float]]:
    from django.db import connections

    connections.close_all()  # the workers open their own
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    shares = [pks[index::processes] for index in range(processes)]
    workers = [context.Process(target=worker, args=(actor_pk, share, queue)) for share in shares]
    started = time.perf_counter()
    for process in workers:
        process.start()
    results = [queue.get() for _ in workers]
    for process in workers:
        process.join()
    times = [t for result in results for t in result[0]]
    cpu = (sum(result[1] for result in results), sum(result[2] for result in results))
    return time.perf_counter() - started, times, cpu


# --- Through HTTP ------------------------------------------------------------------------------------

CONSIGNOR = "FR008777E0001"


def server_backends() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend of the server's database."""
    return database_backends(SERVER, DATABASE)


class CpuMeter:
    """CPU spent between start() and stop(): by gunicorn's workers, by their PostgreSQL backends
    (one opened meanwhile counts from zero), by this process (the clients)."""

    def __init__(self, server) -> None:
        self.workers = worker_pids(server)

    def start(self) -> None:
        self.started = ({pid: process_cpu(pid) for pid in self.workers}, server_backends(), time.process_time())

    def stop(self) -> tuple[float, float, float]:
        workers, backends, client = self.started
        return (
            sum(process_cpu(pid) - cpu for pid, cpu in workers.items()),
            sum(cpu - backends.get(pid, 0.0) for pid, cpu in server_backends().items()),
            time.process_time() - client,
        )


def requests_in_parallel(clients: list[Client], items: list, send) -> tuple[float, list[float], list[str]]:
    """One thread per client, all released at once, each taking the next item of a shared queue
    and timing ``send(client, item)`` (None on success, else what went wrong) until none is left.
    The seconds until the last thread ends, the time of each request, the failures."""
    work = queue.SimpleQueue()
    for item in items:
        work.put(item)
    times, failures, lock = [], [], threading.Lock()
    barrier = threading.Barrier(len(clients) + 1)

    def run(client: Client) -> None:
        barrier.wait()
        while True:
            try:
                item = work.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                failure = send(client, item)
            except (OSError, http.client.HTTPException) as error:
                failure = f"{item}: {error!r}"
                client.conn.close()
            duration = time.perf_counter() - started
            with lock:
                times.append(duration)
                if failure:
                    failures.append(failure)

    threads = [threading.Thread(target=run, args=(client,)) for client in clients]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, times, failures


def validate(client: Client, pk: int) -> str | None:
    """Posts the validation form of draft ``pk``: the service's success is the 302 to « émis »."""
    response = client.request(
        "POST", f"/gamma/{CONSIGNOR}/brouillons/{pk}/valider/", {"csrfmiddlewaretoken": client.csrf_token()}
    )
    if response.status == 302 and response.headers.get("location", "").endswith(
        f"/gamma/{CONSIGNOR}/brouillons/{pk}/emis/"
    ):
        return None
    detail = response.headers.get("location") or " ".join(response.text.split())[:300]
    return f"draft {pk}: HTTP {response.status} {detail}"


def health(client: Client, _item) -> str | None:
    response = client.request("GET", "/sante/")
    return (
        None if response.status == 200 and response.text == "ok" else f"HTTP {response.status} {response.text[:100]!r}"
    )


def measure(label: str, meter: CpuMeter, clients: list[Client], items: list, send) -> None:
    load = os.getloadavg()[0]
    meter.start()
    elapsed, times, failures = requests_in_parallel(clients, items, send)
    workers, backends, client = meter.stop()
    times.sort()
    count = len(times)
    if not count:
        print(f"{label}: nothing measured")
        return
    print(
        f"{label}: {count} in {elapsed:.1f} s = {count / elapsed:.0f}/s; "
        f"median {statistics.median(times) * 1000:.1f} ms, p95 {times[int(count * 0.95)] * 1000:.1f} ms; "
        f"CPU per request: gunicorn {workers / count * 1000:.2f} ms + PostgreSQL {backends / count * 1000:.2f} ms "
        f"+ clients {client / count * 1000:.2f} ms (load average before: {load:.1f})",
        flush=True,
    )
    report_failures(failures)


def report_failures(failures: list[str]) -> None:
    if failures:
        print(f"  {len(failures)} FAILED:")
        for failure in failures[:20]:
            print(f"  - {failure}")


def run_http(pks: list[int], clients: int, health_requests: int, port: int) -> None:
    """Validations through the portal's form, then its bare view, on the same gunicorn server."""
    from django.db import connections

    from tests.factories.accounts import PASSWORD

    connections.close_all()
    env = production_env(DATABASE_URL=DATABASE_URL, LOG_LEVEL="WARNING")
    collectstatic(env)
    with gunicorn(env, port) as server:
        meter = CpuMeter(server)
        browsers = [Client(port) for _ in range(clients)]
        for browser in browsers:
            assert browser.login("antoineleris", PASSWORD), "antoineleris could not log in"
        print(
            f"HTTP, gunicorn.conf.py ({len(meter.workers)} workers x {os.environ.get('GUNICORN_THREADS', '16')} "
            f"threads), production mode, {clients} clients logged in as antoineleris",
            flush=True,
        )
        # Not timed: one validation per client first (a connection's first request compiles its
        # queries, the first validation of a process reads the code lists).
        warm_up, pks = pks[:clients], pks[clients:]
        report_failures(requests_in_parallel(browsers, warm_up, validate)[2])
        measure("validations over HTTP (POST …/valider/)", meter, browsers, pks, validate)

        anonymous = [Client(port) for _ in range(clients)]
        report_failures(requests_in_parallel(anonymous, range(clients), health)[2])
        measure("bare view over HTTP (GET /sante/, anonymous)", meter, anonymous, range(health_requests), health)
        measure("bare view over HTTP (GET /sante/, with the session)", meter, browsers, range(health_requests), health)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=2000, help="validations per run (default 2000)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="worker processes per run")
    parser.add_argument("--no-http", action="store_true", help="only the service, not the HTTP stage")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients (default 8)")
    parser.add_argument(
        "--health-requests", type=int, default=5000, help="requests to the bare view, per variant (default 5000)"
    )
    parser.add_argument("--port", type=int, default=8767, help="the gunicorn server's (default 8767)")
    options = parser.parse_args()

    ensure_database()
    setup_django()
    http_drafts = 0 if options.no_http else options.drafts + options.clients  # the clients' warm-up
    total = options.drafts * len(options.processes) + 1 + http_drafts
    print(f"Preparing {total} drafts of 3 lines (one through the services, the others copied)…", flush=True)
    actor_pk, pks = make_drafts(total)
    print(f"Queries for one validation: {count_queries(actor_pk, pks.pop())}")
    for processes in options.processes:
        batch, pks = pks[: options.drafts], pks[options.drafts :]
        load = os.getloadavg()[0]
        elapsed, times, (cpu_client, cpu_server) = run(actor_pk, batch, processes)
        times.sort()
        count = len(times)
        print(
            f"{processes} process(es): {count} validations in {elapsed:.1f} s = {count / elapsed:.0f}/s; "
            f"per validation median {statistics.median(times) * 1000:.1f} ms, "
            f"p95 {times[int(count * 0.95)] * 1000:.1f} ms; CPU per validation: Python "
            f"{cpu_client / count * 1000:.2f} ms + PostgreSQL {cpu_server / count * 1000:.2f} ms "
            f"(load average before: {load:.1f})"
        )
    if not options.no_http:
        run_http(pks[:http_drafts], options.clients, options.health_requests, options.port)


if __name__ == "__main__":
    main()
