"""The « cahier de recette EDI » of the training instance: the scenarios an EDI provider plays
against the training company's numbers, each passed or still to do, read from what the Guichet EDI
already keeps: the evidence of every message received (``edi.InboundMessage``, its answer's HTTP
status and the movement it created or acted on) and, for the feed, the reads ``FeedRead`` records.
Nothing is declared passed by hand."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from edi.models import Channel, Credential, InboundMessage
from training.models import FeedRead, TrainingCompany

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Scenario:
    code: str
    title: str
    how: str
    passed_at: dt.datetime | None = None
    evidence: str = ""

    @property
    def passed(self) -> bool:
        return self.passed_at is not None

    @property
    def passed_at_paris(self) -> dt.datetime | None:
        return self.passed_at.astimezone(PARIS) if self.passed_at else None


def _named(message: InboundMessage) -> str:
    """The message as the provider knows it: its MessageIdentifier, else the evidence's number."""
    if message.message_identifier:
        return f"message {message.message_identifier}"
    return f"message reçu n° {message.pk}"


def _accepted_ie815(message: InboundMessage, company: TrainingCompany) -> str:
    if message.status == 201 and message.movement_id and message.movement.arc:
        return f"{_named(message)}, ARC {message.movement.arc}"
    return ""


def _status_is(message_type: str, status: int, *, consignee: bool = False) -> Callable:
    def check(message: InboundMessage, company: TrainingCompany) -> str:
        if message.message_type != message_type or message.status != status:
            return ""
        if consignee and not (
            message.movement_id and message.movement.consignee_identifier == company.consignee.number
        ):
            return ""
        return _named(message)

    return check


def _ie815(status: int) -> Callable:
    def check(message: InboundMessage, company: TrainingCompany) -> str:
        if message.message_type != "IE815":
            return ""
        if status == 201:
            return _accepted_ie815(message, company)
        return f"{_named(message)} (IE704)" if message.status == status else ""

    return check


# code, title, what to do, check of one inbound message (None: the feed read)
SCENARIOS = [
    (
        "ie815_accepted",
        "Soumettre un DAE valide (IE815)",
        "POST /edi/v1/messages d'un IE815 de l'entrepositaire agréé : réponse 201 avec l'IE801 et son ARC.",
        _ie815(201),
    ),
    (
        "ie815_refused",
        "Soumettre un DAE refusé (IE815)",
        "POST d'un IE815 qui enfreint une règle (par exemple un destinataire inconnu) : réponse 422 avec un IE704.",
        _ie815(422),
    ),
    ("ie810", "Annuler un DAE (IE810)", "POST d'un IE810 sur un ARC validé : réponse 201.", _status_is("IE810", 201)),
    (
        "ie813",
        "Changer la destination (IE813)",
        "POST d'un IE813 sur un ARC validé : réponse 201.",
        _status_is("IE813", 201),
    ),
    (
        "ie818",
        "Accuser réception (IE818) par le destinataire enregistré",
        "POST d'un IE818 sur un DAE adressé au numéro de destinataire enregistré : réponse 201.",
        _status_is("IE818", 201, consignee=True),
    ),
    (
        "feed",
        "Lire le fil des messages",
        "GET /edi/v1/messages (puis ?after= avec le curseur rendu).",
        None,
    ),
    (
        "ie904",
        "Demander l'état d'un mouvement (IE904)",
        "POST d'un IE904 : réponse 200 avec un IE905.",
        _status_is("IE904", 200),
    ),
]


def credentials_of(company: TrainingCompany):
    return Credential.objects.filter(operator=company.operator)


def checklist(company: TrainingCompany) -> list[Scenario]:
    """Each scenario with the first message that passed it (date and evidence), in order."""
    messages = list(
        InboundMessage.objects.filter(channel=Channel.EDI, credential__operator=company.operator, replay_of=None)
        .select_related("movement")
        .order_by("received_at", "id")
    )
    first_read = FeedRead.objects.filter(credential__operator=company.operator).order_by("read_at", "id").first()
    result = []
    for code, title, how, check in SCENARIOS:
        passed_at, evidence = None, ""
        if check is None:
            if first_read is not None:
                passed_at = first_read.read_at
                evidence = f"lecture de {first_read.count} message(s) par {first_read.credential.client_id}"
        else:
            for message in messages:
                evidence = check(message, company)
                if evidence:
                    passed_at = message.received_at
                    break
        result.append(Scenario(code=code, title=title, how=how, passed_at=passed_at, evidence=evidence))
    return result


def record_feed_read(credential: Credential, count: int) -> None:
    """Called by the feed on the training instance only, for an operator's credential of a
    training company."""
    if credential.operator_id and TrainingCompany.objects.filter(operator_id=credential.operator_id).exists():
        FeedRead.objects.create(credential=credential, count=count)
