"""The request id: one value that ties together every log line of one request, and of the Celery
tasks it queued (issue 13).

``RequestIdMiddleware`` (first in ``MIDDLEWARE``) takes the ``X-Request-ID`` the load balancer or
the client sent when it is sane (at most 64 characters of ``[A-Za-z0-9._-]``), else draws one
(uuid4, hex); it is answered in the response's ``X-Request-ID`` and kept in a context variable
for the request's duration (``get()``). ``RequestIdFilter`` puts it on every log record
(``record.request_id``, ``-`` outside a request). The same middleware writes the access log: one
line per request (logger ``prodouane.access``), method, path (query string dropped, secret
segments masked: ``prodouane.logs.redact_path``), status, duration and view name.

Celery: ``before_task_publish`` copies the current id into the task's headers; ``task_prerun``
sets it for the task's run and ``task_postrun`` puts the previous value back. The signals are
global (any Celery app), connected when this module is imported: the settings' LOGGING names
its filter, so ``django.setup()`` imports it in every process (web, workers, beat)."""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
NONE = "-"

_current: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

access_logger = logging.getLogger("prodouane.access")


def get() -> str | None:
    """The id of the request (or task) being served, None outside one."""
    return _current.get()


def set(value: str | None) -> contextvars.Token:
    return _current.set(value)


def reset(token: contextvars.Token) -> None:
    _current.reset(token)


def is_sane(value) -> bool:
    return isinstance(value, str) and bool(_SANE.match(value))


def new() -> str:
    return uuid.uuid4().hex


def from_request(request) -> str:
    """The client's id when it is sane, else a new one."""
    value = request.META.get("HTTP_X_REQUEST_ID", "")
    return value if is_sane(value) else new()


def view_name(request) -> str:
    """The resolved URL's name (``namespace:name``), never the raw path: ``non_resolu`` for an
    address that matched no route."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "non_resolu"
    return match.view_name or "sans_nom"


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from prodouane.logs import redact_path

        request_id = from_request(request)
        request.request_id = request_id
        # Not reset when this returns: Django logs the response (« Not Found: … ») after the whole
        # middleware chain; ``request_finished`` (the response closed) clears it.
        _current.set(request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request_id
        path = redact_path(request.path)
        access_logger.info(
            "%s %s %s",
            request.method,
            path,
            response.status_code,
            extra={
                "method": request.method,
                "path": path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "view": view_name(request),
            },
        )
        return response


def _request_finished(sender=None, **kwargs):
    _current.set(None)


request_finished.connect(_request_finished, dispatch_uid="prodouane.request_id")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record (``-`` outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _current.get() or NONE
        return True


# --- Celery: the id travels in the task's headers ---------------------------------------------


def _before_task_publish(sender=None, headers=None, **kwargs):
    request_id = _current.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


_task_tokens: dict[str, contextvars.Token] = {}


def _task_request_id(task) -> str | None:
    request = getattr(task, "request", None)
    if request is None:
        return None
    value = getattr(request, TASK_HEADER, None)  # a worker: custom headers are the request's attributes
    if value is None:
        value = (getattr(request, "headers", None) or {}).get(TASK_HEADER)  # eager: apply(headers=…)
    return value if is_sane(value) else None


def _task_prerun(sender=None, task_id=None, task=None, **kwargs):
    request_id = _task_request_id(task)
    if request_id is None:
        request_id = _current.get() or new()  # an eager task keeps its caller's; a beat task gets its own
    _task_tokens[task_id] = _current.set(request_id)


def _task_postrun(sender=None, task_id=None, task=None, **kwargs):
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        try:
            _current.reset(token)
        except ValueError:  # set in another context (another thread): nothing of ours to restore
            _current.set(None)


try:
    from celery import signals as _celery_signals
except ImportError:  # pragma: no cover - Celery is pinned in requirements.txt
    _celery_signals = None
else:
    _celery_signals.before_task_publish.connect(_before_task_publish, weak=False, dispatch_uid="prodouane.request_id")
    _celery_signals.task_prerun.connect(_task_prerun, weak=False, dispatch_uid="prodouane.request_id")
    _celery_signals.task_postrun.connect(_task_postrun, weak=False, dispatch_uid="prodouane.request_id")
