"""The production topology as real processes, private to the reliability suite: its own PostgreSQL
cluster, Redis, RabbitMQ node and SMTP server (aiosmtpd), gunicorn in production mode, the Celery
workers and beat. Nothing touches the machine's services on 5432/5672/6379: every process listens
on its own port, keeps its files in one temporary directory, and is stopped at the end.

Each piece can be stopped and started again (``stop_postgres(immediate=True)``, ``stop_redis``,
``stop_rabbitmq``, ``smtp_refuse``/``stop_smtp``), or killed with SIGKILL (``kill_gunicorn_worker``,
``kill_celery_worker``), which is what the tests do to it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = VENV_BIN / "python"
PG_BIN = Path("/usr/lib/postgresql/15/bin")
HOST = "127.0.0.1"

PG_PORT = int(os.environ.get("RELIABILITY_PG_PORT", "5496"))
REDIS_PORT = int(os.environ.get("RELIABILITY_REDIS_PORT", "6391"))
AMQP_PORT = int(os.environ.get("RELIABILITY_AMQP_PORT", "5674"))
AMQP_DIST_PORT = AMQP_PORT + 20000
SMTP_PORT = int(os.environ.get("RELIABILITY_SMTP_PORT", "8826"))
HTTP_PORT = int(os.environ.get("RELIABILITY_HTTP_PORT", "8796"))
RABBIT_NODE = os.environ.get("RELIABILITY_RABBIT_NODE", "rel@localhost")
# Kept between runs (git-ignored): the collected static files, and a migrated cluster per state of
# the migrations and code lists (copied, not reused: each run starts from the same clean state).
CACHE = ROOT / "var" / "reliability"
DATABASE = "prodouane"
CELERY_QUEUES = ("mail", "edi", "pdf", "reports")


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((HOST, port)) == 0


def wait_for(predicate, seconds: float, what: str, interval: float = 0.2) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if predicate():
                return
        time.sleep(interval)
    raise RuntimeError(f"{what}: not ready within {seconds:.0f} s")


class Topology:
    """Start with ``start()``, stop everything with ``close()``."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="prodouane-reliability-"))
        self.dir.chmod(0o755)
        self.pg_dir = self.dir / "pg"
        self.rabbit_dir = self.dir / "rabbitmq"
        self.smtp_log = self.dir / "smtp-received.jsonl"
        self.smtp_mode = self.dir / "smtp-mode"
        self.logs = self.dir / "logs"
        self.logs.mkdir()
        self.redis: subprocess.Popen | None = None
        self.smtp: subprocess.Popen | None = None
        self.gunicorn: subprocess.Popen | None = None
        self.workers: dict[str, subprocess.Popen] = {}
        self.beat: subprocess.Popen | None = None
        self.celery = (ROOT / "prodouane" / "celery.py").exists()
        self.database_url = f"postgres://postgres@{HOST}:{PG_PORT}/{DATABASE}"
        self.seed: dict = {}

    # --- environment of the portal's processes ------------------------------------------------------

    def env(self, **overrides: str) -> dict:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PRODOUANE_TEST_CLOCK", "PYTEST", "DATABASE_URL", "CELERY", "REDIS_URL"))
        }
        env.update(
            {
                "PRODOUANE_ENV": "production",
                "DJANGO_SETTINGS_MODULE": "prodouane.settings",
                "SECRET_KEY": "reliability-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
                "ALLOWED_HOSTS": HOST,
                "SECURE_SSL_REDIRECT": "0",
                "DATABASE_URL": self.database_url,
                "REDIS_URL": f"redis://{HOST}:{REDIS_PORT}/0",
                "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "EMAIL_HOST": HOST,
                "EMAIL_PORT": str(SMTP_PORT),
                "EMAIL_TIMEOUT": "5",
                "PRODOUANE_VAR_DIR": str(CACHE),
                "LOG_LEVEL": "WARNING",
                "DEBUG": "0",
                # One address sends everything: lift the per-IP and per-key limits (as bench/ does).
                "RATE_LIMIT_LOGIN_FAILED": "100000/m/ip,100000/m/key",
                "RATE_LIMIT_LOGIN_FAILED_KNOWN_DEVICE": "100000/m/ip,100000/m/key",
                "RATE_LIMIT_LOGIN": "100000/m/ip",
                "RATE_LIMIT_EDI": "1000000/m/key",
                "RATE_LIMIT_VERIFY": "100000/m/ip",
                "PYTHONUNBUFFERED": "1",
            }
        )
        if self.celery:
            env["CELERY_BROKER_URL"] = f"amqp://guest:guest@{HOST}:{AMQP_PORT}//"
        env.update(overrides)
        return env

    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(PYTHON), "manage.py", *args], cwd=ROOT, env=self.env(), check=True, text=True, **kwargs
        )

    # --- PostgreSQL --------------------------------------------------------------------------------

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True, text=True, cwd="/"
        )

    def init_postgres(self) -> bool:
        """A fresh cluster with the database created; True when it came migrated from the cache."""
        cached = CACHE / f"pg-{schema_key()}"
        if (cached / "PG_VERSION").exists():
            subprocess.run(["cp", "-a", str(cached), str(self.pg_dir)], check=True)
            self.start_postgres()
            return True
        self.pg_dir.mkdir()
        shutil.chown(self.pg_dir, "postgres", "postgres")
        self._as_postgres(str(PG_BIN / "initdb"), "-D", str(self.pg_dir), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        with (self.pg_dir / "postgresql.conf").open("a") as conf:
            conf.write(
                f"\nport = {PG_PORT}\nlisten_addresses = '{HOST}'\nmax_connections = 200\nshared_buffers = 128MB\n"
            )
        self.start_postgres()
        with psycopg.connect(f"postgres://postgres@{HOST}:{PG_PORT}/postgres", autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        return False

    def cache_postgres(self) -> None:
        """The migrated cluster with its code lists, kept for the next runs (stopped cleanly first)."""
        self.stop_postgres()
        target = CACHE / f"pg-{schema_key()}"
        for old in CACHE.glob("pg-*"):
            shutil.rmtree(old, ignore_errors=True)
        partial = CACHE / "pg-partial"
        subprocess.run(["cp", "-a", str(self.pg_dir), str(partial)], check=True)
        partial.rename(target)
        self.start_postgres()

    def start_postgres(self) -> None:
        self._as_postgres(
            str(PG_BIN / "pg_ctl"), "-D", str(self.pg_dir), "-l", str(self.pg_dir / "server.log"), "-w", "-t", "60",
            "-o", f"-k {self.pg_dir}", "start",
        )  # fmt: skip

    def stop_postgres(self, immediate: bool = False) -> None:
        mode = "immediate" if immediate else "fast"
        self._as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.pg_dir), "-m", mode, "-w", "stop", check=False)

    def sql(self, query: str, params=None) -> list[tuple]:
        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=10) as connection:
            cursor = connection.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    # --- Redis -------------------------------------------------------------------------------------

    def start_redis(self) -> None:
        self.redis = subprocess.Popen(
            [
                "redis-server", "--port", str(REDIS_PORT), "--bind", HOST, "--save", "", "--appendonly", "no",
                "--dir", str(self.dir),
            ],
            stdout=(self.logs / "redis.log").open("a"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: port_open(REDIS_PORT), 20, "Redis")

    def stop_redis(self) -> None:
        if self.redis and self.redis.poll() is None:
            self.redis.terminate()
            self.redis.wait(timeout=20)
        self.redis = None

    # --- RabbitMQ (a private node) -----------------------------------------------------------------

    def _rabbit_env(self) -> dict:
        return {
            **os.environ,
            "RABBITMQ_NODENAME": RABBIT_NODE,
            "RABBITMQ_NODE_PORT": str(AMQP_PORT),
            "RABBITMQ_DIST_PORT": str(AMQP_DIST_PORT),
            "RABBITMQ_MNESIA_BASE": str(self.rabbit_dir / "mnesia"),
            "RABBITMQ_LOG_BASE": str(self.rabbit_dir / "log"),
            "RABBITMQ_PID_FILE": str(self.rabbit_dir / "pid"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(self.rabbit_dir / "enabled_plugins"),
            "RABBITMQ_CONFIG_FILE": str(self.rabbit_dir / "rabbitmq"),
        }

    def start_rabbitmq(self) -> None:
        if not self.rabbit_dir.exists():
            self.rabbit_dir.mkdir()
            self.rabbit_dir.chmod(0o777)
            (self.rabbit_dir / "enabled_plugins").write_text("[].\n")
            (self.rabbit_dir / "enabled_plugins").chmod(0o644)
        env = self._rabbit_env()
        subprocess.run(["rabbitmq-server", "-detached"], env=env, check=True, cwd=self.rabbit_dir)
        wait_for(
            lambda: subprocess.run(
                ["rabbitmqctl", "-n", RABBIT_NODE, "--timeout", "30", "await_startup"],
                env=env, capture_output=True, cwd=self.rabbit_dir, check=False,
            ).returncode == 0,
            90, "RabbitMQ", interval=1,
        )  # fmt: skip
        wait_for(lambda: port_open(AMQP_PORT), 30, "RabbitMQ")

    def stop_rabbitmq(self) -> None:
        subprocess.run(
            ["rabbitmqctl", "-n", RABBIT_NODE, "stop"], env=self._rabbit_env(), capture_output=True, check=False
        )
        wait_for(lambda: not port_open(AMQP_PORT), 30, "RabbitMQ stopped")

    def queue_depths(self) -> dict[str, int]:
        out = subprocess.run(
            ["rabbitmqctl", "-n", RABBIT_NODE, "list_queues", "-q", "name", "messages"],
            env=self._rabbit_env(), capture_output=True, text=True, check=False,
        ).stdout  # fmt: skip
        depths = {}
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                depths[parts[0]] = int(parts[1])
        return depths

    # --- SMTP (aiosmtpd, reliability/smtp_sink.py) --------------------------------------------------

    def start_smtp(self) -> None:
        self.smtp_mode.write_text("accept")
        self.smtp = subprocess.Popen(
            [str(PYTHON), str(ROOT / "reliability" / "smtp_sink.py"), str(SMTP_PORT), str(self.smtp_log),
             str(self.smtp_mode)],
            stdout=(self.logs / "smtp.log").open("a"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        wait_for(lambda: port_open(SMTP_PORT), 20, "SMTP")

    def smtp_refuse(self, refuse: bool = True) -> None:
        """The mail server answers 451 (try again later) to every message, or accepts them again."""
        self.smtp_mode.write_text("451" if refuse else "accept")

    def stop_smtp(self) -> None:
        if self.smtp and self.smtp.poll() is None:
            self.smtp.terminate()
            self.smtp.wait(timeout=20)
        self.smtp = None

    def received(self) -> list[dict]:
        """Every message the SMTP server accepted (``message_id``, ``to``, ``subject``)."""
        if not self.smtp_log.exists():
            return []
        return [json.loads(line) for line in self.smtp_log.read_text().splitlines() if line.strip()]

    # --- gunicorn -----------------------------------------------------------------------------------

    def start_gunicorn(self, workers: int = 2) -> None:
        self.gunicorn = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"), "--config=gunicorn.conf.py", f"--bind={HOST}:{HTTP_PORT}",
                f"--workers={workers}", "--log-level=warning", "prodouane.wsgi",
            ],
            cwd=ROOT, env=self.env(), stdout=(self.logs / "gunicorn.log").open("a"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(self._gunicorn_up, 90, "gunicorn", interval=0.5)

    def _gunicorn_up(self) -> bool:
        if self.gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn stopped: see {self.logs / 'gunicorn.log'}")
        import http.client

        connection = http.client.HTTPConnection(HOST, HTTP_PORT, timeout=5)
        connection.request("GET", "/sante/", headers={"Host": HOST})
        return connection.getresponse().status == 200

    def gunicorn_workers(self) -> list[int]:
        return children(self.gunicorn.pid)

    def kill_gunicorn_worker(self) -> int:
        pid = self.gunicorn_workers()[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    # --- Celery (or, before prodouane/celery.py exists, the outbox loop) -----------------------------

    def start_workers(self) -> None:
        if self.celery:
            for queue in CELERY_QUEUES:
                self.start_worker(queue)
            self.beat = subprocess.Popen(
                [str(VENV_BIN / "celery"), "-A", "prodouane", "beat", "--loglevel=WARNING",
                 f"--schedule={self.dir / 'celerybeat-schedule'}"],
                cwd=ROOT, env=self.env(), stdout=(self.logs / "beat.log").open("a"), stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        else:
            self.start_worker("mail")

    def start_worker(self, queue: str) -> None:
        if self.celery:
            command = [
                str(VENV_BIN / "celery"), "-A", "prodouane", "worker", "-Q", queue, "-n", f"{queue}@%h",
                "--concurrency=2", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
            ]  # fmt: skip
        else:
            command = [str(PYTHON), str(ROOT / "reliability" / "outbox_loop.py")]
        self.workers[queue] = subprocess.Popen(
            command, cwd=ROOT, env=self.env(), stdout=(self.logs / f"worker-{queue}.log").open("a"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def kill_celery_worker(self, queue: str = "mail") -> int:
        """SIGKILL to the worker and its pool (the whole process group: a machine lost), then
        started again as systemd would."""
        process = self.workers[queue]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=20)
        self.start_worker(queue)
        return process.pid

    # --- the whole -----------------------------------------------------------------------------------

    def start(self, drafts: int) -> None:
        for port in (PG_PORT, REDIS_PORT, AMQP_PORT, SMTP_PORT, HTTP_PORT):
            if port_open(port):
                raise RuntimeError(f"port {port} is taken: another reliability run? (RELIABILITY_*_PORT)")
        started = time.monotonic()
        CACHE.mkdir(parents=True, exist_ok=True)
        static = None
        if not static_fresh():  # 30 to 90 s on this machine: beside the rest
            static = subprocess.Popen(
                [str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=self.env()
            )
        migrated = self.init_postgres()
        self.start_redis()
        self.start_smtp()
        if self.celery:
            self.start_rabbitmq()
        if not migrated:
            self.manage("migrate", "--noinput", "-v0")
            self.manage("load_emcs_codelists", "-v0", stdout=subprocess.DEVNULL)
            self.cache_postgres()
        if static is not None and static.wait() != 0:
            raise RuntimeError("collectstatic failed")
        seed_file = self.dir / "seed.json"
        subprocess.run(
            [str(PYTHON), str(ROOT / "reliability" / "seed.py"), str(drafts), str(seed_file)],
            cwd=ROOT, env=self.env(), check=True,
        )  # fmt: skip
        self.seed = json.loads(seed_file.read_text())
        self.start_gunicorn()
        self.start_workers()
        print(
            f"\n[topology] up in {time.monotonic() - started:.0f} s in {self.dir}: PostgreSQL :{PG_PORT}, "
            f"Redis :{REDIS_PORT}, {'RabbitMQ :' + str(AMQP_PORT) if self.celery else 'no broker (outbox loop)'}, "
            f"SMTP :{SMTP_PORT}, gunicorn :{HTTP_PORT}; {len(self.seed['drafts'])} drafts",
            flush=True,
        )

    def close(self) -> None:
        for process in [self.beat, *self.workers.values(), self.gunicorn]:
            if process and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
        self.stop_smtp()
        self.stop_redis()
        if self.celery and self.rabbit_dir.exists():
            self.stop_rabbitmq()
        if self.pg_dir.exists():
            self.stop_postgres(immediate=True)
        if os.environ.get("RELIABILITY_KEEP"):
            print(f"[topology] files kept in {self.dir}")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)

    # --- drafts handed to the tests ------------------------------------------------------------------

    def take_drafts(self, count: int) -> list[int]:
        drafts = self.seed["drafts"]
        if len(drafts) < count:
            raise RuntimeError(f"{count} drafts asked, {len(drafts)} left: raise RELIABILITY drafts")
        taken, self.seed["drafts"] = drafts[:count], drafts[count:]
        return taken


def schema_key() -> str:
    """What the migrated database depends on: the migrations and the code lists' files."""
    import hashlib

    digest = hashlib.sha256(b"2")  # the cluster's own settings
    files = sorted(ROOT.glob("*/migrations/*.py"))
    files += sorted(p for p in (ROOT / "emcs").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def static_fresh() -> bool:
    """The collected files are newer than every source static file of the portal."""
    manifest = CACHE / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    collected = manifest.stat().st_mtime
    sources = [p for d in [ROOT / "static", *ROOT.glob("*/static")] for p in d.rglob("*") if p.is_file()]
    return all(p.stat().st_mtime < collected for p in sources)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return sorted(found)


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f})"


def csrf_from(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    return match.group(1) if match else ""


def quote(value: str) -> str:
    return urllib.parse.quote(value, safe="")


if __name__ == "__main__":  # start it by hand: python reliability/harness.py [drafts]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by kill: close everything
    topology = Topology()
    try:
        topology.start(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
        print("Ctrl-C to stop")
        signal.pause()
    finally:
        topology.close()
