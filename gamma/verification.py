"""« Vérifier un document imprimé »: which document a check code is (a printed e-AD / e-SAD / DSA
or a paper document of the fallback procedure), and what the public check page may show of it.

Only what a carrier or a roadside officer needs, nothing else: the document's status in words, its
type, its reference (the ARC or GPS number printed on the paper they hold), the consignor's and the
consignee's names, the date of dispatch and the vehicle. No address, no excise number, no LRN, no
goods, no quantity. The code is random (``identifiers.check_code``): it is the only key, and a code
that is no document's gives nothing, the same way whatever the reason.

A movement still travelling after its expected arrival is « En retard » by the one rule the search
uses (``gamma.search.is_overdue``); a fallback document not regularised in time is « En retard »
by its own status (``fallback.services.flag_late_documents``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from fallback.models import DocumentNature, DocumentStatus, FallbackDocument
from gamma import search
from gamma.models import Movement, MovementKind, MovementStatus, TraderRole
from identifiers import InvalidIdentifier, check_code

IN_CIRCULATION = "En circulation"
DISCHARGED = "Apuré"
CANCELLED = "Annulé"
REGULARISED = "Régularisé"
LATE = "En retard"

MOVEMENT_TYPES = {
    MovementKind.DAE: "DAE — document administratif électronique (droits suspendus)",
    MovementKind.DAES: "DAES — document administratif simplifié électronique (droits acquittés)",
    MovementKind.DSA: "DSA — document simplifié d'accompagnement (droits acquittés)",
}
FALLBACK_TYPES = {
    DocumentNature.DAA: "DAA de secours — document administratif d'accompagnement (procédure de secours)",
    DocumentNature.DSA: "DSA de secours — document simplifié d'accompagnement (procédure de secours)",
}
FALLBACK_STATUSES = {
    DocumentStatus.ISSUED: IN_CIRCULATION,
    DocumentStatus.LATE: LATE,
    DocumentStatus.REGULARISED: REGULARISED,
}
# GPS knows no consignee: box 7 of the paper is filled in by hand.
CONSIGNEE_BY_HAND = "Non connu du portail (case 7 du document, remplie à la main)"
NOT_GIVEN = "Non renseigné"


@dataclass(frozen=True)
class Checked:
    """What the check page shows of one document: these fields and nothing else."""

    status: str
    kind: str
    reference_label: str  # « ARC » or « Numéro de document de secours »
    reference: str
    consignor: str
    consignee: str
    dispatch_date: dt.date | None
    vehicle: str


def public_url(code: str) -> str:
    """The check page of ``code`` as the outside world reaches it (what the QR code holds)."""
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + reverse("verification:check", args=[code])


def _movement_status(movement: Movement, today: dt.date) -> str:
    if search.is_overdue(movement, today=today):
        return LATE
    if movement.status == MovementStatus.ACCEPTED:
        return IN_CIRCULATION
    if movement.status == MovementStatus.DELIVERED:
        return DISCHARGED
    if movement.status == MovementStatus.CANCELLED:
        return CANCELLED
    return movement.get_status_display()  # refused, diverted, stopped …: its own French word


def _movement(code: str, today: dt.date) -> Checked | None:
    movement = (
        Movement.objects.filter(verification_code=code, arc__isnull=False)
        .exclude(status=MovementStatus.DRAFT)
        .only("kind", "status", "arc", "dispatch_date", "journey_time")
        .first()
    )
    if movement is None:
        return None
    names = dict(
        movement.traders.filter(role__in=(TraderRole.CONSIGNOR, TraderRole.CONSIGNEE)).values_list(
            "role", "trader_name"
        )
    )
    vehicles = [
        identity
        for identity in movement.transport_details.order_by("position", "id").values_list(
            "identity_of_transport_units", flat=True
        )
        if identity
    ]
    return Checked(
        status=_movement_status(movement, today),
        kind=MOVEMENT_TYPES[MovementKind(movement.kind)],
        reference_label="ARC",
        reference=movement.arc,
        consignor=names.get(TraderRole.CONSIGNOR) or NOT_GIVEN,
        consignee=names.get(TraderRole.CONSIGNEE) or NOT_GIVEN,
        dispatch_date=movement.dispatch_date,
        vehicle=", ".join(vehicles) or NOT_GIVEN,
    )


def _fallback(code: str) -> Checked | None:
    document = (
        FallbackDocument.objects.filter(verification_code=code)
        .select_related("excise_number__operator")
        .only("number", "nature", "status", "dispatch_at", "vehicle_registration", "excise_number__operator__name")
        .first()
    )
    if document is None:
        return None
    return Checked(
        status=FALLBACK_STATUSES[DocumentStatus(document.status)],
        kind=FALLBACK_TYPES[DocumentNature(document.nature)],
        reference_label="Numéro de document de secours",
        reference=document.number,
        consignor=document.excise_number.operator.name,
        consignee=CONSIGNEE_BY_HAND,
        dispatch_date=timezone.localdate(document.dispatch_at),
        vehicle=document.vehicle_registration or NOT_GIVEN,
    )


def check(typed: str, *, today: dt.date | None = None) -> Checked | None:
    """The document whose check code is ``typed`` (as printed or typed), or None: a malformed code,
    an unknown one and a draft's all give None, after the same two look-ups."""
    today = today or timezone.localdate()
    try:
        code = check_code.validate(typed)
    except InvalidIdentifier:
        code = ""  # still looked up, so that a malformed code takes as long as an unknown one
    found_movement = _movement(code, today)
    found_fallback = _fallback(code)
    return found_movement or found_fallback
