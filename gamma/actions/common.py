"""What the lifecycle actions share: the refusal (:class:`ActionRefused`) and the result
(:class:`ActionResult`), the errors gathered by field, the rights and lifecycle check each action
starts with (:func:`authorise`), the transition (:func:`transition`), and the groups of the EMCS
messages built from the movement (its traders, its excise movement)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts import notifications
from emcs import codelists, times
from emcs.messages import groups as g
from emcs.messages.binding import Header
from eu import outbox as eu_outbox
from gamma import feed, lifecycle
from gamma import messages as stored_messages
from gamma.actions.access import movement_access
from gamma.lifecycle import TransitionRefused
from gamma.models import (
    MessageDirection,
    Movement,
    MovementAction,
    MovementEvent,
    MovementMessage,
    MovementTrader,
    TraderRole,
)
from gamma.rules import c126, c128, c143, c154, c161
from gamma.rules.base import RuleError
from gamma.sections import EMCS_KINDS
from register.models import ExciseNumber

security_log = logging.getLogger("prodouane.security")
logger = logging.getLogger(__name__)

LANGUAGE = "fr"  # the language attribute of every free text typed on the portal
OTHER = codelists.OTHER_KEY  # "0", « Autre », in every list of reasons: a complement is then required
MAX_REASONS = 9
QUANTITY_PLACES = Decimal("0.001")  # n..15,3
MAX_QUANTITY = Decimal("999999999999.999")


class ActionRefused(Exception):
    """The action was not done. ``message`` is French; ``errors`` maps a field (``reason_code``,
    ``lines.1.observed_quantity`` …) to its French messages when the data was at fault."""

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


INVALID_DATA = "L'action n'a pas été enregistrée : corrigez les champs signalés."
MESSAGE_NOT_VALID = (
    "L'action n'a pas été enregistrée : son message EMCS n'a pas pu être constitué. "
    "L'assistance en est informée ; réessayez plus tard."
)


@dataclass(frozen=True)
class ActionResult:
    """The timeline's new event, the EMCS message the action produced and its stored copy (the
    message's XML, validated against its schema, byte for byte as ``gamma.messages`` kept it);
    ``ie801``: the updated IE801 a change of destination stores with its IE813; ``ie803``: the
    diversion notice it stores for the consignee it leaves."""

    event: MovementEvent
    message: Any
    stored: MovementMessage | None = None
    ie801: MovementMessage | None = None
    ie803: MovementMessage | None = None


class Errors:
    def __init__(self) -> None:
        self.by_field: dict[str, list[str]] = {}

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name, []).append(message)

    def extend(self, errors: list[RuleError]) -> None:
        """A rule's errors, each at its field, its message as the rule words it."""
        for error in errors:
            self.add(error.field, error.message)

    def raise_if_any(self) -> None:
        if self.by_field:
            raise ActionRefused(INVALID_DATA, errors=self.by_field)


def forged(actor, what: str, message: str) -> ActionRefused:
    security_log.warning("Refused movement action by %s: %s", getattr(actor, "username", actor), what)
    return ActionRefused(message)


def authorise(*, movement: Movement, actor, excise_number, action: MovementAction, today: dt.date) -> str:
    """The role in which ``actor`` takes ``action`` for ``excise_number``, or a refusal (logged)."""
    access = movement_access(user=actor, excise_number=excise_number, movement=movement)
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    what = f"{action} on movement {movement.pk} for {number}"
    if access is None:
        raise forged(actor, f"{what}: movement not visible", "Ce mouvement est introuvable.")
    reason = access.refusal(action, today=today)
    if reason:
        raise forged(actor, f"{what}: {reason}", reason)
    return access.role_for(action)


def transition(
    movement: Movement,
    action: MovementAction,
    *,
    actor,
    role: str,
    message_class: type,
    body: Any,
    now: dt.datetime,
    today: dt.date,
    outcome: dict[str, Any] | None = None,
    then: Callable[[], None] | None = None,
    with_event: Callable[[MovementEvent], None] | None = None,
    diversion_notice: Callable[[MovementEvent], MovementMessage | None] | None = None,
    updated_ie801: Callable[[MovementEvent], MovementMessage] | None = None,
    received: tuple[bytes, str] | None = None,
) -> ActionResult:
    """The action written all or nothing, in one transaction: the lifecycle's transition and its
    event (the payload is the message's body, plus the ``outcome`` the lifecycle reads to choose
    the status), the movement's own changes (``then``; ``with_event``: those kept with the event,
    such as the lines of a report of receipt), and the message (``message_class``: its
    header made ``now``, its ``body``) validated against its schema and stored, linked to the
    event, and (DAE, DAES) published to the other party's feed (``gamma.feed.recipients_of``, as
    the movement stands once changed: a change of destination to the new consignee) — or, for a
    message another member state sent (``received``: its bytes, already validated, and its
    MessageIdentifier), those bytes kept as they came;
    then, for a change of destination, the IE803 to the consignee it leaves (``diversion_notice``)
    and the updated IE801 (``updated_ie801``), last: publishing holds the feed's lock until the
    commit. The message returned is the one stored."""
    message = message_class(header=Header.new(at=now), body=body)
    building = message_class.__name__  # the message being stored, for the log if its schema refuses it
    previous_consignee = movement.consignee_identifier  # the one a change of destination leaves
    try:
        with transaction.atomic():
            event = lifecycle.transition(
                movement, action, actor=actor, role=role, payload=payload(body, **(outcome or {})), at=now, today=today
            )
            if then is not None:
                then()
            if with_event is not None:
                with_event(event)
            notifications.movement_event(movement=movement, event=event, previous_consignee=previous_consignee)
            recipients = (
                feed.recipients_of(movement, message_class.__name__, role=role)
                if movement.kind in EMCS_KINDS
                else None  # a DSA is national: its messages are kept, sent to no feed (as it has no IE801)
            )
            if received is None:
                stored = stored_messages.store(message, movement=movement, event=event, recipients=recipients)
            else:
                stored = stored_messages.store_bytes(
                    received[0],
                    movement=movement,
                    event=event,
                    message_type=message_class.__name__,
                    message_identifier=received[1],
                    direction=MessageDirection.RECEIVED,
                    recipients=recipients,
                )
            if movement.kind in EMCS_KINDS:  # the other party in another member state: its outbox
                eu_outbox.hand_over(stored, movement, role=role)
            ie801 = ie803 = None
            if diversion_notice is not None:
                building = "IE803"
                ie803 = diversion_notice(event)
            if updated_ie801 is not None:
                building = "updated IE801"
                ie801 = updated_ie801(event)
    except TransitionRefused as refused:  # the status changed since the page was shown
        raise ActionRefused(refused.message) from refused
    except stored_messages.MessageNotValid:  # the portal's bug, never the user's: said, logged, nothing kept
        logger.exception(
            "The %s of movement %s fails its schema: action %s not recorded",
            building,
            movement.pk,
            action,
        )
        movement.refresh_from_db()
        raise ActionRefused(MESSAGE_NOT_VALID) from None
    return ActionResult(event=event, message=message, stored=stored, ie801=ie801, ie803=ie803)


