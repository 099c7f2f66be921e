"""JSON logs: the fields of a line, the access log, and what a line may never show (issue 13)."""

import datetime
import logging
import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, get_resolver

from prodouane.logs import MASK, JsonFormatter, redact_path, redact_text
from tests.observability.support import json_lines

pytestmark = pytest.mark.django_db

SETTINGS = Path(__file__).resolve().parents[2] / "prodouane" / "settings.py"


def test_an_access_line_has_every_field(client):
    with json_lines("prodouane.access") as lines:
        client.get("/services/siret/?siret=55203253400646&token=abc", HTTP_X_REQUEST_ID="req-1")
    (line,) = lines
    assert set(line) == {
        "time", "level", "logger", "message", "request_id", "method", "path", "status", "duration_ms", "view"
    }  # fmt: skip
    moment = datetime.datetime.fromisoformat(line["time"])
    assert moment.utcoffset() == datetime.timedelta(0)
    assert abs((datetime.datetime.now(datetime.UTC) - moment).total_seconds()) < 60
    assert (line["level"], line["logger"], line["request_id"]) == ("INFO", "prodouane.access", "req-1")
    assert (line["method"], line["path"], line["view"]) == ("GET", "/services/siret/", "lookups:siret")
    assert line["status"] == 200 and isinstance(line["duration_ms"], float) and line["duration_ms"] >= 0
    assert line["message"] == "GET /services/siret/ 200"
    assert "abc" not in str(line) and "55203253400646" not in str(line)  # the query string is never logged


def test_an_unknown_address_is_logged_with_its_path_and_no_view(client):
    with json_lines("prodouane.access") as lines:
        client.get("/nulle-part/")
    assert (lines[0]["path"], lines[0]["status"], lines[0]["view"]) == ("/nulle-part/", 404, "non_resolu")


@pytest.mark.parametrize(
    ("address", "logged"),
    [
        ("/compte/activation/Mjk6MXZ3ZjJk-secret-token/", f"/compte/activation/{MASK}/"),
        ("/compte/confirm-email/MQ:1vX2:secretkey/", f"/compte/confirm-email/{MASK}/"),
        ("/compte/password/reset/key/2t-cj5d4h-9a7f0b1c2d3e4f/", f"/compte/password/reset/key/{MASK}/"),
        ("/compte/password/reset/key/2t-with/slash/", f"/compte/password/reset/key/{MASK}/"),
        ("/verifier/K7QX2M4PZ8R3TB6V9WCY5N/", f"/verifier/{MASK}/"),
        # Pages of the same areas whose address holds no secret are left as they are.
        ("/compte/activation/nouveau-lien/", "/compte/activation/nouveau-lien/"),
        ("/compte/password/reset/key/done/", "/compte/password/reset/key/done/"),
        ("/verifier/", "/verifier/"),
        ("/gamma/FR008777E0001/", "/gamma/FR008777E0001/"),
    ],
)
def test_secret_segments_of_an_address_are_masked(address, logged):
    assert redact_path(address) == logged
    assert redact_path(address + "?next=/x") == logged


def test_the_access_log_of_an_activation_link_does_not_show_its_token(client):
    with json_lines("prodouane.access", "django.request") as lines:
        client.get("/compte/activation/tok-4f9a8b7c6d5e-secret/?x=1")
    assert lines and all("tok-4f9a8b7c6d5e-secret" not in str(line) for line in lines)
    assert lines[0]["path"] == f"/compte/activation/{MASK}/"
    assert lines[0]["view"] == "accounts:activate"


def _routes(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else ""
            yield from (
                (namespace + (name or ""), route) for name, route in _routes(pattern, prefix + str(pattern.pattern))
            )
        elif isinstance(pattern, URLPattern):
            yield pattern.name, prefix + str(pattern.pattern)


def test_every_route_whose_address_carries_a_key_token_or_code_is_masked():
    """A new route with a secret in its address must join prodouane.logs.SECRET_ROUTES."""
    from prodouane.logs import SECRET_ROUTES

    secret = {name for name, route in _routes() if any(word in route for word in ("token", "key>", "code>"))}
    assert secret == set(SECRET_ROUTES)


def test_django_request_lines_have_their_secret_paths_masked(client):
    with json_lines("django.request") as lines:
        client.get("/compte/confirm-email/bad/key/?k=1")  # no such route: « Not Found: … »
        logging.getLogger("django.request").error("Internal Server Error: %s", "/compte/activation/abcSECRET/")
    messages = [line["message"] for line in lines]
    assert messages == [
        "Not Found: /compte/confirm-email/[masqué]",
        "Internal Server Error: /compte/activation/[masqué]",
    ]
    assert redact_text("rien à masquer: /gamma/") == "rien à masquer: /gamma/"


def test_the_json_formatter_never_serialises_the_request_object(rf):
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Internal Server Error: %s", ("/x/",), None
    )
    record.request = rf.get("/x/?token=SECRET")
    record.status_code = 500
    line = JsonFormatter().format(record)
    assert "SECRET" not in line and '"status_code": 500' in line


def _settings(monkeypatch, **environment):
    for name in ("LOG_FORMAT", "PRODOUANE_ENV", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS))


def test_logs_are_text_in_development_and_json_in_production(monkeypatch):
    assert _settings(monkeypatch)["LOGGING"]["handlers"]["console"]["formatter"] == "text"
    production = _settings(
        monkeypatch, PRODOUANE_ENV="production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="a.b", REDIS_URL="redis://r"
    )
    assert production["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert production["LOGGING"]["formatters"]["json"] == {"()": "prodouane.logs.JsonFormatter"}
    assert _settings(monkeypatch, LOG_FORMAT="json")["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT"):
        _settings(monkeypatch, LOG_FORMAT="xml")
