"""The request id: taken from X-Request-ID when sane, else drawn; answered, logged, and carried
into the Celery tasks the request queued (issue 13)."""

import logging
import re
import threading

import pytest
from celery import Celery
from celery.contrib.testing.worker import start_worker

from prodouane import request_id
from tests.observability.support import json_lines

pytestmark = pytest.mark.django_db

HEX32 = re.compile(r"^[0-9a-f]{32}$")


def test_a_request_without_id_gets_a_new_one_in_the_response(client):
    first = client.get("/sante/")["X-Request-ID"]
    second = client.get("/sante/")["X-Request-ID"]
    assert HEX32.match(first) and HEX32.match(second) and first != second


def test_a_sane_id_from_the_load_balancer_is_kept(client):
    assert client.get("/sante/", HTTP_X_REQUEST_ID="lb-7f3a.2_B")["X-Request-ID"] == "lb-7f3a.2_B"
    assert client.get("/sante/", HTTP_X_REQUEST_ID="a" * 64)["X-Request-ID"] == "a" * 64


@pytest.mark.parametrize(
    "value", ["a" * 65, "abc def", "<script>", "id\r\nSet-Cookie: x=1", "é", "a/b", "", "${jndi:ldap://x}"]
)
def test_an_insane_id_is_replaced(client, value):
    answered = client.get("/sante/", HTTP_X_REQUEST_ID=value)["X-Request-ID"]
    assert HEX32.match(answered)


def test_every_log_line_of_a_request_carries_its_id_and_none_outside(client):
    with json_lines("prodouane.access", "django.request") as lines:
        client.get("/page-qui-n-existe-pas/", HTTP_X_REQUEST_ID="req-42")
        client.get("/sante/", HTTP_X_REQUEST_ID="req-43")
        logging.getLogger("prodouane.access").info("hors requête")
    assert [(line["request_id"], line["message"]) for line in lines] == [
        ("req-42", "GET /page-qui-n-existe-pas/ 404"),
        ("req-42", "Not Found: /page-qui-n-existe-pas/"),  # Django's own, logged after the middleware
        ("req-43", "GET /sante/ 200"),
        ("-", "hors requête"),
    ]
    assert request_id.get() is None  # reset after the request


@pytest.fixture
def celery_app():
    app = Celery("observability-tests", broker="memory://", backend="cache+memory://", set_as_current=False)
    app.conf.task_always_eager = False

    @app.task(name="observability.which_request")
    def which_request():
        logging.getLogger("observability.task").info("dans la tâche")
        return request_id.get(), threading.get_ident()

    app.which_request = which_request
    return app


def test_a_task_queued_during_a_request_runs_in_a_worker_with_the_request_id(celery_app):
    with json_lines("observability.task") as lines, start_worker(celery_app, pool="solo", perform_ping_check=False):
        token = request_id.set("req-from-web")
        try:
            result = celery_app.which_request.delay()
        finally:
            request_id.reset(token)
        seen, thread = result.get(timeout=20)
    assert seen == "req-from-web"
    assert thread != threading.get_ident()  # the worker's own thread: the id came in the task's headers
    assert [(line["message"], line["request_id"]) for line in lines] == [("dans la tâche", "req-from-web")]


def test_the_publish_signal_puts_the_current_id_in_the_task_headers():
    headers = {}
    token = request_id.set("req-publish")
    try:
        request_id._before_task_publish(sender="t", headers=headers, body=())
    finally:
        request_id.reset(token)
    assert headers == {"request_id": "req-publish"}
    outside = {}
    request_id._before_task_publish(sender="t", headers=outside, body=())
    assert outside == {}  # no request, no header


def test_an_eager_task_takes_the_id_of_its_headers_and_restores_the_callers(celery_app):
    celery_app.conf.task_always_eager = True
    token = request_id.set("caller")
    try:
        seen, _ = celery_app.which_request.apply(headers={"request_id": "from-header"}).get()
        assert seen == "from-header"
        assert request_id.get() == "caller"
        seen, _ = celery_app.which_request.delay().get()  # eager, no header: the caller's id
        assert seen == "caller"
        assert request_id.get() == "caller"
    finally:
        request_id.reset(token)


def test_an_insane_header_is_not_taken(celery_app):
    celery_app.conf.task_always_eager = True
    seen, _ = celery_app.which_request.apply(headers={"request_id": "x\ny"}).get()
    assert HEX32.match(seen)
    assert request_id.get() is None
