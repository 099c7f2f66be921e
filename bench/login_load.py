"""Logins per second with the production hasher, and what a burst of logins does to the rest of
the portal: p50/p99 of an unrelated page (the home page) alone, then while N clients log in
continuously.

Serves the portal with gunicorn in production mode against DATABASE_URL (PostgreSQL), creates a
demo account, then measures. Rerun:

    createdb -h 127.0.0.1 -U postgres bench_login 2>/dev/null; \
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_login .venv/bin/python bench/login_load.py
"""

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "une phrase de passe pour le banc"  # noqa: S105 - benchmark account only
ENV = dict(
    os.environ,
    PRODOUANE_ENV="production",
    SECRET_KEY="bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",  # noqa: S106
    ALLOWED_HOSTS="127.0.0.1",
    SECURE_SSL_REDIRECT="0",
    REDIS_URL=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
    # The benchmark logs in the same account thousands of times: lift the per-account limit.
    RATE_LIMIT_LOGIN_FAILED="100000/m/ip,100000/m/key",
    RATE_LIMIT_LOGIN="100000/m/ip",
)


def manage(*args: str) -> None:
    subprocess.run([str(ROOT / ".venv/bin/python"), "manage.py", *args], cwd=ROOT, env=ENV, check=True)


def prepare() -> None:
    manage("migrate", "--noinput", "-v0")
    manage("collectstatic", "--noinput", "-v0")  # production mode serves the hashed static files
    manage(
        "shell",
        "-c",
        "from accounts.models import User; from django.utils import timezone;"
        "u, _ = User.objects.update_or_create(username='banc', defaults={'email': 'banc@example.org',"
        " 'is_active': True, 'activated_at': timezone.now()});"
        f"u.set_password({PASSWORD!r}); u.save()",
    )


class Client:
    """One browser: keeps its cookies and CSRF token over a keep-alive connection."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Host": "127.0.0.1"}
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"}
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text

    def login(self) -> bool:
        self.cookies.clear()
        _, page = self.request("GET", "/compte/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, _ = self.request(
            "POST", "/compte/login/", {"csrfmiddlewaretoken": token, "login": "banc", "password": PASSWORD}
        )
        return status == 302


def page_latencies(port: int, seconds: float) -> list[float]:
    client, timings = Client(port), []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        start = time.perf_counter()
        status, _ = client.request("GET", "/presentation/")
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
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "prodouane.wsgi",
            f"--bind=127.0.0.1:{args.port}",
            f"--workers={args.workers}",
            f"--threads={args.threads}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=ENV,
    )
    try:
        time.sleep(2)
        Client(args.port).login()  # warm-up
        idle = page_latencies(args.port, 5)

        logins, stop = [0], threading.Event()

        def log_in_forever():
            client = Client(args.port)
            while not stop.is_set():
                if client.login():
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
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    print(f"gunicorn: {args.workers} workers x {args.threads} threads; {args.clients} clients logging in")
    print(f"logins: {logins[0]} in {elapsed:.1f} s = {logins[0] / elapsed:.1f} logins/s")
    print(f"unrelated page, idle portal:      {summary(idle)}")
    print(f"unrelated page, during the logins: {summary(loaded)}")


if __name__ == "__main__":
    sys.exit(main())
