"""IE815 → IE801 submissions per second through the Guichet EDI on PostgreSQL, next to the same
submissions through the service function and to a bare Django view that does one insert.

The database (``BENCH_DATABASE``, default ``bench_edi``) is created if missing, migrated, emptied,
and the EMCS code lists are loaded. Company A of the tests (FR008777E0001, ``build_world``) names
an EDI provider on its GAMMA adhesion; the provider's credential is issued by A's office
(``edi.credentials.issue``), as ``tests/edi/conftest.py`` does. One realistic DAE — three wine
lines with their packages, a consignee of the portal, a place of delivery, a vehicle — is prepared
through the services and written as an IE815; every submission sends these bytes with its own
MessageIdentifier and LRN (each a new draft, validated into an e-AD: a 201 with its IE801).

In the same run:

- **service**: ``edi.service.submit(data, sender=credential, channel=EDI)`` in 1 then 2 worker
  processes (each its own connection), one message after the other: the schema, the identifier's
  evidence row, the rights, ``gamma.mapping.save_ie815``, ``gamma.services.movement_validate``
  (every rule, the ARC, the IE801 built, validated and published to the feeds), the commit;
- **HTTP**: ``POST /edi/v1/messages`` with the credential's bearer token, N clients
  (``--clients``) over keep-alive connections, to gunicorn in production mode with
  ``gunicorn.conf.py`` (2 workers x 16 threads); success is the 201 with the IE801;
- **bare view**: on the same server, ``POST /bench/insert`` with the same bytes, a view that
  writes them as one row (``bench/bare_urls.py``, served only by this benchmark) — what Django,
  gunicorn and one INSERT cost, the floor of any submission.

Each measure gives the rate, the p50 and p99 of one request, and the CPU it costs in the Python
processes and their PostgreSQL backends (``/proc/<pid>/stat``). Before, the queries of one
submission are counted (Django's ``CaptureQueriesContext``); ``--profile`` prints cProfile's
heaviest functions of 200 submissions through the service.

    .venv/bin/python bench/edi_submit.py                          # 1,000 a measure
    .venv/bin/python bench/edi_submit.py --messages 2000 --clients 16
    .venv/bin/python bench/edi_submit.py --profile --no-http

``--prepared``: the statements bound on the server and prepared by psycopg after 5 runs
(``bench/bare_settings.py``), so that PostgreSQL plans each once per connection.
``BENCH_POSTGRES`` (default ``postgres://postgres@127.0.0.1:5432``) names the server.
"""

import argparse
import cProfile
import multiprocessing
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

import gamma_validate
from gamma_validate import CpuMeter as _GunicornMeter
from gamma_validate import requests_in_parallel
from http_client import Client, collectstatic, database_backends, gunicorn, process_cpu, production_env

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = ROOT / ".venv" / "bin" / "python"
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = os.environ.get("BENCH_DATABASE", "bench_edi")
DATABASE_URL = f"{SERVER}/{DATABASE}"
PROVIDER_SIRET = "44306184100047"  # tests/edi/conftest.py: a provider not in the register
# Placeholders of the template message, replaced in each message sent (same lengths as the schema allows).
LRN = b"EDIBENCH-LRN-0000000"
IDENTIFIER = b"EDIBENCH-MESSAGE-IDENTIFIER-0000000"


def environment() -> dict:
    return gamma_validate.environment(DATABASE_URL)


def ensure_database() -> None:
    gamma_validate.ensure_database(DATABASE)


def setup_django() -> None:
    os.environ.update(environment())
    os.environ["DJANGO_SETTINGS_MODULE"] = "bare_settings"  # the portal's, BENCH_PREPARED read (bench/)
    import django

    django.setup()


def prepare() -> tuple[int, str, bytes]:
    """The credential's pk, its bearer token, and the template IE815 (LRN and identifier to fill)."""
    from edi import credentials
    from emcs.messages import Header
    from gamma import mapping
    from gamma import messages as gamma_messages
    from tests.factories.habilitations import build_world
    from tests.gamma.drafting import complete_dae

    world = build_world()
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    issued = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="Banc d'essai")
    draft = complete_dae(world.antoine, world.excise_a, lrn=LRN.decode(), lines=3)
    header = Header.new()
    header.message_identifier = IDENTIFIER.decode()
    template = gamma_messages.serialise(mapping.ie815_message(draft, header=header))
    draft.delete()
    assert template.count(LRN) == 1 and template.count(IDENTIFIER) == 1, "placeholders not found once"
    return issued.credential.pk, issued.token, template


