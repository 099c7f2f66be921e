"""SIRET lookup latency through HTTP: p50 / p99 of the JSON lookup endpoint on a large register.

Serves the portal with gunicorn (production mode, as deployed) against DATABASE_URL, then sends
sequential keep-alive requests for SIRETs drawn at random from the establishments table (plus a
share of unknown and invalid numbers, which take other paths), and prints the percentiles.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/siret_lookup.py --requests 20000
"""

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sample_sirets(count: int) -> list[str]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    import django

    django.setup()
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # TABLESAMPLE keeps the draw cheap on tens of millions of rows.
            cursor.execute(
                "SELECT siret FROM register_establishment TABLESAMPLE SYSTEM (1) LIMIT %s",
                [count],
            )
        else:
            cursor.execute("SELECT siret FROM register_establishment ORDER BY RANDOM() LIMIT %s", [count])
        sirets = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT COUNT(*) FROM register_establishment")
        total = cursor.fetchone()[0]
    if not sirets:
        sys.exit("The establishments table is empty: import a SIRENE file first (see bench/README.md).")
    print(f"register_establishment: {total:,} rows; {len(sirets):,} SIRETs sampled")
    return sirets


def wait_for(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/services/siret/00000000000000.json")
            conn.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    sys.exit("gunicorn did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    known = sample_sirets(min(args.requests, 50000))
    rng = random.Random(2026)
    paths = []
    for i in range(args.requests):
        if i % 20 == 0:
            paths.append("/services/siret/35324915400018.json")  # bad check digit: refused early
        elif i % 20 == 1:
            paths.append("/services/siret/73282932000074.json")  # valid Luhn, most likely unknown
        else:
            paths.append(f"/services/siret/{rng.choice(known)}.json")

    env = dict(
        os.environ,
        PRODOUANE_ENV="production",
        SECRET_KEY=os.environ.get("SECRET_KEY", "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="0",
        REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14"),
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "prodouane.wsgi",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(args.port)
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=10)
        for path in paths[:500]:  # warm-up: connections, caches
            conn.request("GET", path)
            conn.getresponse().read()
        timings = []
        statuses: dict[int, int] = {}
        for path in paths:
            start = time.perf_counter()
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            timings.append((time.perf_counter() - start) * 1000)
            statuses[response.status] = statuses.get(response.status, 0) + 1
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    timings.sort()
    quantiles = statistics.quantiles(timings, n=100)
    print(f"requests: {len(timings):,}  statuses: {dict(sorted(statuses.items()))}")
    print(
        f"latency ms: p50 {quantiles[49]:.2f}  p90 {quantiles[89]:.2f}  p99 {quantiles[98]:.2f}  max {timings[-1]:.2f}"
    )


if __name__ == "__main__":
    main()
