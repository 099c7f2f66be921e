"""Validations per second of a realistic 3-line DAE through the service function
(``gamma.services.movement_validate``) on PostgreSQL.

The database ``bench_gamma`` is created if missing, migrated, emptied, and the EMCS code lists
are loaded. The seed's company (FR008777E0001) and antoineleris with every GAMMA right are
created; one DAE of three wine lines (each with its package), a consignee of the portal, a place
of delivery and a vehicle is prepared through the services, section by section, then copied as
many times as validations are wanted (a copy is a draft like any other: its own LRN). Each worker
process then validates its share of the drafts, one after the other, through the service: rights,
every required field and business rule, the lifecycle transition and its event, the ARC.

    .venv/bin/python bench/gamma_validate.py                      # 2,000 validations, 1 then 2 processes
    .venv/bin/python bench/gamma_validate.py --drafts 5000 --processes 1 2 4

``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``) names the server.
"""

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = "bench_gamma"
DATABASE_URL = f"{SERVER}/{DATABASE}"


def environment() -> dict:
    return {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "DEBUG": "0",  # no query log kept in memory
        "LOG_LEVEL": "WARNING",
    }


def manage(*args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=environment(), check=True)


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone():
            connection.execute(f"CREATE DATABASE {DATABASE}")
    manage("migrate", "--noinput", "-v0")
    manage("flush", "--noinput", "-v0")
    manage("load_emcs_codelists", "-v0")


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
        values = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if not f.primary_key}
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


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) a local process has used: PostgreSQL's backend of this worker."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--drafts", type=int, default=2000, help="validations per run (default 2000)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="worker processes per run")
    options = parser.parse_args()

    ensure_database()
    setup_django()
    total = options.drafts * len(options.processes) + 1
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


if __name__ == "__main__":
    main()
