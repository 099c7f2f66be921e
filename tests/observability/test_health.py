"""Readiness (/sante/pret/) and the French 503 page when the database is down (issue 13)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connections
from django.test import Client, override_settings
from django.urls import reverse

from prodouane import health

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
DOWN_CACHE = {"default": {"BACKEND": "tests.observability.broken_cache.DownCache"}}


@pytest.fixture
def database_down(monkeypatch):
    """Every new use of the default connection fails as when PostgreSQL is stopped."""
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: password=hunter2 refused')

    monkeypatch.setattr(connection, "ensure_connection", refuse)
    monkeypatch.setattr(connection, "cursor", refuse)
    return connection


def body(response) -> dict:
    return json.loads(response.content.decode())


def test_ready_answers_200_when_database_and_cache_answer_and_no_broker_is_used(client, settings):
    settings.CELERY_BROKER_URL = ""
    assert reverse("ready") == "/sante/pret/"
    response = client.get("/sante/pret/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert body(response) == {
        "statut": "prêt",
        "verifications": {"base_de_donnees": "ok", "cache": "ok", "broker": "non utilisé"},
    }
    assert not response.cookies  # no session, no CSRF cookie


def test_ready_checks_a_configured_broker(client, settings):
    settings.CELERY_BROKER_URL = "memory://"  # kombu's in-process broker: a connection that succeeds
    response = client.get("/sante/pret/")
    assert response.status_code == 200
    assert body(response)["verifications"]["broker"] == "ok"


def test_ready_answers_503_when_the_broker_is_unreachable_without_showing_its_password(client, settings, closed_port):
    settings.CELERY_BROKER_URL = f"amqp://prodouane:hunter2@127.0.0.1:{closed_port}//"
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    checks = body(response)["verifications"]
    assert body(response)["statut"] == "indisponible"
    assert checks["broker"].startswith("échec : ")
    assert (checks["base_de_donnees"], checks["cache"]) == ("ok", "ok")
    assert b"hunter2" not in response.content
    assert str(closed_port).encode() not in response.content


@override_settings(CACHES=DOWN_CACHE)
def test_ready_answers_503_when_the_cache_fails(client, settings):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    checks = body(response)["verifications"]
    assert checks == {"base_de_donnees": "ok", "cache": "échec : ConnectionError", "broker": "non utilisé"}
    assert b"hunter2" not in response.content


def test_ready_answers_503_when_the_database_fails(client, settings, database_down):
    settings.CELERY_BROKER_URL = ""
    response = client.get("/sante/pret/")
    assert response.status_code == 503
    checks = body(response)["verifications"]
    assert checks["base_de_donnees"] == "échec : OperationalError"
    assert checks["cache"] == "ok"
    assert b"hunter2" not in response.content


def test_ready_is_answered_over_http_when_production_redirects_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.CELERY_BROKER_URL = ""
    assert client.get("/sante/pret/").status_code == 200
    assert client.get("/sante/").status_code == 200  # unchanged
    assert client.get("/").status_code == 301


def test_ready_refuses_post(client):
    assert client.post("/sante/pret/").status_code == 405


def test_a_page_whose_database_is_down_gets_the_french_503_page(database_down):
    client = Client(raise_request_exception=False)
    for address in ("/", "/compte/login/", "/services-disponibles/"):
        response = client.get(address)
        assert response.status_code == 503, address
        assert response["Retry-After"] == "30"
        assert response["Cache-Control"] == "no-store"
        page = response.content.decode()
        assert "<h1>Service momentanément indisponible</h1>" in page
        assert "Erreur 503" in page
        assert 'lang="fr"' in page
        assert "Traceback" not in page and "hunter2" not in page and "OperationalError" not in page


def test_any_other_error_keeps_the_500_page(rf):
    request = rf.get("/")
    try:
        raise ValueError("boom")
    except ValueError:
        response = health.server_error(request)
    assert response.status_code == 500
    assert "Erreur inattendue" in response.content.decode()
    assert not response.has_header("Retry-After")


def test_a_database_error_wrapped_in_another_is_still_the_503_page(rf):
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as error:
            raise RuntimeError("while rendering") from error
    except RuntimeError:
        response = health.server_error(rf.get("/"))
    assert response.status_code == 503


def test_a_portal_whose_postgresql_does_not_answer_serves_the_503_page_and_ready_says_so(closed_port, tmp_path):
    """The real thing: a process configured with a PostgreSQL on a closed port, as when it is down."""
    script = (
        "import django, json\n"
        "django.setup()\n"
        "from django.test import Client\n"
        "client = Client(raise_request_exception=False)\n"
        "page = client.get('/')\n"
        "ready = client.get('/sante/pret/')\n"
        "print(json.dumps([page.status_code, page.get('Retry-After'), "
        "'Service momentanément indisponible' in page.content.decode(), ready.status_code, "
        "json.loads(ready.content)['verifications']['base_de_donnees']]))\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prodouane.settings",
        "DATABASE_URL": f"postgres://postgres:hunter2@127.0.0.1:{closed_port}/prodouane",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "testserver",
        "PRODOUANE_VAR_DIR": str(tmp_path),
        "LOG_FORMAT": "json",
        "CELERY_BROKER_URL": "",
    }
    environment.pop("PRODOUANE_TEST_CLOCK", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [503, "30", True, 503, "échec : OperationalError"]
    # Its logs said so, in JSON, without the database's password.
    lines = [json.loads(line) for line in result.stderr.splitlines() if line.startswith("{")]
    assert any(line["logger"] == "django.request" and line["level"] == "ERROR" for line in lines)
    assert any(line["logger"] == "prodouane.access" and line["status"] == 503 for line in lines)
    assert "hunter2" not in result.stderr


def test_a_signed_in_person_whose_session_cannot_be_read_gets_the_503_page_too(monkeypatch):
    from tests.factories.accounts import UserFactory

    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    connection = connections["default"]

    def refuse(*args, **kwargs):
        raise OperationalError("the database system is shutting down")

    monkeypatch.setattr(connection, "cursor", refuse)  # the session's and the user's reads fail first
    response = client.get("/compte/")
    assert response.status_code == 503
    assert "Service momentanément indisponible" in response.content.decode()
