"""Drafts of movements: created from the register, saved section by section of the task list,
listed (with filters) and deleted; ``prefetched`` reads a movement with everything the task list,
the rules and the messages need."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from fallback.models import NOT_REGULARISED, FallbackDocument
from gamma import reading, sections
from gamma.abilities import DAE, DAES, DSA, PREPARE_RIGHT, _check_kind, _require, _require_draft, abilities
from gamma.errors import InvalidSection, Refused
from gamma.models import (
    Movement,
    MovementStatus,
    MovementTrader,
    OriginType,
    SubmissionMessageType,
    TraderRole,
    TransportArrangement,
)
from register.models import ExciseNumber

SUBMISSION_TYPES = {DAE: SubmissionMessageType.STANDARD, DAES: SubmissionMessageType.DUTY_PAID_B2B, DSA: None}


def draft_create(*, actor, excise_number: ExciseNumber, kind: str) -> Movement:
    """A new draft for ``excise_number``, its consignor, place of dispatch and office taken from
    the register, and the usual choices made (they can all be changed)."""
    kind = _check_kind(kind)
    _require(actor, excise_number, PREPARE_RIGHT[kind], f"create a {kind} draft")
    operator = excise_number.operator
    emcs = kind in sections.EMCS_KINDS
    with transaction.atomic():
        movement = Movement.objects.create(
            kind=kind,
            status=MovementStatus.DRAFT,
            consignor=excise_number,
            created_by=actor,
            submission_message_type=SUBMISSION_TYPES[kind],
            origin_type_code=(OriginType.TAX_WAREHOUSE if kind == DAE else OriginType.DUTY_PAID) if emcs else None,
            dispatch_date=timezone.localdate(),
            dispatch_office_code=excise_number.customs_office.code,
            transport_arrangement=TransportArrangement.CONSIGNOR if emcs else None,
            guarantor_type_code="1" if kind == DAE else "",  # the warehousekeeper's own guarantee
        )
        address = {
            "trader_name": operator.name[:182],
            "street_name": operator.address[:65],
            "postcode": operator.postal_code[:10],
            "city": operator.city[:50],
        }
        traders = [
            MovementTrader(
                movement=movement, role=TraderRole.CONSIGNOR, trader_excise_number=excise_number.number, **address
            ),
        ]
        if kind == DAE:
            traders.append(
                MovementTrader(
                    movement=movement,
                    role=TraderRole.PLACE_OF_DISPATCH,
                    reference_of_tax_warehouse=excise_number.tax_warehouse_reference or excise_number.number,
                    **address,
                )
            )
        elif kind == DAES:
            traders.append(MovementTrader(movement=movement, role=TraderRole.PLACE_OF_DISPATCH, **address))
        MovementTrader.objects.bulk_create(traders)
    return movement


def prefetched(movement: Movement | int) -> Movement:
    """The movement with everything the task list, the rules and the messages read: its
    consignor, traders, documents, lines with their packages, transport units (six statements,
    compiled once per process: ``gamma.reading``)."""
    return reading.movement_with_children(movement if isinstance(movement, int) else movement.pk)


def draft_save_section(*, actor, movement: Movement, section: str, data: Mapping[str, Any]) -> Movement:
    """Save one section of the task list from the data of its form (input names as the form
    posts them: ``local_reference_number``, ``consignee-trader_name``, ``lines-0-cn_code`` …).
    Nothing is saved when one value is wrong: ``InvalidSection`` gives every error."""
    handler = sections.BY_KEY.get(section)
    if handler is None or not handler.applies_to(movement.kind):
        raise Refused(f"Cette rubrique n'existe pas pour un {movement.kind}.")
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], f"edit section {section}")
    with transaction.atomic():
        locked = Movement.objects.select_for_update().filter(pk=movement.pk).first()
        if locked is None:
            raise Refused("Ce brouillon n'existe plus.")
        movement = prefetched(movement)
        _require_draft(actor, movement, f"edit section {section} of")
        bound = handler.bind(movement, data)
        if not bound.is_valid():
            raise InvalidSection(bound.errors(), bound)
        handler.save(bound)
    return prefetched(movement)


def draft_delete(*, actor, movement: Movement) -> None:
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], "delete a draft")
    with transaction.atomic():
        locked = Movement.objects.select_for_update().filter(pk=movement.pk).first()
        if locked is None:
            return
        _require_draft(actor, locked, "delete")
        locked.delete()


def drafts_visible(*, actor, excise_number: ExciseNumber) -> QuerySet[Movement]:
    """The drafts of ``excise_number`` whose kind the actor may prepare or issue."""
    kinds = abilities(actor, excise_number).sees_drafts
    return Movement.objects.filter(consignor=excise_number, status=MovementStatus.DRAFT, kind__in=kinds)


def draft_list(
    *,
    actor,
    excise_number: ExciseNumber,
    kind: str = "",
    lrn: str = "",
    consignee: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[Movement]:
    """The drafts the actor may see, filtered: kind, LRN (part of it), consignee (identifier or
    name, part of it), date of dispatch from / to; the last modified first."""
    drafts = drafts_visible(actor=actor, excise_number=excise_number)
    if kind:
        drafts = drafts.filter(kind=kind)
    if lrn:
        drafts = drafts.filter(local_reference_number__icontains=lrn.strip())
    if consignee:
        consignee = consignee.strip()
        drafts = drafts.filter(
            Q(consignee_identifier__icontains=consignee.replace(" ", ""))
            | Q(traders__role=TraderRole.CONSIGNEE, traders__trader_name__icontains=consignee)
        ).distinct()
    if date_from:
        drafts = drafts.filter(dispatch_date__gte=date_from)
    if date_to:
        drafts = drafts.filter(dispatch_date__lte=date_to)
    return drafts.order_by("-updated_at", "-id").prefetch_related("traders")


# A GPS number's nature → the GAMMA document that regularises it (the paper DAA is the e-AD).
FALLBACK_KINDS = {"DAA": DAE, "DSA": DSA}
VEHICLE_UNIT = "2"  # BC35: vehicle


def draft_from_fallback_document(*, actor, document) -> tuple[Movement, bool]:
    """« Régulariser dans GAMMA »: the draft that regularises the fallback document ``document``,
    prefilled with what its GPS number holds — LRN (the number), consignor (its excise number),
    deferred submission, date and time of dispatch (Paris), the vehicle as transport unit — and
    linked to it by that LRN (validation marks the document « régularisé », rule SECOURS). The
    draft already opened for it is returned instead of a second one: ``(draft, created)``."""
    kind = FALLBACK_KINDS[document.nature]
    _require(actor, document.excise_number, PREPARE_RIGHT[kind], f"regularise fallback document {document.pk}")
    with transaction.atomic():
        document = FallbackDocument.objects.select_for_update().select_related("excise_number").get(pk=document.pk)
        existing = (
            Movement.objects.filter(
                consignor=document.excise_number,
                kind=kind,
                status=MovementStatus.DRAFT,
                local_reference_number=document.number,
            )
            .order_by("id")
            .first()
        )
        if existing is not None:
            return existing, False
        if document.status not in NOT_REGULARISED:
            raise Refused(f"Le document de secours {document.number} est déjà régularisé dans GAMMA.")
        movement = draft_create(actor=actor, excise_number=document.excise_number, kind=kind)
        dispatch = timezone.localtime(document.dispatch_at)
        movement.local_reference_number = document.number
        movement.deferred_submission = True
        movement.dispatch_date = dispatch.date()
        movement.dispatch_time = dispatch.time().replace(second=0, microsecond=0)
        movement.save(
            update_fields=[
                "local_reference_number",
                "deferred_submission",
                "dispatch_date",
                "dispatch_time",
                "updated_at",
            ]
        )
        if document.vehicle_registration:
            movement.transport_details.create(
                position=1,
                transport_unit_code=VEHICLE_UNIT,
                identity_of_transport_units=document.vehicle_registration[:35],
            )
    return movement, True
