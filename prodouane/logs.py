"""Log format and what a log line may not show (issue 13).

``LOG_FORMAT=json`` (the default in production): one JSON object per line,
``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, ``request_id``, then the record's
extra fields (the access log's ``method``, ``path``, ``status``, ``duration_ms``, ``view``).
``LOG_FORMAT=text`` (development): one readable line.

No line may carry a secret: the query string is never logged (it may hold a token), and the
address segments that are secrets — the activation link's token, allauth's e-mail confirmation and
password reset keys, the check code of a printed document — are masked (``redact_path``). Django's
own ``django.request`` / ``django.server`` lines (« Internal Server Error: /path ») go through
``RedactPathsFilter``, and the request object they attach is never serialised."""

import datetime
import functools
import logging
import re

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

MASK = "[masqué]"

# Routes whose address holds a secret: (URL name, placeholder arguments to find its prefix).
SECRET_ROUTES = {
    "accounts:activate": {"token": "SECRET"},
    "account_confirm_email": {"key": "SECRET"},
    "account_reset_password_from_key": {"uidb36": "SECRET", "key": "SECRET"},
    "verification:check": {"code": "SECRET"},
}


@functools.cache
def _secret_prefixes() -> tuple[str, ...]:
    from django.urls import NoReverseMatch, reverse

    prefixes = []
    for name, kwargs in SECRET_ROUTES.items():
        try:
            address = reverse(name, kwargs=kwargs)
        except NoReverseMatch:  # pragma: no cover - a route renamed: the test of every route fails
            continue
        prefixes.append(address[: address.index("SECRET")])
    return tuple(prefixes)


@functools.cache
def _text_pattern() -> re.Pattern:
    alternatives = "|".join(re.escape(prefix) for prefix in _secret_prefixes())
    return re.compile(rf"({alternatives})[^\s'\"?#]+")


def redact_path(path: str) -> str:
    """``path`` as a log may show it: without query string, its secret segment masked."""
    from django.urls import Resolver404, resolve

    path = path.split("?", 1)[0]
    try:
        match = resolve(path)
    except Resolver404:
        match = None
    except Exception:  # a log line must never fail the request
        match = None
    if match is not None and match.view_name not in SECRET_ROUTES:
        return path  # a page whose address holds no secret (« activation/nouveau-lien/ » …)
    for prefix in _secret_prefixes():
        if path.startswith(prefix) and len(path) > len(prefix):
            return prefix + MASK + ("/" if path.endswith("/") else "")
    return path


def redact_text(text: str) -> str:
    """Every secret address segment masked in a free text (Django's « Not Found: /path »)."""
    return _text_pattern().sub(lambda match: match.group(1) + MASK, text)


class RedactPathsFilter(logging.Filter):
    """Django's request loggers write the raw path into the message: masked here."""

    LOGGERS = ("django.request", "django.server", "django.security")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith(self.LOGGERS):
            message = record.getMessage()
            redacted = redact_text(message.split("?", 1)[0] if record.name == "django.server" else message)
            if redacted != message:
                record.msg, record.args = redacted, ()
        return True


class JsonFormatter(_JsonFormatter):
    """python-json-logger's formatter with the portal's field names; ``request`` (Django attaches
    the whole request to its error records) and ``server_time`` are left out."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("reserved_attrs", [*RESERVED_ATTRS, "request", "server_time", "request_id"])
        super().__init__(*args, **kwargs)

    def add_fields(self, log_data, record, message_dict):
        log_data["time"] = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(
            timespec="milliseconds"
        )
        log_data["level"] = record.levelname
        log_data["logger"] = record.name
        log_data["message"] = record.getMessage() if not isinstance(record.msg, dict) else ""
        log_data["request_id"] = getattr(record, "request_id", None) or "-"
        super().add_fields(log_data, record, message_dict)
