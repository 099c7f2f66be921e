"""The production files of deploy/ say what the processes and the proxy need (issue 13)."""

import re
import runpy
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def procfile():
    processes = {}
    for line in (DEPLOY / "Procfile").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_-]+):\s*(.+)$", line)  # honcho's own rule
        if match:
            processes[match.group(1)] = match.group(2)
    return processes


def test_the_procfile_runs_gunicorn_a_worker_per_queue_and_one_beat():
    processes = procfile()
    assert processes["web"] == "gunicorn -c deploy/gunicorn.conf.py prodouane.wsgi"
    workers = {name: command for name, command in processes.items() if name.startswith("worker_")}
    queues = set()
    for name, command in workers.items():
        pattern = r"(?:DATABASE_STATEMENT_TIMEOUT_MS=\S+ )?celery -A prodouane worker -Q (\w+) -n (\w+)@%h"
        match = re.match(pattern + r" --concurrency \S+ --loglevel INFO$", command)
        assert match, command
        assert match.group(1) == match.group(2) == name.removeprefix("worker_")
        queues.add(match.group(1))
    assert queues == set(settings.CELERY_TASK_QUEUE_NAMES) == {"mail", "edi", "pdf", "reports"}
    beats = [command for command in processes.values() if " beat" in command]
    assert len(beats) == 1 and beats[0].startswith("celery -A prodouane beat")
    assert set(processes) == {"web", "beat", *workers}


def test_every_queue_of_the_routes_has_a_worker():
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    routed.add(settings.CELERY_TASK_DEFAULT_QUEUE)
    served = {name.removeprefix("worker_") for name in procfile() if name.startswith("worker_")}
    assert routed <= served


def test_deploy_gunicorn_conf_is_the_root_one():
    deploy = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    root = runpy.run_path(str(DEPLOY.parent / "gunicorn.conf.py"))
    for name in ("bind", "workers", "threads", "worker_class", "timeout"):
        assert deploy[name] == root[name]


def test_systemd_units_escape_celery_s_host_placeholder_and_order_migrations_first():
    worker = (DEPLOY / "systemd" / "prodouane-worker@.service").read_text()
    assert "-Q %i -n %i@%%h" in worker  # %h alone would be systemd's home directory
    migrate = (DEPLOY / "systemd" / "prodouane-migrate.service").read_text()
    assert "Type=oneshot" in migrate and "deploy/migrate.sh" in migrate
    for unit in ("prodouane-web.service", "prodouane-worker@.service", "prodouane-beat.service"):
        assert "After=" in (text := (DEPLOY / "systemd" / unit).read_text()) and "prodouane-migrate.service" in text
    target = (DEPLOY / "systemd" / "prodouane.target").read_text()
    for queue in settings.CELERY_TASK_QUEUE_NAMES:
        assert f"prodouane-worker@{queue}.service" in target


def nginx_conf():
    return (DEPLOY / "nginx" / "prodouane.conf").read_text()


def test_nginx_passes_the_proxy_headers_and_hides_the_metrics():
    conf = nginx_conf()
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in conf
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "proxy_set_header Host $host;" in conf
    assert "proxy_set_header X-Request-ID" in conf
    metrics = re.search(r"location = /metrics \{(.*?)\}", conf, re.S).group(1)
    assert "deny all;" in metrics
    assert "location = /sante/ {" in conf and "location = /sante/pret/ {" in conf
    assert "ssl_certificate " in conf and "listen 443 ssl" in conf


def test_nginx_lets_the_largest_xml_upload_through_to_the_application():
    from www.guichet import files

    size = re.search(r"client_max_body_size (\d+)m;", nginx_conf()).group(1)
    assert int(size) * 1024 * 1024 > files.MAX_TOTAL_BYTES + 64 * 1024  # the app refuses in French
    timeout = re.search(r"proxy_read_timeout (\d+)s;", nginx_conf()).group(1)
    assert int(timeout) > runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["timeout"]


def test_nginx_serves_the_static_files_from_static_root():
    alias = re.search(r"location /static/ \{\s*alias (\S+);", nginx_conf()).group(1)
    assert alias.endswith("/static/") and settings.STATIC_URL.strip("/") == "static"


def test_the_nginx_configuration_is_valid_when_nginx_is_installed(tmp_path):
    """Syntax checked by nginx itself (Debian's nginx-light) with throwaway certificates and ports."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    openssl = shutil.which("openssl")
    if not Path(nginx).exists() or not openssl:
        # Without nginx, the braces at least balance and every directive line ends with ; { or }.
        conf = "\n".join(line.split("#", 1)[0].rstrip() for line in nginx_conf().splitlines())
        assert conf.count("{") == conf.count("}")
        assert all(line.rstrip().endswith((";", "{", "}")) for line in conf.splitlines() if line.strip())
        return
    subprocess.run(  # noqa: S603 - fixed arguments
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    conf = (
        nginx_conf()
        .replace("/etc/ssl/prodouane/fullchain.pem", str(tmp_path / "cert.pem"))
        .replace("/etc/ssl/prodouane/privkey.pem", str(tmp_path / "key.pem"))
    )
    (tmp_path / "prodouane.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log; events {{}}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;"
        f" include {tmp_path}/prodouane.conf; }}\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_migrate_sh_lifts_the_statement_limit_keeps_a_short_lock_limit_and_retries():
    script = (DEPLOY / "migrate.sh").read_text()
    assert "export DATABASE_STATEMENT_TIMEOUT_MS=0" in script
    assert 'DATABASE_LOCK_TIMEOUT_MS="${MIGRATE_LOCK_TIMEOUT_MS:-3000}"' in script
    assert 'grep -q "lock timeout"' in script


def test_the_readme_leaves_sizing_to_sizing_md():
    readme = (DEPLOY / "README.md").read_text()
    assert "## Dimensionnement\n\nvoir SIZING.md" in readme
    assert "Expand/contract" in readme
