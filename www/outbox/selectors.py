"""What the « Envois en attente » page reads of the three outboxes — the mails
(``mail.OutboxMessage``), the EDI notifications (``edi.Delivery``) and the messages to the other
member states (``eu.Exchange``, outgoing) — for a scope given by ``rights.outbox_scope``: all of
them for the helpdesk (SAU), an office's share otherwise (the notifications of the credentials of
the operators in its charge or about one of its excise numbers, the exchanges of the movements in
its charge; no mail: a mail is tied to no company).

Nothing secret leaves this module: a mail's body is never read (its subject and masked recipients
only), a webhook's address is cut to its scheme and host, errors are trimmed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import transaction
from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from edi.models import Delivery, DeliveryStatus
from eu.models import Direction, Exchange, ExchangeState
from habilitations import rights
from mail.models import OutboxMessage, OutboxStatus

MAIL, EDI, EU = "courriels", "edi", "echanges"
KINDS = {
    MAIL: "Courriels",
    EDI: "Notifications EDI",
    EU: "Échanges avec les États membres",
}
ITEM_LABELS = {MAIL: "Courriel", EDI: "Notification EDI", EU: "Message à un État membre"}
PENDING, FAILED = "pending", "failed"
STATUSES = {PENDING: "En attente", FAILED: "En échec"}
ERROR_LENGTH = 160


def kinds_for(scope) -> list[str]:
    """The tabs a scope shows: the office has no mail tab."""
    return list(KINDS) if scope == rights.OUTBOX_ALL else [EDI, EU]


# Each outbox: its model, its state field, its rows (the EU exchanges: the outgoing ones), its
# pending and failed states.
_OUTBOXES = {
    MAIL: (OutboxMessage, "status", Q(), OutboxStatus.PENDING, OutboxStatus.FAILED),
    EDI: (Delivery, "status", Q(), DeliveryStatus.PENDING, DeliveryStatus.FAILED),
    EU: (Exchange, "state", Q(direction=Direction.OUT), ExchangeState.PENDING, ExchangeState.FAILED),
}


# --- Querysets ----------------------------------------------------------------------------------------


def _waiting(kind: str) -> QuerySet:
    """The outbox's pending and failed items, in any scope."""
    model, field, rows, pending, failed = _OUTBOXES[kind]
    return model.objects.filter(rows, **{f"{field}__in": [pending, failed]})


def _mails(scope) -> QuerySet[OutboxMessage]:
    if scope != rights.OUTBOX_ALL:
        return OutboxMessage.objects.none()
    return _waiting(MAIL)


def _deliveries(scope) -> QuerySet[Delivery]:
    rows = _waiting(EDI)
    if scope != rights.OUTBOX_ALL:
        numbers = _numbers_of(scope)
        operators = _operators_of(scope)
        rows = rows.filter(
            Q(credential__operator__in=operators) | Q(feed_entry__excise_number__in=numbers.values("number"))
        )
    return rows


def _exchanges(scope) -> QuerySet[Exchange]:
    rows = _waiting(EU)
    if scope != rights.OUTBOX_ALL:
        numbers = _numbers_of(scope)
        rows = rows.filter(
            Q(movement__consignor__in=numbers.values("pk"))
            | Q(movement__consignee_identifier__in=numbers.values("number"))
        )
    return rows


def _numbers_of(office):
    from register.models import ExciseNumber

    return ExciseNumber.objects.filter(customs_office=office) if office else ExciseNumber.objects.none()


def _operators_of(office):
    from register.models import ExciseNumber, Operator

    if office is None:
        return Operator.objects.none()
    return Operator.objects.filter(
        pk__in=ExciseNumber.objects.filter(customs_office=office).values("operator_id")
    ).values("pk")


def _pending_q(kind: str) -> Q:
    _, field, _, pending, _ = _OUTBOXES[kind]
    return Q(**{field: pending})


def _failed_q(kind: str) -> Q:
    """Not sent within 72 h (prodouane.backoff)."""
    _, field, _, _, failed = _OUTBOXES[kind]
    return Q(**{field: failed})


def items(kind: str, scope, status: str = "") -> QuerySet:
    """The pending and failed items of one outbox in the scope (``status``: only those), the
    oldest first."""
    rows = {MAIL: _mails, EDI: _deliveries, EU: _exchanges}[kind](scope)
    if status == PENDING:
        rows = rows.filter(_pending_q(kind))
    elif status == FAILED:
        rows = rows.filter(_failed_q(kind))
    if kind == EDI:
        rows = rows.select_related("credential__webhook", "feed_entry__message__movement")
    elif kind == EU:
        rows = rows.select_related("movement")
    return rows.order_by("created_at", "id")


