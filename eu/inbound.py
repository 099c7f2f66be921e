"""A message another member state sends France, applied once (``eu.gateway.receive``, whatever
the implementation): the bytes checked against the V3.23 schema, then

- an IE801 (a DAE from another member state to a French consignee): stored as an accepted
  movement with its IE801 as it came (``gamma.mapping.save_ie801``, the IE801's own reader), its
  arrival logged on the timeline: the consignee's inbox, search and e-mail show it;
- an IE818 (the report of receipt of a DAE France sent there): read as the EDI channel reads one
  (``edi.routing.receipt_of``) and applied by the report of receipt's use case
  (``gamma.actions.movement_report_receipt_from_member_state``): « Apuré », or « Refusé » …

Each message leaves one ``Exchange`` row (direction ``in``) written in the transaction of its
effects; the same MessageIdentifier received again changes nothing and returns the first row."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import notifications
from edi import routing
from emcs import messages as emcs_messages
from emcs import xml
from eu.models import Direction, Exchange, ExchangeState
from gamma import actions, mapping
from gamma.models import MovementAction, MovementEvent, MovementStatus

logger = logging.getLogger(__name__)

RECEIVED_TYPES = ("IE801", "IE818")


class NotApplicable(Exception):
    """The message cannot be applied (French reason, kept on its row)."""


def _sender_state(header) -> str:
    """``NDEA.DE`` → ``DE``."""
    return (header.message_sender or "")[-2:].upper()


def receive(data: bytes) -> Exchange:
    """Apply ``data`` (``xml.InvalidMessage`` when it is not a valid V3.23 message)."""
    data = bytes(data)
    root = xml.parse_and_validate(data)
    message_type = xml.message_type(root)
    if message_type not in RECEIVED_TYPES:
        raise xml.InvalidMessage(f"Le message {message_type} n'est pas reçu des autres États membres.", [])
    message = emcs_messages.parse(root)
    identifier = message.header.message_identifier
    try:
        with transaction.atomic():
            if (first := _first(identifier)) is not None:
                return first
            movement, state, error = None, ExchangeState.APPLIED, ""
            try:
                with transaction.atomic():
                    movement = _apply(message_type, message, data)
            except (NotApplicable, actions.ActionRefused, mapping.RefusedMessage) as refusal:
                state, error = ExchangeState.REFUSED, _reason(refusal)
                logger.warning("EU message %s (%s) not applied: %s", identifier, message_type, error)
            return Exchange.objects.create(
                direction=Direction.IN,
                message_type=message_type,
                message_identifier=identifier,
                member_state=_sender_state(message.header),
                movement=movement,
                xml=data,
                state=state,
                error=error,
                done_at=timezone.now(),
            )
    except IntegrityError:  # the same message received at the same moment: the first one counts
        first = _first(identifier)
        if first is None:
            raise
        return first


def _first(identifier: str) -> Exchange | None:
    return Exchange.objects.filter(direction=Direction.IN, message_identifier=identifier).first()


def _reason(refusal: Exception) -> str:
    errors = getattr(refusal, "errors", None)
    if isinstance(errors, dict) and errors:
        return "; ".join(message for messages in errors.values() for message in messages)
    if isinstance(errors, list) and errors:
        return "; ".join(error.message for error in errors)
    return getattr(refusal, "message", None) or str(refusal)


def _apply(message_type: str, message, data: bytes):
    if message_type == "IE801":
        return _incoming_movement(message, data)
    return _report_of_receipt(message, data)


def _incoming_movement(message, data: bytes):
    from gamma.models import Movement

    body = message.body
    arc = body.excise_movement.administrative_reference_code
    consignor = body.consignor_trader.trader_excise_number or ""
    consignee = (body.consignee_trader.traderid or "") if body.consignee_trader else ""
    if consignor[:2] == "FR" or arc[2:4] == "FR":
        raise NotApplicable("Un DAE expédié de France n'arrive pas d'un autre État membre.")
    if consignee[:2] != "FR":
        raise NotApplicable(f"Le destinataire {consignee or '(absent)'} n'est pas en France.")
    if Movement.objects.filter(arc=arc).exists():
        raise NotApplicable(f"Le document d'ARC {arc} est déjà connu.")
    movement = mapping.save_ie801(body, received=data, message_identifier=message.header.message_identifier)
    event = MovementEvent.objects.create(
        movement=movement,
        at=movement.validated_at or timezone.now(),
        actor=None,
        action=MovementAction.VALIDATE,
        from_status=MovementStatus.DRAFT,
        to_status=MovementStatus.ACCEPTED,
        message_type="IE801",
        payload={"arc": arc, "member_state_of_dispatch": arc[2:4]},
    )
    notifications.movement_validated(movement=movement, event=event)  # the consignee's users, by e-mail
    return movement


def _report_of_receipt(message, data: bytes):
    from gamma.models import Movement

    body = message.body
    arc = body.excise_movement.administrative_reference_code
    movement = Movement.objects.filter(arc=arc).first()
    if movement is None:
        raise NotApplicable(f"Aucun document d'ARC {arc}.")
    consignee = (body.consignee_trader.traderid or "") if body.consignee_trader else ""
    actions.movement_report_receipt_from_member_state(
        movement=movement,
        consignee=consignee,
        received=(data, message.header.message_identifier),
        **routing.receipt_of(body),
    )
    return movement
