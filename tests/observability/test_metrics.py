"""Prometheus metrics at /metrics (issue 13): who may read them, what they count, and that no
label holds a raw address or a secret."""

import datetime
import os
import runpy
import subprocess
import sys
import types
from pathlib import Path

import pytest
from django.utils import timezone
from kombu import Connection
from prometheus_client.parser import text_string_to_metric_families

from fallback import services as fallback_services
from gamma import services as gamma_services
from mail.models import OutboxMessage
from prodouane import metrics
from tests.fallback.factories import IncidentFactory
from tests.gamma.drafting import complete_dae

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def samples(client, **extra) -> dict:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    values = {}
    for family in text_string_to_metric_families(response.content.decode()):
        for sample in family.samples:
            values[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return values


def value(name, **labels) -> float:
    return metrics.REGISTRY.get_sample_value(name, labels) or 0.0


# --- Who may read them -----------------------------------------------------------------------------


def test_metrics_are_served_to_the_local_network_only(client):
    assert client.get("/metrics").status_code == 200  # the test client is 127.0.0.1
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="::1").status_code == 200
    # A client cannot pretend to be local: X-Forwarded-For is read from trusted proxies only.
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 404


def test_metrics_follow_the_allowed_networks_and_the_trusted_proxies(client, settings):
    import ipaddress

    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.20.0.0/16")]
    settings.TRUSTED_PROXIES = [ipaddress.ip_network("10.0.0.1/32")]
    assert client.get("/metrics").status_code == 404  # 127.0.0.1 is no longer allowed
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404


def test_metrics_are_served_anywhere_with_the_bearer_token(client, settings):
    settings.METRICS_TOKEN = "s3cr3t-metrics-token"
    outside = {"REMOTE_ADDR": "203.0.113.9"}
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cr3t-metrics-token", **outside).status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong", **outside).status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Basic s3cr3t-metrics-token", **outside).status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", **outside).status_code == 404
    assert client.get("/metrics", **outside).status_code == 404
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ", **outside).status_code == 404  # no token: none


def test_metrics_are_answered_over_http_when_production_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/metrics").status_code == 200
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 404


# --- HTTP requests ---------------------------------------------------------------------------------


def test_requests_are_counted_by_view_name_never_by_raw_address(client):
    before = value("http_requests_total", view="accounts:activate", method="GET", status="200")
    before_count = value("http_request_duration_seconds_count", view="accounts:activate")
    client.get("/compte/activation/tok-SECRET-9f8e7d/")
    client.get("/adresse-inconnue-SECRET-2/")
    client.generic("BREW", "/sante/")
    assert value("http_requests_total", view="accounts:activate", method="GET", status="200") == before + 1
    assert value("http_request_duration_seconds_count", view="accounts:activate") == before_count + 1
    exposed = client.get("/metrics").content.decode()
    assert 'view="accounts:activate"' in exposed
    assert 'view="non_resolu"' in exposed
    assert 'method="AUTRE"' in exposed and "BREW" not in exposed
    assert "SECRET" not in exposed and "/compte/" not in exposed and "adresse-inconnue" not in exposed


# --- Business counters -----------------------------------------------------------------------------


def test_a_validated_movement_is_counted_once_committed(world, emcs_codelists, django_capture_on_commit_callbacks):
    before = value("gamma_validations_total", kind="DAE")
    with django_capture_on_commit_callbacks(execute=True):
        gamma_services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    assert value("gamma_validations_total", kind="DAE") == before + 1


def test_a_validation_rolled_back_is_not_counted(world, emcs_codelists, django_capture_on_commit_callbacks):
    before = value("gamma_validations_total", kind="DAE")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        gamma_services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    assert callbacks  # waiting for a commit that never comes (the test's transaction is rolled back)
    assert value("gamma_validations_total", kind="DAE") == before