def item(kind: str, scope, pk: int):
    """One pending or failed item in the scope, or None (the page is a 404)."""
    return items(kind, scope).filter(pk=pk).first()


@dataclass(frozen=True)
class Summary:
    kind: str
    label: str
    pending: int
    failed: int
    oldest_pending: dt.datetime | None

    @property
    def oldest_age(self) -> str:
        return age(self.oldest_pending) if self.oldest_pending else ""


def summary(kind: str, scope) -> Summary:
    rows = items(kind, scope)
    pending = rows.filter(_pending_q(kind))
    return Summary(
        kind=kind,
        label=KINDS[kind],
        pending=pending.count(),
        failed=rows.filter(_failed_q(kind)).count(),
        oldest_pending=(rows if kind == EU else pending).aggregate(oldest=Min("created_at"))["oldest"],
    )


# --- Rows, without any secret ----------------------------------------------------------------------


def age(since: dt.datetime, now: dt.datetime | None = None) -> str:
    """« 3 j 4 h », « 2 h 05 min », « 7 min », « moins d'une minute »."""
    seconds = max(0, int(((now or timezone.now()) - since).total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return f"{days} j {hours} h"
    if hours:
        return f"{hours} h {minutes:02d} min"
    if minutes:
        return f"{minutes} min"
    return "moins d'une minute"


def mask_address(address: str) -> str:
    """``marie.dupont@example.org`` → ``m***@example.org``: enough to tell two recipients apart."""
    local, at, domain = str(address).rpartition("@")
    if not at:
        return "***"
    return f"{local[:1]}***@{domain}"


def host_of(url: str) -> str:
    """A webhook's address without its path, query or credentials: scheme and host only."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "adresse illisible"
    return f"{parts.scheme}://{host}{port}" if parts.scheme and host else "adresse illisible"


URL = re.compile(r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'\"<>]+")
EMAIL = re.compile(r"[^\s@<>'\"(),;:]+@[^\s@<>'\"(),;:]+\.[a-zA-Z]{2,}")


def scrub(text: str) -> str:
    """An error as it may be shown: every address cut to its scheme and host, every e-mail address
    masked (a server's answer may quote them)."""
    text = URL.sub(lambda match: host_of(match.group(0)), str(text or ""))
    return EMAIL.sub(lambda match: mask_address(match.group(0)), text)


def trim(text: str, length: int = ERROR_LENGTH) -> str:
    text = " ".join(scrub(text).split())
    return text if len(text) <= length else text[: length - 1] + "…"


def row(kind: str, obj) -> dict:
    """What the table shows of one item (never a mail's body nor a webhook's secret)."""
    _, field, _, _, failed_state = _OUTBOXES[kind]
    failed = getattr(obj, field) == failed_state
    shown = {
        "pk": obj.pk,
        "created_at": obj.created_at,
        "attempts": obj.attempts,
        "next_attempt_at": None if failed else obj.next_attempt_at,
        "failed": failed,
    }
    if kind == MAIL:
        return shown | {
            "error": trim(obj.last_error),
            "what": trim(obj.subject, 120),
            "to": ", ".join(mask_address(address) for address in obj.to or []),
        }
    if kind == EDI:
        message = obj.feed_entry.message if obj.feed_entry_id else None
        webhook = getattr(obj.credential, "webhook", None)
        error = trim(obj.last_error) or (f"Réponse HTTP {obj.last_status_code}" if obj.last_status_code else "")
        return shown | {
            "error": error,
            "client_id": obj.credential.client_id,
            "host": host_of(webhook.url) if webhook else "",
            "what": message.message_type if message else obj.get_kind_display(),
            "arc": (message.movement.arc or "") if message else "",
        }
    return shown | {
        "error": trim(obj.error),
        "what": obj.message_type,
        "member_state": obj.member_state,
        "arc": (obj.movement.arc or "") if obj.movement_id else "",
    }


def bring_forward(kind: str, pk: int, *, now) -> str | None:
    """Set a pending or failed item's next attempt to ``now`` (a failed one back to pending);
    its state before, or None when there is no such item to bring forward."""
    _, field, _, pending, _ = _OUTBOXES[kind]
    with transaction.atomic():
        obj = _waiting(kind).select_for_update().filter(pk=pk).first()
        if obj is None:
            return None
        before = getattr(obj, field)
        setattr(obj, field, pending)
        obj.next_attempt_at = now
        obj.save(update_fields=[field, "next_attempt_at"])
    return before
