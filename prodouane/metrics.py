"""Prometheus metrics of the portal, served at ``/metrics`` (issue 13).

Counted by the application (``prometheus_client``):

- ``http_requests_total{view,method,status}`` and ``http_request_duration_seconds{view}``
  (``MetricsMiddleware``): ``view`` is the resolved URL's name (``gamma:movement``), never the raw
  address (which holds numbers, tokens and codes); ``non_resolu`` for an address that matched none;
- ``gamma_validations_total{kind}``: movements validated (``gamma.services.movement_validate``),
  counted once the transaction committed;
- ``gps_numbers_total{nature}``: fallback numbers given (``fallback.services``), after commit.

Computed when scraped (``StateCollector``, a few indexed queries):

- ``outbox_pending{outbox}`` and ``outbox_oldest_pending_age_seconds{outbox}`` for the mail outbox
  (``mail``), the EDI notifications (``edi``) and the exchanges with the member states (``eu``);
- ``celery_queue_depth{queue}``: messages waiting in the broker's queues mail, edi, pdf and reports
  (when ``CELERY_BROKER_URL`` is set; a queue that cannot be read is left out).

Several gunicorn processes: with ``PROMETHEUS_MULTIPROC_DIR`` set (an empty directory, emptied at
each start), every process writes its counters there and a scrape adds them up
(``MultiProcessCollector``); ``gunicorn.conf.py``'s ``child_exit`` calls ``mark_process_dead``.

``/metrics`` is not public: only from ``METRICS_ALLOWED_NETWORKS`` (the client address as
``prodouane.client_ip`` reads it), or with ``Authorization: Bearer <METRICS_TOKEN>``; anyone else
gets the portal's 404."""

import hmac
import ipaddress
import logging
import os
import time

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from prodouane.client_ip import client_ip
from prodouane.request_id import view_name

logger = logging.getLogger(__name__)

# The application's own metrics live in this registry (never the process-wide default one, which
# also holds the interpreter's collectors): in multi-process mode their values go to files anyway.
REGISTRY = CollectorRegistry(auto_describe=True)

HTTP_REQUESTS = Counter(
    "http_requests_total",
    "Requêtes HTTP servies, par vue, méthode et statut.",
    ["view", "method", "status"],
    registry=REGISTRY,
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Durée des requêtes HTTP, par vue.",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
    registry=REGISTRY,
)
GAMMA_VALIDATIONS = Counter(
    "gamma_validations_total", "Mouvements GAMMA validés (émis), par type.", ["kind"], registry=REGISTRY
)
GPS_NUMBERS = Counter(
    "gps_numbers_total", "Numéros de secours GPS attribués, par nature.", ["nature"], registry=REGISTRY
)

QUEUES = ("mail", "edi", "pdf", "reports")
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def count_validation(kind: str) -> None:
    """A movement validated: counted when (and if) the transaction commits."""
    transaction.on_commit(lambda: GAMMA_VALIDATIONS.labels(kind=str(kind)).inc())


def count_gps_number(nature: str) -> None:
    """A GPS number given: counted when (and if) the transaction commits."""
    transaction.on_commit(lambda: GPS_NUMBERS.labels(nature=str(nature)).inc())


class MetricsMiddleware:
    """Counts and times every request, labelled by the resolved view's name."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        view = view_name(request)
        method = request.method if request.method in METHODS else "AUTRE"  # a label never takes any value
        HTTP_REQUESTS.labels(view=view, method=method, status=str(response.status_code)).inc()
        HTTP_DURATION.labels(view=view).observe(time.perf_counter() - started)
        return response


# --- Computed at scrape time ------------------------------------------------------------------


def _outboxes():
    from edi.models import Delivery, DeliveryStatus
    from eu.models import Exchange, ExchangeState
    from mail.models import OutboxMessage, OutboxStatus

    return (
        ("mail", OutboxMessage.objects.filter(status=OutboxStatus.PENDING)),
        ("edi", Delivery.objects.filter(status=DeliveryStatus.PENDING)),
        ("eu", Exchange.objects.filter(state=ExchangeState.PENDING)),
    )


def queue_depths() -> dict[str, int]:
    """Messages waiting in each Celery queue (passive declare: a missing queue is skipped)."""
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return {}
    from kombu import Connection

    depths = {}
    try:
        with Connection(url, connect_timeout=2, transport_options={"max_retries": 0}) as connection:
            connection.ensure_connection(max_retries=0, timeout=2)
            for queue in QUEUES:
                try:
                    channel = connection.channel()
                    try:
                        _name, count, _consumers = channel.queue_declare(queue=queue, passive=True)
                    finally:
                        channel.close()
                except Exception as error:  # a queue not declared yet: no figure
                    logger.debug("queue %s not readable: %s", queue, type(error).__name__)
                    continue
                depths[queue] = int(count)
    except Exception as error:  # the broker down: no figure, /sante/pret/ says why
        logger.warning("Celery queue depths not read: %s", type(error).__name__)
    return depths


class StateCollector:
    """Gauges read from the database and the broker at each scrape."""

    def collect(self):
        from django.db.models import Count, Min
        from django.utils import timezone

        pending = GaugeMetricFamily(
            "outbox_pending", "Lignes en attente d'envoi, par file sortante.", labels=["outbox"]
        )
        oldest = GaugeMetricFamily(
            "outbox_oldest_pending_age_seconds",
            "Âge de la plus ancienne ligne en attente, par file sortante (0 si aucune).",
            labels=["outbox"],
        )
        now = timezone.now()
        try:
            for name, queryset in _outboxes():
                figures = queryset.aggregate(count=Count("pk"), oldest=Min("created_at"))
                pending.add_metric([name], figures["count"])
                age = (now - figures["oldest"]).total_seconds() if figures["oldest"] else 0.0
                oldest.add_metric([name], max(age, 0.0))
        except Exception as error:  # the database down: the HTTP metrics still answer
            logger.warning("outbox metrics not read: %s", type(error).__name__)
        else:
            yield pending
            yield oldest
        depth = GaugeMetricFamily("celery_queue_depth", "Messages en attente dans la file Celery.", labels=["queue"])
        for queue, count in queue_depths().items():
            depth.add_metric([queue], count)
        yield depth


class _ApplicationCollector:
    """This process's own counters (single-process mode)."""

    def collect(self):
        yield from REGISTRY.collect()


def scrape() -> bytes:
    """The exposition text: the counters (of every process in multi-process mode), then the gauges."""
    registry = CollectorRegistry()
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        multiprocess.MultiProcessCollector(registry, path=directory)
    else:
        registry.register(_ApplicationCollector())
    registry.register(StateCollector())
    return generate_latest(registry)


def _allowed(request) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), token.encode()):
            return True
    address = client_ip(request)
    if address is None:
        return False
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_view(request):
    """``/metrics``: Prometheus' text format, for the allowed networks or the bearer token only."""
    if not _allowed(request):
        raise Http404("Page introuvable.")
    response = HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
