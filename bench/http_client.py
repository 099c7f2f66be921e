"""What the HTTP benchmarks share: the portal served by gunicorn in production mode, and a client
that behaves like one browser (its cookies kept by hand over a keep-alive connection).

    from http_client import Client, gunicorn, production_env
"""

import contextlib
import http.client
import os
import re
import signal
import subprocess
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
HOST = "127.0.0.1"
# gunicorn closes a keep-alive connection idle for 2 s (its ``keepalive``); a client idle longer
# than this opens a new one rather than send its request into a closing socket.
IDLE_RECONNECT = 1.0


def production_env(**overrides: str) -> dict:
    """The environment of a production server on this machine: HTTP without the redirect to
    HTTPS, rate limits in Redis (REDIS_URL, default database 15), and login limits lifted — a
    benchmark logs in from one address, many times."""
    return {
        **os.environ,
        "PRODOUANE_ENV": "production",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "0",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
        "RATE_LIMIT_LOGIN_FAILED": "100000/m/ip,100000/m/key",
        "RATE_LIMIT_LOGIN": "100000/m/ip",
        **overrides,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True)


def collectstatic(env: dict) -> None:
    """Production mode serves the hashed static files (whitenoise): the pages need them."""
    manage(env, "collectstatic", "--noinput", "-v0")


@contextlib.contextmanager
def gunicorn(env: dict, port: int, *options: str):
    """The portal served by gunicorn with gunicorn.conf.py (``options``, e.g. ``--workers=4``,
    override it) until the block ends; yields the server's process, once it answers /sante/."""
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--config=gunicorn.conf.py",
            f"--bind={HOST}:{port}",
            "--log-level=warning",
            *options,
            "prodouane.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port, server)
        yield server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit code {server.returncode})")
        try:
            if Client(port).request("GET", "/sante/").status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {seconds:.0f} s")


def worker_pids(server: subprocess.Popen) -> list[int]:
    """The gunicorn master's worker processes."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server.pid:
            pids.append(int(stat.parent.name))
    return pids


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) a local process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def database_backends(server: str, database: str) -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL backend connected to ``database`` (read from another
    database, so that this connection is not one of them)."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        rows = connection.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [database]).fetchall()
    cpu = {}
    for (pid,) in rows:
        with contextlib.suppress(OSError):  # gone meanwhile
            cpu[pid] = process_cpu(pid)
    return cpu


@dataclass
class Response:
    status: int
    headers: dict[str, str]  # names in lower case; of Set-Cookie, only the last
    text: str


class Client:
    """One browser: keeps its cookies over a keep-alive connection, posts forms with their CSRF
    token."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.last_used = time.monotonic()

    def request(self, method: str, path: str, body: dict | None = None) -> Response:
        headers = {"Host": HOST}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers |= {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"http://{HOST}/"}
        if time.monotonic() - self.last_used > IDLE_RECONNECT:
            self.conn.close()  # reopened by the request
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        text = response.read().decode(errors="replace")
        self.last_used = time.monotonic()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, text)

    def csrf_token(self) -> str:
        """The token a form of the portal would carry: the CSRF cookie's secret (Django takes it
        unmasked as well as masked)."""
        return self.cookies["csrftoken"]

    def login(self, username: str, password: str) -> bool:
        """Logs in through the login page as a browser does (GET for the token, POST): True on
        the redirection that follows a success."""
        self.cookies.clear()
        page = self.request("GET", "/compte/login/").text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        response = self.request(
            "POST", "/compte/login/", {"csrfmiddlewaretoken": token, "login": username, "password": password}
        )
        return response.status == 302
