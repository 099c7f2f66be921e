"""Logins per second with the production hasher, and what a burst of logins does to the rest of
the portal: p50/p99 of an unrelated page (the home page) alone, then while N clients log in
continuously.

Serves the portal with gunicorn in production mode against DATABASE_URL (PostgreSQL), creates a
demo account, then measures. Rerun:

    createdb -h 127.0.0.1 -U postgres bench_login 2>/dev/null; \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_login .venv/bin/python bench/login_load.py
"""

import argparse
import statistics
import sys
import threading
import time

from http_client import Client, collectstatic, gunicorn, manage, production_env

PASSWORD = "une phrase de passe pour le banc"  # noqa: S105 - benchmark account only
ENV = production_env()


def prepare() -> None:
    manage(ENV, "migrate", "--noinput", "-v0")
    collectstatic(ENV)
    manage(
        ENV,
        "shell",
        "-c",
        "from accounts.models import User; from django.utils import timezone;"
        "u, _ = User.objects.update_or_create(username='banc', defaults={'email': 'banc@example.org',"
        " 'is_active': True, 'activated_at': timezone.now()});"
        f"u.set_password({PASSWORD!r}); u.save()",
    )


def page_latencies(port: int, seconds: float) -> list[float]:
    client, timings = Client(port), []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        start = time.perf_counter()
        status = client.request("GET", "/presentation/").status
        timings.append((time.perf_counter() - start) * 1000)
        assert status == 200, status
        time.sleep(0.02)
    return timings


def summary(timings: list[float]) -> str:
    q = statistics.quantiles(timings, n=100)
    return f"p50 {q[49]:.1f} ms, p99 {q[98]:.1f} ms ({len(timings)} requests)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients logging in")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--port", type=int, default=8766)
    args = parser.parse_args()
    prepare()
    with gunicorn(ENV, args.port, f"--workers={args.workers}", f"--threads={args.threads}"):
        Client(args.port).login("banc", PASSWORD)  # warm-up
        idle = page_latencies(args.port, 5)

        logins, stop = [0], threading.Event()

        def log_in_forever():
            client = Client(args.port)
            while not stop.is_set():
                if client.login("banc", PASSWORD):
                    logins[0] += 1

        threads = [threading.Thread(target=log_in_forever) for _ in range(args.clients)]
        start = time.monotonic()
        for thread in threads:
            thread.start()
        loaded = page_latencies(args.port, args.seconds)
        stop.set()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - start

    print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients logging in")
    print(f"logins: {logins[0]} in {elapsed:.1f} s = {logins[0] / elapsed:.1f} logins/s")
    print(f"unrelated page, idle portal:      {summary(idle)}")
    print(f"unrelated page, during the logins: {summary(loaded)}")


if __name__ == "__main__":
    sys.exit(main())