def message(template: bytes, stage: str, number: int) -> bytes:
    """The template with its own LRN and MessageIdentifier (``stage``: one letter)."""
    return template.replace(LRN, f"EDI{stage}{number:0{len(LRN) - 4}d}".encode()).replace(
        IDENTIFIER, f"EDI{stage}{number:0{len(IDENTIFIER) - 4}d}".encode()
    )


# --- Through the service --------------------------------------------------------------------------


def _credential(pk: int):
    from edi.models import Credential

    return Credential.objects.select_related("actor").get(pk=pk)


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _submit_all(credential, messages: list[bytes]) -> list[float]:
    from edi import service

    times = []
    for data in messages:
        started = time.perf_counter()
        answer = service.submit(data, sender=credential, channel=service.EDI)
        times.append(time.perf_counter() - started)
        if answer.status != 201:
            raise RuntimeError(f"HTTP {answer.status}: {answer.detail or answer.xml[:2000]!r}")
    return times


def worker(credential_pk: int, messages: list[bytes], queue) -> None:
    setup_django()
    credential = _credential(credential_pk)
    backend = _backend_pid()
    cpu_client, cpu_server = time.process_time(), process_cpu(backend)
    times = _submit_all(credential, messages)
    queue.put((times, time.process_time() - cpu_client, process_cpu(backend) - cpu_server))


def run_service(credential_pk: int, messages: list[bytes], processes: int):
    from django.db import connections

    connections.close_all()  # the workers open their own
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    workers = [
        context.Process(target=worker, args=(credential_pk, messages[index::processes], queue))
        for index in range(processes)
    ]
    started = time.perf_counter()
    for process in workers:
        process.start()
    results = [queue.get() for _ in workers]
    for process in workers:
        process.join()
    elapsed = time.perf_counter() - started
    times = [t for result in results for t in result[0]]
    return elapsed, times, sum(r[1] for r in results), sum(r[2] for r in results)


def count_queries(credential_pk: int, data: bytes) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    credential = _credential(credential_pk)
    with CaptureQueriesContext(connection) as captured:
        _submit_all(credential, [data])
    return [query["sql"] for query in captured.captured_queries]


def profile(credential_pk: int, messages: list[bytes]) -> None:
    credential = _credential(credential_pk)
    _submit_all(credential, messages[:5])  # warm: compiled queries, code lists, schema
    profiler = cProfile.Profile(time.process_time)  # CPU: what the round trips do not show
    profiler.enable()
    _submit_all(credential, messages[5:])
    profiler.disable()
    stats = pstats.Stats(profiler)
    stats.sort_stats("cumulative").print_stats(str(ROOT / "[a-z]*" / ""), 60)  # the portal's own functions
    stats.sort_stats("tottime").print_stats(25)


# --- Through HTTP -----------------------------------------------------------------------------------


class CpuMeter(_GunicornMeter):
    def __init__(self, server) -> None:
        super().__init__(server)

    def start(self) -> None:
        self.started = (
            {pid: process_cpu(pid) for pid in self.workers},
            database_backends(SERVER, DATABASE),
            time.process_time(),
        )

    def stop(self) -> tuple[float, float, float]:
        workers, backends, client = self.started
        return (
            sum(process_cpu(pid) - cpu for pid, cpu in workers.items()),
            sum(cpu - backends.get(pid, 0.0) for pid, cpu in database_backends(SERVER, DATABASE).items()),
            time.process_time() - client,
        )


def _post(path: str, token: str | None, expected: int):
    headers = {"Content-Type": "application/xml"}
    if token:
        headers["Authorization"] = f"Bearer {token}"

    def send(client: Client, data: bytes) -> str | None:
        client.conn.request("POST", path, body=data, headers={"Host": "127.0.0.1", **headers})
        response = client.conn.getresponse()
        body = response.read()
        if response.status == expected:
            return None
        return f"HTTP {response.status} {body[:300]!r}"

    return send


def quantiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


ROWS: list[tuple] = []


def record(label: str, count: int, elapsed: float, times: list[float], cpu: tuple[float, ...], load: float) -> None:
    p50, p99 = quantiles(times)
    rate = count / elapsed
    ROWS.append((label, count, rate, p50, p99, cpu, load))
    cpu_text = " + ".join(f"{value / count * 1000:.2f}" for value in cpu)
    print(
        f"{label}: {count} in {elapsed:.1f} s = {rate:.0f}/s; p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms; "
        f"CPU per request (Python + PostgreSQL{' + clients' if len(cpu) > 2 else ''}) {cpu_text} ms "
        f"(load average before: {load:.1f})",
        flush=True,
    )


