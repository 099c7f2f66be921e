"""Readiness and the « service momentanément indisponible » page (issue 13).

``/sante/`` (``www.portal.views.health``) only says the process answers. ``/sante/pret/`` says
whether it can serve: the database answers ``SELECT 1``, the cache keeps a key, the broker
accepts a connection (when ``CELERY_BROKER_URL`` is set), with each check's result. Only the
database is essential: without it, 503 « indisponible » (the load balancer takes the instance out).
Without Redis or RabbitMQ the portal keeps serving (the cache falls back to the process' memory,
the outboxes wait for the broker), so 200 « dégradé »: taking every instance out for them would
stop the service they are meant to protect; a failure is named by its kind only (an error's text may hold an address
with its password). No session, no cookie, never cached.

When the database is down every page would fail with a 500: ``server_error`` (``handler500``)
answers a database error (``django.db.OperationalError``/``InterfaceError``, psycopg's and its
pool's) with the French 503 page « Service momentanément indisponible » and ``Retry-After``,
rendered without database nor session."""

import logging
import sys
import uuid

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections, transaction
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

OK = "ok"
UNUSED = "non utilisé"
RETRY_AFTER_SECONDS = 30
DATABASE_TIMEOUT_MS = 2000
BROKER_TIMEOUT_SECONDS = 2


def _database_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        import psycopg

        errors += [psycopg.OperationalError, psycopg.InterfaceError]
    except ImportError:  # pragma: no cover
        pass
    try:
        from psycopg_pool import PoolTimeout

        errors.append(PoolTimeout)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


DATABASE_ERRORS = _database_errors()


def _failure(error: BaseException) -> str:
    return f"échec : {type(error).__name__}"  # never str(error): it may name the URL and its password


def check_database() -> str:
    connection = connections[DEFAULT_DB_ALIAS]
    try:
        with transaction.atomic(using=DEFAULT_DB_ALIAS), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(f"SET LOCAL statement_timeout = {DATABASE_TIMEOUT_MS}")
            cursor.execute("SELECT 1")
            row = cursor.fetchone()
        return OK if row and row[0] == 1 else "échec : réponse inattendue"
    except Exception as error:  # any failure is « not ready »
        logger.warning("readiness: database check failed: %s", type(error).__name__)
        return _failure(error)


def check_cache() -> str:
    from django.core.cache import cache

    key = f"sante:pret:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        read = cache.get(key)
        cache.delete(key)
        # prodouane.cache.FailSafeRedisCache never raises: it says whether Redis itself answers.
        redis_answers = cache.ping() if hasattr(cache, "ping") else True
    except Exception as error:
        logger.warning("readiness: cache check failed: %s", type(error).__name__)
        return _failure(error)
    if not redis_answers:
        return "échec : Redis ne répond pas (mémoire du processus utilisée)"
    return OK if read == value else "échec : valeur non relue"


def check_broker() -> str:
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return UNUSED
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=BROKER_TIMEOUT_SECONDS) as connection:
            connection.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)
    except Exception as error:
        logger.warning("readiness: broker check failed: %s", type(error).__name__)
        return _failure(error)
    return OK


CHECKS = {"base_de_donnees": check_database, "cache": check_cache, "broker": check_broker}
ESSENTIAL = {"base_de_donnees"}


@require_safe
def ready(request):
    """``/sante/pret/``: 200 ``{"statut": "prêt" | "dégradé", …}`` or 503 ``{"statut": "indisponible", …}``."""
    results = {name: check() for name, check in CHECKS.items()}
    failed = {name for name, result in results.items() if result not in (OK, UNUSED)}
    healthy = not (failed & ESSENTIAL)
    statut = "indisponible" if not healthy else ("dégradé" if failed else "prêt")
    response = JsonResponse(
        {"statut": statut, "verifications": results},
        status=200 if healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def is_database_error(error: BaseException | None) -> bool:
    while error is not None:
        if isinstance(error, DATABASE_ERRORS):
            return True
        error = error.__cause__ or error.__context__
    return False


def render_without_request(template_name: str) -> str:
    """An error page (500, 503) rendered without the request's context, neither database nor
    session, since what failed may be the database itself: only the settings it names."""
    from portal import instance

    return loader.get_template(template_name).render(
        {
            "PORTAL_NAME": settings.PORTAL_NAME,
            "PORTAL_TAGLINE": settings.PORTAL_TAGLINE,
            "HELPDESK_PHONE": settings.HELPDESK_PHONE,
            "HELPDESK_EMAIL": settings.HELPDESK_EMAIL,
            "HELPDESK_HOURS": settings.HELPDESK_HOURS,
            "TRAINING": instance.is_training(),
            "TRAINING_NAME": instance.TRAINING_NAME,
        }
    )


def unavailable(request=None) -> HttpResponse:
    """The French 503 page, without database nor session."""
    response = HttpResponse(render_without_request("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request):
    """``handler500``: the 503 page when what failed is the database, else the portal's 500 page."""
    if is_database_error(sys.exc_info()[1]):
        return unavailable(request)
    from www.portal.views import server_error as portal_server_error

    return portal_server_error(request)