def now() -> dt.datetime:
    return timezone.now()


def naive(value: dt.datetime) -> dt.datetime:
    """EMCS date-times carry no offset: UTC (``emcs.times``), to the second."""
    return times.to_emcs(value).replace(microsecond=0)


def payload(body: Any, **outcome: Any) -> dict[str, Any]:
    """The event's payload: the message's body as its dataclasses' fields, plus the value the
    lifecycle reads to choose the status (``global_conclusion``, ``rejected``)."""
    return {**outcome, **dataclasses.asdict(body)}


def text(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def language(value: str | None) -> str | None:
    return LANGUAGE if value else None


def excise_movement(movement: Movement) -> g.ExciseMovement:
    return g.ExciseMovement(administrative_reference_code=movement.arc, sequence_number=movement.sequence_number)


def traders(movement: Movement) -> dict[str, MovementTrader]:
    return {trader.role: trader for trader in movement.traders.all()}


def consignee_trader(movement: Movement) -> g.ConsigneeTrader | None:
    row = traders(movement).get(TraderRole.CONSIGNEE)
    if row is None:
        return None
    return g.ConsigneeTrader(
        language=row.language or LANGUAGE,
        traderid=row.traderid or None,
        trader_name=row.trader_name,
        street_name=row.street_name,
        street_number=row.street_number or None,
        postcode=row.postcode,
        city=row.city,
        eori_number=row.eori_number or None,
    )


def consignor_trader(movement: Movement) -> g.ConsignorTrader | None:
    row = traders(movement).get(TraderRole.CONSIGNOR)
    if row is None:
        return None
    return g.ConsignorTrader(
        language=row.language or LANGUAGE,
        trader_excise_number=row.trader_excise_number,
        trader_name=row.trader_name,
        street_name=row.street_name,
        street_number=row.street_number or None,
        postcode=row.postcode,
        city=row.city,
    )


def delivery_place_trader(movement: Movement) -> g.DeliveryPlaceTrader | None:
    row = traders(movement).get(TraderRole.DELIVERY_PLACE)
    if row is None:
        return None
    return g.DeliveryPlaceTrader(
        language=row.language or LANGUAGE,
        traderid=row.traderid or None,
        trader_name=row.trader_name or None,
        street_name=row.street_name or None,
        street_number=row.street_number or None,
        postcode=row.postcode or None,
        city=row.city or None,
    )


def office_of(number: str) -> str:
    """The customs office an excise number of the register answers to (the destination office)."""
    return ExciseNumber.objects.filter(number=number).values_list("customs_office__code", flat=True).first() or ""


# The rule asking words for the reason « Autre », by list of reasons.
OTHER_REASON_RULES = {rule.LIST: rule for rule in (c126, c128, c143, c154, c161)}


def check_reason(errors: Errors, *, list_code: str, code: str, complement: str | None, prefix: str) -> None:
    """A reason of a code list, with its complement when it is « Autre » (C126, C128, C143, C154, C161)."""
    known = dict(codelists.reasons(list_code))
    if code not in known:
        errors.add(f"{prefix}code", "Choisissez un motif de la liste.")
    else:
        errors.extend(
            OTHER_REASON_RULES[list_code].check(
                reason_code=code, complementary_information=complement, field=f"{prefix}complementary_information"
            )
        )
    if complement and len(complement) > 350:
        errors.add(f"{prefix}complementary_information", "Le complément d'information ne dépasse pas 350 caractères.")


def quantity(value: Any) -> Decimal | None:
    """A quantity as EMCS writes it (15 digits, 3 decimals), None when blank; ValueError if not one."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation as error:
        raise ValueError("Saisissez un nombre, par exemple 12,5.") from error
    if not number.is_finite():
        raise ValueError("Saisissez un nombre, par exemple 12,5.")
    if number < 0:
        raise ValueError("Saisissez une quantité positive.")
    if number > MAX_QUANTITY:
        raise ValueError("Cette quantité est trop grande.")
    quantized = number.quantize(QUANTITY_PLACES)
    if number != quantized:
        raise ValueError("Trois décimales au plus.")
    return quantized


@dataclass(frozen=True)
class Reason:
    code: str
    complementary_information: str = ""