def run_http(token: str, template: bytes, count: int, clients: int, port: int) -> None:
    from django.db import connections

    connections.close_all()
    env = production_env(
        DATABASE_URL=DATABASE_URL,
        LOG_LEVEL="WARNING",
        RATE_LIMIT_EDI="1000000/m/key",
        DJANGO_SETTINGS_MODULE="bare_settings",
        PYTHONPATH=str(ROOT / "bench"),
    )
    collectstatic(env)
    with gunicorn(env, port) as server:
        meter = CpuMeter(server)
        browsers = [Client(port) for _ in range(clients)]
        print(f"HTTP: gunicorn.conf.py ({len(meter.workers)} workers), production mode, {clients} clients", flush=True)
        submit = _post("/edi/v1/messages", token, 201)
        # Not timed: a few per client first (each thread's connection, compiled queries, code lists).
        warm = [message(template, "W", n) for n in range(clients * 2)]
        failures = requests_in_parallel(browsers, warm, submit)[2]
        if failures:
            raise RuntimeError(f"warm-up failed: {failures[:3]}")
        for label, stage, send in (
            ("HTTP POST /edi/v1/messages (IE815 → IE801)", "H", submit),
            ("bare view POST /bench/insert (one INSERT)", "B", _post("/bench/insert", None, 201)),
        ):
            items = [message(template, stage, n) for n in range(count)]
            load = os.getloadavg()[0]
            meter.start()
            elapsed, times, failures = requests_in_parallel(browsers, items, send)
            cpu = meter.stop()
            if failures:
                print(f"  {len(failures)} FAILED, e.g. {failures[:3]}")
            record(label, len(times), elapsed, times, cpu, load)


def table() -> None:
    service_rate = {label: rate for label, _count, rate, *_ in ROWS if label.startswith("service")}
    best_service = max(service_rate.values(), default=0)
    print()
    print("| measure | n | per second | p50 | p99 | CPU per request, Python + PostgreSQL | load before |")
    print("|---|---:|---:|---:|---:|---|---:|")
    for label, count, rate, p50, p99, cpu, load in ROWS:
        cpu_text = " + ".join(f"{value / count * 1000:.1f}" for value in cpu[:2])
        print(
            f"| {label} | {count} | {rate:.0f} | {p50 * 1000:.1f} ms | {p99 * 1000:.1f} ms "
            f"| {cpu_text} ms | {load:.1f} |"
        )
    http = [rate for label, _c, rate, *_ in ROWS if label.startswith("HTTP")]
    if http and best_service:
        print(f"\nHTTP / best service rate: {http[0] / best_service:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=1000, help="submissions a measure (default 1000)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2], help="service worker processes")
    parser.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients (default 8)")
    parser.add_argument("--no-http", action="store_true", help="only the service")
    parser.add_argument("--profile", action="store_true", help="cProfile 200 submissions through the service")
    parser.add_argument("--port", type=int, default=8771, help="the gunicorn server's (default 8771)")
    parser.add_argument(
        "--prepared", action="store_true", help="statements bound and prepared on the server (bare_settings.py)"
    )
    options = parser.parse_args()
    if options.prepared:
        os.environ["BENCH_PREPARED"] = "1"  # read by bare_settings, here and in gunicorn's workers
    print(f"PostgreSQL statements: {'prepared on the server' if options.prepared else 'bound by the client'}")

    ensure_database()
    setup_django()
    credential_pk, token, template = prepare()
    count_queries(credential_pk, message(template, "Q", 0))  # the first of a process reads the code lists
    queries = count_queries(credential_pk, message(template, "Q", 1))
    print(f"Queries for one IE815 submission (BEGIN, COMMIT and savepoints included): {len(queries)}")
    if os.environ.get("BENCH_SHOW_QUERIES"):
        for sql in queries:
            print("   ", sql[:220])
    if options.profile:
        profile(credential_pk, [message(template, "P", n) for n in range(205)])
    for processes in options.processes:
        stage = chr(ord("0") + processes)
        messages = [message(template, stage, n) for n in range(options.messages)]
        load = os.getloadavg()[0]
        elapsed, times, cpu_python, cpu_server = run_service(credential_pk, messages, processes)
        record(f"service, {processes} process(es)", len(times), elapsed, times, (cpu_python, cpu_server), load)
    if not options.no_http:
        run_http(token, template, options.messages, options.clients, options.port)
    table()


if __name__ == "__main__":
    main()