def test_a_gps_number_given_is_counted_once_committed(world, client, django_capture_on_commit_callbacks):
    IncidentFactory()
    before = value("gps_numbers_total", nature="DAA")
    now = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        document = fallback_services.issue_fallback_document(
            actor=world.bob,
            nature="DAA",
            excise_number="FR009990F0005",
            vehicle_registration="457TY24",
            dispatch_at=now + datetime.timedelta(minutes=15),
            now=now,
        )
    assert value("gps_numbers_total", nature="DAA") == before + 1
    exposed = samples(client)
    assert exposed[("gps_numbers_total", (("nature", "DAA"),))] == before + 1
    assert document.number not in client.get("/metrics").content.decode()


# --- Computed at scrape time ---------------------------------------------------------------------


def test_outbox_gauges_count_pending_rows_and_the_age_of_the_oldest(client):
    now = timezone.now()
    for minutes in (5, 2):
        OutboxMessage.objects.create(
            to=["a@example.fr"], subject="s", body_text="lien secret", from_email="x@y.fr",
            created_at=now - datetime.timedelta(minutes=minutes),
        )  # fmt: skip
    OutboxMessage.objects.create(
        to=["a@example.fr"], subject="s", body_text="b", from_email="x@y.fr", status="sent",
        created_at=now - datetime.timedelta(hours=3),
    )  # fmt: skip
    exposed = samples(client)
    assert exposed[("outbox_pending", (("outbox", "mail"),))] == 2
    assert 300 <= exposed[("outbox_oldest_pending_age_seconds", (("outbox", "mail"),))] < 400
    assert exposed[("outbox_pending", (("outbox", "edi"),))] == 0
    assert exposed[("outbox_oldest_pending_age_seconds", (("outbox", "eu"),))] == 0
    assert "lien secret" not in client.get("/metrics").content.decode()


def test_queue_depths_are_read_from_the_broker(client, settings):
    settings.CELERY_BROKER_URL = "memory://"
    with Connection("memory://") as connection:
        for queue in ("mail", "pdf"):
            connection.SimpleQueue(queue).clear()
        mail = connection.SimpleQueue("mail")
        for number in range(3):
            mail.put({"n": number})
        connection.SimpleQueue("pdf").put({"n": 0})
    exposed = samples(client)
    assert exposed[("celery_queue_depth", (("queue", "mail"),))] == 3
    assert exposed[("celery_queue_depth", (("queue", "pdf"),))] == 1


def test_an_unreachable_broker_leaves_queue_depths_out(client, settings, closed_port):
    settings.CELERY_BROKER_URL = f"amqp://prodouane:hunter2@127.0.0.1:{closed_port}//"
    exposed = samples(client)
    assert not any(name == "celery_queue_depth" for name, _ in exposed)
    assert ("outbox_pending", (("outbox", "mail"),)) in exposed
    assert "hunter2" not in client.get("/metrics").content.decode()


# --- Several gunicorn processes ----------------------------------------------------------------------


COUNT = """
import django
django.setup()
from prodouane import metrics
metrics.GPS_NUMBERS.labels(nature="DSA").inc({n})
"""
SCRAPE = """
import django
django.setup()
from prodouane import metrics
print(metrics.scrape().decode())
"""


def test_counters_of_several_processes_are_added_up_in_multiprocess_mode(tmp_path):
    directory = tmp_path / "prometheus"
    directory.mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "PROMETHEUS_MULTIPROC_DIR": str(directory),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",  # no tables: the gauges are left out
        "PRODOUANE_VAR_DIR": str(tmp_path),
    }
    environment.pop("PRODOUANE_TEST_CLOCK", None)

    def run(script):
        result = subprocess.run(  # noqa: S603 - our own interpreter and scripts
            [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout

    run(COUNT.format(n=2))
    run(COUNT.format(n=3))
    exposed = run(SCRAPE)
    assert 'gps_numbers_total{nature="DSA"} 5.0' in exposed


def test_gunicorn_marks_an_exited_worker_dead_for_prometheus(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    live = tmp_path / "gauge_livesum_4242.db"
    other = tmp_path / "gauge_livesum_4343.db"
    live.write_bytes(b"")
    other.write_bytes(b"")
    configuration = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    configuration["child_exit"](None, types.SimpleNamespace(pid=4242))
    assert not live.exists() and other.exists()
