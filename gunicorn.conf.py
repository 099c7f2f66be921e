"""Production server settings (`gunicorn prodouane.wsgi`). Threads matter more than processes:
a login waiting for its turn to hash a password (accounts/hashers.py) holds a thread, so with
too few threads a burst of logins leaves none for the other pages (see bench/README.md)."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
worker_class = "gthread"
timeout = 30


def child_exit(server, worker):
    """Prometheus' multi-process mode (``PROMETHEUS_MULTIPROC_DIR``, prodouane/metrics.py): a worker
    that exits has its live gauges' files marked dead, so a scrape stops adding them up. The
    directory must exist and be emptied before gunicorn starts (e.g. systemd's ExecStartPre)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
