"""What traders do with a validated movement, one keyword-only function per use case:

=================================  =======  ======================================================
function                           message  who (role, right)
=================================  =======  ======================================================
``movement_cancel``                IE810    consignor, « Emettre un DAA / DSA »
``movement_change_destination``    IE813    consignor, « Emettre un DAA / DSA »
``movement_report_receipt``        IE818    consignee, « Apurer un DAA »
``movement_alert_or_reject``       IE819    consignee, « Apurer un DAA »
``movement_explain_delay``         IE837    either, « Emettre … » or « Apurer un DAA »
``movement_explain_shortage``      IE871    either, « Emettre … » or « Apurer un DAA »
=================================  =======  ======================================================

A user acts for one excise number (``excise_number``): the role is « consignor » when the movement
is issued under that number, « consignee » when it is addressed to it. Each function checks the
right (``habilitations.rights``), then the lifecycle (``gamma.lifecycle``: status, role, date),
then the data against the message's official rules (codes in the comments), builds the EMCS
message (``emcs.messages``) and goes through ``lifecycle.transition`` with the message's body as
the event's payload — all or nothing. A refusal raises :class:`ActionRefused` with a French
message and, for bad data, the errors by field; nothing is written. Requests that the page never
offered (another company's movement, a right not held, an action this status does not allow) are
also logged to ``prodouane.security``.

The web pages (``www.gamma.movements``), the EDI channel and the commands call these functions;
none of them repeats a rule."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone

from emcs import codelists, times
from emcs.messages import groups as g
from emcs.messages import ie810, ie813, ie818, ie819, ie837, ie871
from emcs.messages.binding import Header
from gamma import lifecycle
from gamma.lifecycle import CONSIGNEE, CONSIGNOR, TransitionRefused
from gamma.models import (
    DestinationType,
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementTrader,
    TraderRole,
)
from gamma.rules import (
    br023,
    br024,
    br025,
    br041,
    br056,
    c010,
    c032,
    c063,
    c067,
    c095,
    c116,
    c119,
    c126,
    c128,
    c140,
    c154,
    c159,
    c161,
    c165,
    c181,
    r054,
    r059,
    r259,
    tc61,
    tc73,
)
from gamma.rules.base import RuleError
from habilitations import catalogue, rights
from identifiers import customs_office, excise
from identifiers import trader as trader_identifier
from identifiers.exceptions import InvalidIdentifier
from register.models import ExciseNumber

security_log = logging.getLogger("prodouane.security")

A = MovementAction
LANGUAGE = "fr"  # the language attribute of every free text typed on the portal
OTHER = codelists.OTHER_KEY  # "0", « Autre », in every list of reasons: a complement is then required
MAX_REASONS = 9
QUANTITY_PLACES = Decimal("0.001")  # n..15,3
MAX_QUANTITY = Decimal("999999999999.999")

# --------------------------------------------------------------------------------------------
# Rights: which GAMMA right lets a user see or act on a movement of each kind


def search_right(kind: str) -> str:
    return catalogue.SEARCH_DSA.code if kind == MovementKind.DSA else catalogue.SEARCH_DAA.code


def issue_right(kind: str) -> str:
    return catalogue.ISSUE_DSA.code if kind == MovementKind.DSA else catalogue.ISSUE_DAA.code


def prepare_right(kind: str) -> str:
    return catalogue.PREPARE_DSA.code if kind == MovementKind.DSA else catalogue.PREPARE_DAA.code


DISCHARGE = catalogue.DISCHARGE_DAA.code


def action_rights(action: MovementAction | str, kind: str) -> frozenset[str]:
    """The rights any one of which allows ``action`` on a movement of ``kind``."""
    action = MovementAction(action)
    if action in (A.CANCEL, A.CHANGE_DESTINATION, A.VALIDATE):
        return frozenset({issue_right(kind)})
    if action in (A.REPORT_OF_RECEIPT, A.ALERT_OR_REJECTION):
        return frozenset({DISCHARGE})
    if action in (A.EXPLAIN_DELAY, A.EXPLAIN_SHORTAGE):
        return frozenset({issue_right(kind), DISCHARGE})
    return frozenset()  # the portal's own actions (reminders): no trader holds them


def view_rights(kind: str, role: str) -> frozenset[str]:
    """Rights that let a user see (and print) a movement in ``role``: the search right of its kind,
    or the right to act on it in that role (a user who may only discharge sees what they discharge)."""
    if role == CONSIGNOR:
        return frozenset({search_right(kind), issue_right(kind), prepare_right(kind)})
    return frozenset({search_right(kind), DISCHARGE})


def searchable_kinds(held: frozenset[str]) -> list[str]:
    """The kinds of movements the rights ``held`` let a user search."""
    return [kind for kind in MovementKind if search_right(kind) in held]


def visible_kinds(held: frozenset[str]) -> list[str]:
    """The kinds of movements the rights ``held`` let a user see in one role or the other."""
    return [kind for kind in MovementKind if (view_rights(kind, CONSIGNOR) | view_rights(kind, CONSIGNEE)) & held]


def roles_of(movement: Movement, number: str) -> frozenset[str]:
    """The roles an excise number plays in a movement (both for a return to one's own place)."""
    roles = set()
    if movement.consignor_id is not None and movement.consignor.number == number:
        roles.add(CONSIGNOR)
    if number and movement.consignee_identifier == number and not movement.is_draft:
        roles.add(CONSIGNEE)
    return frozenset(roles)


@dataclass(frozen=True)
class MovementAccess:
    """What a user acting for ``excise_number`` may do with ``movement``: computed once per request
    by :func:`movement_access` and read by the views and templates."""

    movement: Movement
    excise_number: str
    roles: frozenset[str]
    rights: frozenset[str]

    def role_for(self, action: MovementAction | str) -> str | None:
        """The user's role in which ``action`` is possible (consignor first), None if none."""
        rule = lifecycle.TRANSITIONS[MovementAction(action)]
        return next((role for role in (CONSIGNOR, CONSIGNEE) if role in self.roles and role in rule.roles), None)

    def has_right_for(self, action: MovementAction | str) -> bool:
        return bool(action_rights(action, self.movement.kind) & self.rights)

    def refusal(self, action: MovementAction | str, *, today: dt.date) -> str | None:
        """Why the user may not take ``action`` today (French), None if they may."""
        try:
            action = MovementAction(action)
        except ValueError:
            return "Cette action n'existe pas."
        role = self.role_for(action)
        if role is None:
            return lifecycle.refusal(self.movement, action, role=next(iter(sorted(self.roles))), today=today)
        if not self.has_right_for(action):
            labels = " ou ".join(
                f"« {catalogue.label_of(catalogue.GAMMA, code)} »"
                for code in sorted(action_rights(action, self.movement.kind))
            )
            return f"{action.label} : votre compte n'a pas le droit {labels} pour {self.excise_number}."
        return lifecycle.refusal(self.movement, action, role=role, today=today)

    def allowed_actions(self, *, today: dt.date) -> list[MovementAction]:
        """The actions offered to the user: the lifecycle's for their role(s) ∩ their rights."""
        return [
            action
            for action in lifecycle.TRANSITIONS
            if action != A.VALIDATE and self.refusal(action, today=today) is None
        ]

    @property
    def can_print(self) -> bool:
        return not self.movement.is_draft


def movement_access(
    *, user, excise_number: ExciseNumber | str, movement: Movement, held: frozenset[str] | None = None
) -> MovementAccess | None:
    """The user's access to ``movement`` when acting for ``excise_number``; None when they may not
    even know it exists (another company's movement, or no right to see it): the views answer 404.
    ``held``: the rights ``rights.rights_for`` gave for this user and number earlier in the same
    request (the views' ``acting_for``), not read again; read here when not given."""
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    if held is None:
        held = rights.rights_for(user, catalogue.GAMMA, number)
    roles = roles_of(movement, number)
    if not held or not roles:
        return None
    if not any(view_rights(movement.kind, role) & held for role in roles):
        return None
    if movement.is_draft and CONSIGNOR not in roles:
        return None
    return MovementAccess(movement=movement, excise_number=number, roles=roles, rights=held)


# --------------------------------------------------------------------------------------------
# Refusals and results


class ActionRefused(Exception):
    """The action was not done. ``message`` is French; ``errors`` maps a field (``reason_code``,
    ``lines.1.observed_quantity`` …) to its French messages when the data was at fault."""

    def __init__(self, message: str, *, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or {}


INVALID_DATA = "L'action n'a pas été enregistrée : corrigez les champs signalés."


@dataclass(frozen=True)
class ActionResult:
    """The timeline's new event and the EMCS message the action produced (to send, or to check
    against the schema)."""

    event: MovementEvent
    message: Any


class _Errors:
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


def _forged(actor, what: str, message: str) -> ActionRefused:
    security_log.warning("Refused movement action by %s: %s", getattr(actor, "username", actor), what)
    return ActionRefused(message)


def _authorise(*, movement: Movement, actor, excise_number, action: MovementAction, today: dt.date) -> str:
    """The role in which ``actor`` takes ``action`` for ``excise_number``, or a refusal (logged)."""
    access = movement_access(user=actor, excise_number=excise_number, movement=movement)
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    what = f"{action} on movement {movement.pk} for {number}"
    if access is None:
        raise _forged(actor, f"{what}: movement not visible", "Ce mouvement est introuvable.")
    reason = access.refusal(action, today=today)
    if reason:
        raise _forged(actor, f"{what}: {reason}", reason)
    return access.role_for(action)


def _transition(movement, action, *, actor, role, payload, now, today) -> MovementEvent:
    try:
        return lifecycle.transition(movement, action, actor=actor, role=role, payload=payload, at=now, today=today)
    except TransitionRefused as refused:  # the status changed since the page was shown
        raise ActionRefused(refused.message) from refused


def _now() -> dt.datetime:
    return timezone.now()


def _naive(value: dt.datetime) -> dt.datetime:
    """EMCS date-times carry no offset: UTC (``emcs.times``), to the second."""
    return times.to_emcs(value).replace(microsecond=0)


def _payload(body: Any, **outcome: Any) -> dict[str, Any]:
    """The event's payload: the message's body as its dataclasses' fields, plus the value the
    lifecycle reads to choose the status (``global_conclusion``, ``rejected``)."""
    return {**outcome, **dataclasses.asdict(body)}


def _text(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _language(value: str | None) -> str | None:
    return LANGUAGE if value else None


def _excise_movement(movement: Movement) -> g.ExciseMovement:
    return g.ExciseMovement(administrative_reference_code=movement.arc, sequence_number=movement.sequence_number)


def _traders(movement: Movement) -> dict[str, MovementTrader]:
    return {trader.role: trader for trader in movement.traders.all()}


def _consignee_trader(movement: Movement) -> g.ConsigneeTrader | None:
    row = _traders(movement).get(TraderRole.CONSIGNEE)
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


def _consignor_trader(movement: Movement) -> g.ConsignorTrader | None:
    row = _traders(movement).get(TraderRole.CONSIGNOR)
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


def _delivery_place_trader(movement: Movement) -> g.DeliveryPlaceTrader | None:
    row = _traders(movement).get(TraderRole.DELIVERY_PLACE)
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


def _office_of(number: str) -> str:
    """The customs office an excise number of the register answers to (the destination office)."""
    return ExciseNumber.objects.filter(number=number).values_list("customs_office__code", flat=True).first() or ""


# The rule asking words for the reason « Autre », by list of reasons.
OTHER_REASON_RULES = {rule.LIST: rule for rule in (c126, c128, c154, c161)}


def _check_reason(errors: _Errors, *, list_code: str, code: str, complement: str | None, prefix: str) -> None:
    """A reason of a code list, with its complement when it is « Autre » (C126, C128, C154, C161)."""
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


def _quantity(value: Any) -> Decimal | None:
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


# --------------------------------------------------------------------------------------------
# IE810 — cancellation


def movement_cancel(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    reason_code: str,
    complementary_information: str = "",
    today: dt.date | None = None,
) -> ActionResult:
    """Cancel a movement before its date of dispatch (never a DAES: lifecycle)."""
    today = today or timezone.localdate()
    role = _authorise(movement=movement, actor=actor, excise_number=excise_number, action=A.CANCEL, today=today)
    complement = _text(complementary_information)
    errors = _Errors()
    _check_reason(
        errors,
        list_code=codelists.CANCELLATION_REASONS,
        code=str(reason_code or ""),
        complement=complement,
        prefix="reason_",
    )
    errors.raise_if_any()
    now = _now()
    body = ie810.CancellationOfEad(
        attributes=ie810.Attributes(date_and_time_of_validation_of_cancellation=_naive(now)),
        excise_movement_ead=ie810.ExciseMovementEad(administrative_reference_code=movement.arc),
        cancellation=ie810.Cancellation(
            cancellation_reason_code=str(reason_code),
            complementary_information=complement,
            complementary_information_language=_language(complement),
        ),
    )
    event = _transition(movement, A.CANCEL, actor=actor, role=role, payload=_payload(body), now=now, today=today)
    return ActionResult(event=event, message=ie810.IE810(header=Header.new(), body=body))


# --------------------------------------------------------------------------------------------
# IE813 — change of destination


@dataclass(frozen=True)
class TraderInput:
    """A trader typed in a form: its identifier (excise number, tax warehouse …) and address."""

    traderid: str = ""
    name: str = ""
    street_name: str = ""
    street_number: str = ""
    postcode: str = ""
    city: str = ""

    @property
    def is_blank(self) -> bool:
        return not any(dataclasses.astuple(self))


# Destination types offered for each kind (R259; the DSA, duty paid in France, takes the DAES's).
DESTINATION_TYPES = {
    MovementKind.DAE: r259.ALLOWED[r259.DAE],
    MovementKind.DAES: r259.ALLOWED[r259.DAES],
    MovementKind.DSA: r259.ALLOWED[r259.DAES],
}


def destination_type_choices(kind: str) -> list[tuple[int, str]]:
    return [(code, f"{code} — {DestinationType(code).label}") for code in DESTINATION_TYPES[kind]]


def _check_trader(errors: _Errors, trader: TraderInput, prefix: str, *, name_required: bool = True) -> None:
    limits = {"name": 182, "street_name": 65, "street_number": 11, "postcode": 10, "city": 50, "traderid": 16}
    for name, limit in limits.items():
        if len(getattr(trader, name)) > limit:
            errors.add(f"{prefix}{name}", f"{limit} caractères au plus.")
    required = {
        "street_name": "Saisissez la rue.",
        "postcode": "Saisissez le code postal.",
        "city": "Saisissez la ville.",
    }
    if name_required:
        required = {"name": "Saisissez le nom.", **required}
    for name, message in required.items():
        if not getattr(trader, name):
            errors.add(f"{prefix}{name}", message)


def _clean_trader(trader: TraderInput | None) -> TraderInput:
    trader = trader or TraderInput()
    return TraderInput(
        **{name: " ".join(str(value or "").split()) for name, value in dataclasses.asdict(trader).items()}
    )


def movement_change_destination(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    destination_type_code: int | str | None,
    consignee: TraderInput | None = None,
    delivery_place: TraderInput | None = None,
    delivery_office_code: str = "",
    journey_time: str = "",
    today: dt.date | None = None,
) -> ActionResult:
    """Send the goods elsewhere: new destination type, consignee and place of delivery; the
    sequence number goes up by one (R059). A DAES returns to its place of dispatch with type 11,
    the consignor then being its own consignee."""
    today = today or timezone.localdate()
    role = _authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.CHANGE_DESTINATION, today=today
    )
    errors = _Errors()
    try:
        destination = int(destination_type_code)
    except (TypeError, ValueError):
        destination = None
    if destination not in DESTINATION_TYPES[movement.kind]:
        errors.add("destination_type_code", "Choisissez un type de destination de la liste.")
        for error in r259.check(kind=movement.kind, destination_type_code=destination):
            errors.by_field["destination_type_code"] = [f"{error.message} ({error.code})"]
    consignee = _clean_trader(consignee)
    place = _clean_trader(delivery_place)
    office = (delivery_office_code or "").strip().upper()
    journey = (journey_time or "").strip().upper()
    returning = destination == DestinationType.RETURN_TO_PLACE_OF_DISPATCH
    consignor_row = _traders(movement).get(TraderRole.CONSIGNOR)
    if returning:
        if consignor_row is None:
            errors.add("destination_type_code", "L'expéditeur du mouvement est inconnu : retour impossible.")
        else:
            consignee = TraderInput(
                traderid=consignor_row.trader_excise_number,
                name=consignor_row.trader_name,
                street_name=consignor_row.street_name,
                street_number=consignor_row.street_number,
                postcode=consignor_row.postcode,
                city=consignor_row.city,
            )
    elif destination is not None:
        _check_trader(errors, consignee, "consignee_")
        identification = c010.check(destination_type_code=destination, traderid=consignee.traderid)
        errors.extend(identification)
        if consignee.traderid and not identification:
            # An excise number where C010 requires one, any trader identification where it is optional.
            validate = excise.validate_seed if c010.required(destination) else trader_identifier.validate
            try:
                consignee = dataclasses.replace(consignee, traderid=validate(consignee.traderid))
            except InvalidIdentifier as error:
                errors.add("consignee_traderid", error.message)
    if c165.place_applies(destination, given=not place.is_blank):
        _check_trader(errors, place, "delivery_place_", name_required=destination != 1)
        if destination == DestinationType.TAX_WAREHOUSE:
            if not place.traderid:
                errors.add("delivery_place_traderid", "Saisissez la référence de l'entrepôt fiscal de livraison.")
            else:
                try:
                    place = dataclasses.replace(place, traderid=excise.validate_seed(place.traderid))
                except InvalidIdentifier as error:
                    errors.add("delivery_place_traderid", error.message)
        elif place.traderid:
            try:
                place = dataclasses.replace(place, traderid=trader_identifier.validate(place.traderid))
            except InvalidIdentifier as error:
                errors.add("delivery_place_traderid", error.message)
    missing_office = c165.check_office(destination_type_code=destination, office=office)
    errors.extend(missing_office)
    if c165.office_applies(destination) and not missing_office:
        try:
            office = customs_office.validate(office)
        except InvalidIdentifier as error:
            errors.add("delivery_office_code", error.message)
    for error in r054.check(journey_time=journey, transport_mode_code=movement.transport_mode_code):
        errors.add("journey_time", f"{error.message} ({error.code})")
    errors.extend(r059.check(sequence_number=movement.sequence_number))
    errors.raise_if_any()

    with_place = c165.place_applies(destination, given=not place.is_blank)
    now = _now()
    sequence = r059.next_sequence_number(movement.sequence_number)
    new_consignee = g.ConsigneeTrader(
        language=LANGUAGE,
        traderid=consignee.traderid or None,
        trader_name=consignee.name,
        street_name=consignee.street_name,
        street_number=consignee.street_number or None,
        postcode=consignee.postcode,
        city=consignee.city,
    )
    new_place = (
        g.DeliveryPlaceTrader(
            language=LANGUAGE,
            traderid=place.traderid or None,
            trader_name=place.name or None,
            street_name=place.street_name or None,
            street_number=place.street_number or None,
            postcode=place.postcode or None,
            city=place.city or None,
        )
        if with_place
        else None
    )
    body = ie813.ChangeOfDestination(
        attributes=ie813.Attributes(date_and_time_of_validation_of_change_of_destination=_naive(now)),
        update_ead_esad=ie813.UpdateEadEsad(
            administrative_reference_code=movement.arc, journey_time=journey or None, sequence_number=sequence
        ),
        destination_changed=ie813.DestinationChanged(
            destination_type_code=destination,
            new_consignee_trader=new_consignee,
            delivery_place_trader=new_place,
            delivery_place_customs_office=g.Office(reference_number=office)
            if c165.office_applies(destination)
            else None,
        ),
    )
    with transaction.atomic():
        event = _transition(
            movement, A.CHANGE_DESTINATION, actor=actor, role=role, payload=_payload(body), now=now, today=today
        )
        movement.destination_type_code = destination
        movement.consignee_identifier = consignee.traderid
        movement.sequence_number = sequence
        movement.validation_updated_at = now
        movement.delivery_place_customs_office_code = office if c165.office_applies(destination) else ""
        if journey:
            movement.journey_time = journey
        movement.save(
            update_fields=[
                "destination_type_code",
                "consignee_identifier",
                "sequence_number",
                "validation_updated_at",
                "delivery_place_customs_office_code",
                "journey_time",
                "updated_at",
            ]
        )
        movement.traders.filter(role__in=[TraderRole.CONSIGNEE, TraderRole.DELIVERY_PLACE]).delete()
        MovementTrader.objects.create(
            movement=movement,
            role=TraderRole.CONSIGNEE,
            traderid=consignee.traderid,
            trader_name=consignee.name,
            street_name=consignee.street_name,
            street_number=consignee.street_number,
            postcode=consignee.postcode,
            city=consignee.city,
            language=LANGUAGE,
        )
        if with_place:
            MovementTrader.objects.create(
                movement=movement,
                role=TraderRole.DELIVERY_PLACE,
                traderid=place.traderid,
                trader_name=place.name,
                street_name=place.street_name,
                street_number=place.street_number,
                postcode=place.postcode,
                city=place.city,
                language=LANGUAGE,
            )
    return ActionResult(event=event, message=ie813.IE813(header=Header.new(), body=body))


# --------------------------------------------------------------------------------------------
# IE818 — report of receipt


@dataclass(frozen=True)
class Reason:
    code: str
    complementary_information: str = ""


@dataclass(frozen=True)
class ReceiptLine:
    """What the consignee observed on one line: a shortage (``S``) or an excess (``E``) and its
    quantity, the quantity refused (partial refusal), and why the receipt is unsatisfactory."""

    body_record_unique_reference: int
    indicator: str = ""  # "S", "E" or blank
    observed_quantity: Any = None
    refused_quantity: Any = None
    reasons: list[Reason] = field(default_factory=list)

    @property
    def is_blank(self) -> bool:
        return not (
            self.indicator or self.observed_quantity not in (None, "") or self.refused_quantity not in (None, "")
        )


SHORTAGE, EXCESS = "S", "E"
INDICATORS = {SHORTAGE: "Manquant", EXCESS: "Excédent"}
ACCEPTED_SATISFACTORY, ACCEPTED_UNSATISFACTORY, REFUSED, PARTIALLY_REFUSED = 1, 2, 3, 4


def movement_report_receipt(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    date_of_arrival: dt.date | None,
    global_conclusion: int | str | None,
    complementary_information: str = "",
    lines: list[ReceiptLine] | tuple = (),
    today: dt.date | None = None,
) -> ActionResult:
    """The consignee reports what arrived. Accepted (1, 2): the movement is discharged (« apuré »);
    refused (3) or partially refused (4): the consignor must change its destination."""
    today = today or timezone.localdate()
    role = _authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.REPORT_OF_RECEIPT, today=today
    )
    errors = _Errors()
    try:
        conclusion = int(global_conclusion)
    except (TypeError, ValueError):
        conclusion = None
    if conclusion not in lifecycle.GLOBAL_CONCLUSIONS:
        errors.add("global_conclusion", "Choisissez la conclusion de la réception.")
    if date_of_arrival is None:
        errors.add("date_of_arrival", "Saisissez la date d'arrivée des produits.")
    else:
        errors.extend(
            br023.check(date_of_arrival=date_of_arrival, today=today)
            or br056.check(date_of_arrival=date_of_arrival, dispatch_date=movement.dispatch_date)
        )
    complement = _text(complementary_information)
    if complement and len(complement) > 350:
        errors.add("complementary_information", "Le complément d'information ne dépasse pas 350 caractères.")

    by_reference = {line.body_record_unique_reference: line for line in movement.lines.all()}
    ead_lines = {reference: line.excise_product_code for reference, line in by_reference.items()}
    reported = [line for line in lines if not line.is_blank or line.reasons]
    bodies = []
    for line in reported:
        prefix = f"lines.{line.body_record_unique_reference}."
        unknown_line = br024.check(
            body_record_unique_reference=line.body_record_unique_reference,
            ead_lines=ead_lines,
            field=f"{prefix}indicator",
        )
        if unknown_line:
            errors.extend(unknown_line)
            continue
        goods = by_reference[line.body_record_unique_reference]
        indicator = (line.indicator or "").strip().upper()
        observed = refused = None
        try:
            observed = _quantity(line.observed_quantity)
        except ValueError as error:
            errors.add(f"{prefix}observed_quantity", str(error))
        try:
            refused = _quantity(line.refused_quantity)
        except ValueError as error:
            errors.add(f"{prefix}refused_quantity", str(error))
        if indicator and indicator not in INDICATORS:
            errors.add(f"{prefix}indicator", "Choisissez manquant ou excédent.")
        errors.extend(c067.check(indicator=indicator, observed=observed, prefix=prefix))
        errors.extend(c095.check(global_conclusion=conclusion, refused=refused, field=f"{prefix}refused_quantity"))
        errors.extend(
            br025.check(quantity=goods.quantity, indicator=indicator, observed=observed, refused=refused, prefix=prefix)
        )
        reasons = [reason for reason in line.reasons if reason.code not in (None, "")]
        errors.extend(c159.check(global_conclusion=conclusion, reasons=len(reasons), field=f"{prefix}reason_code"))
        if len(reasons) > MAX_REASONS:
            errors.add(f"{prefix}reason_code", "Neuf motifs au plus par ligne.")
        for reason in reasons:
            _check_reason(
                errors,
                list_code=codelists.UNSATISFACTORY_RECEIPT_REASONS,
                code=str(reason.code),
                complement=_text(reason.complementary_information),
                prefix=f"{prefix}reason_",
            )
        bodies.append(
            ie818.BodyReportOfReceiptExport(
                body_record_unique_reference=goods.body_record_unique_reference,
                indicator_of_shortage_or_excess=indicator or None,
                observed_shortage_or_excess=observed,
                excise_product_code=br024.excise_product_code(
                    body_record_unique_reference=goods.body_record_unique_reference, ead_lines=ead_lines
                ),
                refused_quantity=refused,
                unsatisfactory_reasons=[
                    ie818.UnsatisfactoryReason(
                        unsatisfactory_reason_code=str(reason.code),
                        complementary_information=_text(reason.complementary_information),
                        complementary_information_language=_language(_text(reason.complementary_information)),
                    )
                    for reason in reasons
                ],
            )
        )
    errors.extend(c140.check(global_conclusion=conclusion, lines_reported=len(reported)))
    errors.extend(
        c119.check(global_conclusion=conclusion, refused_quantities=[body.refused_quantity for body in bodies])
    )
    errors.raise_if_any()

    now = _now()
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    office = _office_of(number) if movement.destination_type_code != DestinationType.EXPORT else ""
    body = ie818.AcceptedOrRejectedReportOfReceiptExport(
        attributes=ie818.Attributes(date_and_time_of_validation_of_report_of_receipt_export=_naive(now)),
        consignee_trader=_consignee_trader(movement),
        excise_movement=_excise_movement(movement),
        delivery_place_trader=_delivery_place_trader(movement),
        destination_office=g.Office(reference_number=office) if office else None,
        report_of_receipt_export=ie818.ReportOfReceiptExport(
            date_of_arrival_of_excise_products=date_of_arrival,
            global_conclusion_of_receipt=conclusion,
            complementary_information=complement,
            complementary_information_language=_language(complement),
        ),
        body_report_of_receipt_exports=bodies,
    )
    event = _transition(
        movement,
        A.REPORT_OF_RECEIPT,
        actor=actor,
        role=role,
        payload=_payload(body, global_conclusion=conclusion),
        now=now,
        today=today,
    )
    return ActionResult(event=event, message=ie818.IE818(header=Header.new(), body=body))


# --------------------------------------------------------------------------------------------
# IE819 — alert or rejection


def movement_alert_or_reject(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    rejected: bool,
    reasons: list[Reason] | tuple = (),
    date: dt.date | None = None,
    today: dt.date | None = None,
) -> ActionResult:
    """The consignee warns (alert: the movement goes on) or refuses the e-AD before the goods
    arrive (rejection: the consignor must change the destination)."""
    today = today or timezone.localdate()
    role = _authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.ALERT_OR_REJECTION, today=today
    )
    errors = _Errors()
    date = date or today
    validated_on = timezone.localdate(movement.validated_at) if movement.validated_at else None
    if date > today:
        errors.add("date", "La date de l'alerte ou du refus ne peut pas être dans le futur.")
    elif validated_on and date < validated_on:
        errors.add("date", f"La date ne peut pas précéder la validation du document, le {validated_on:%d/%m/%Y}.")
    reasons = [reason for reason in reasons if reason.code not in (None, "")]
    errors.extend(c032.check(rejected=bool(rejected), reasons=len(reasons)))
    if len(reasons) > MAX_REASONS:
        errors.add("reason_code", "Neuf motifs au plus.")
    for reason in reasons:
        _check_reason(
            errors,
            list_code=codelists.ALERT_REJECTION_REASONS,
            code=str(reason.code),
            complement=_text(reason.complementary_information),
            prefix="reason_",
        )
    errors.raise_if_any()

    now = _now()
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    body = ie819.AlertOrRejectionOfEadEsad(
        attributes=ie819.Attributes(date_and_time_of_validation_of_alert_rejection=_naive(now)),
        consignee_trader=_consignee_trader(movement)
        if c116.consignee_applies(movement.destination_type_code)
        else None,
        excise_movement=_excise_movement(movement),
        destination_office=g.Office(reference_number=_office_of(number) or movement.dispatch_office_code),
        alert_or_rejection=ie819.AlertOrRejection(
            date_of_alert_or_rejection=date, ead_esad_rejected_flag=bool(rejected)
        ),
        reasons=[
            ie819.AlertOrRejectionOfEadEsadReason(
                alert_or_rejection_of_movement_reason_code=str(reason.code),
                complementary_information=_text(reason.complementary_information),
                complementary_information_language=_language(_text(reason.complementary_information)),
            )
            for reason in reasons
        ],
    )
    event = _transition(
        movement,
        A.ALERT_OR_REJECTION,
        actor=actor,
        role=role,
        payload=_payload(body, rejected=bool(rejected)),
        now=now,
        today=today,
    )
    return ActionResult(event=event, message=ie819.IE819(header=Header.new(), body=body))


# --------------------------------------------------------------------------------------------
# IE837 — explanation of a delay

SUBMITTER_TYPES = {CONSIGNOR: tc61.CONSIGNOR, CONSIGNEE: tc61.CONSIGNEE}
# TC73: what is late.
DELAY_OF_RECEIPT, DELAY_OF_DESTINATION = tc73.DELAY_OF_RECEIPT, tc73.DELAY_OF_DESTINATION
MESSAGE_ROLES = tc73.LABELS


def movement_explain_delay(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    explanation_code: str,
    complementary_information: str = "",
    message_role: int | str | None = None,
    today: dt.date | None = None,
) -> ActionResult:
    """Explain why the report of receipt (or the destination) is late; the status is kept."""
    today = today or timezone.localdate()
    role = _authorise(movement=movement, actor=actor, excise_number=excise_number, action=A.EXPLAIN_DELAY, today=today)
    errors = _Errors()
    complement = _text(complementary_information)
    _check_reason(
        errors,
        list_code=codelists.DELAY_REASONS,
        code=str(explanation_code or ""),
        complement=complement,
        prefix="explanation_",
    )
    if message_role in (None, ""):
        message_role = DELAY_OF_RECEIPT if role == CONSIGNEE else DELAY_OF_DESTINATION
    try:
        message_role = int(message_role)
    except (TypeError, ValueError):
        message_role = None
    errors.extend(tc73.check(message_role=message_role))
    errors.raise_if_any()

    now = _now()
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    body = ie837.ExplanationOnDelayForDelivery(
        attributes=ie837.Attributes(
            submitter_identification=number,
            submitter_type=SUBMITTER_TYPES[role],
            explanation_code=str(explanation_code),
            complementary_information=complement,
            complementary_information_language=_language(complement),
            message_role=message_role,
            date_and_time_of_validation_of_explanation_on_delay=_naive(now),
        ),
        excise_movement=_excise_movement(movement),
    )
    event = _transition(movement, A.EXPLAIN_DELAY, actor=actor, role=role, payload=_payload(body), now=now, today=today)
    return ActionResult(event=event, message=ie837.IE837(header=Header.new(), body=body))


# --------------------------------------------------------------------------------------------
# IE871 — explanation of a shortage or an excess


@dataclass(frozen=True)
class LineExplanation:
    body_record_unique_reference: int
    explanation: str = ""
    actual_quantity: Any = None

    @property
    def is_blank(self) -> bool:
        return not (self.explanation or "").strip() and self.actual_quantity in (None, "")


def last_receipt(movement: Movement) -> MovementEvent | None:
    """The latest report of receipt of the movement's current sequence, if any."""
    events = movement.events.filter(action=A.REPORT_OF_RECEIPT).order_by("-at", "-id")
    for event in events:
        sequence = (event.payload.get("excise_movement") or {}).get("sequence_number")
        if sequence in (None, movement.sequence_number):
            return event
    return None


def lines_with_difference(movement: Movement) -> list[int]:
    """BR041: the lines an explanation may concern, those the last report of receipt found short
    or in excess."""
    event = last_receipt(movement)
    if event is None:
        return []
    return br041.lines_found_different(event.payload.get("body_report_of_receipt_exports", []))


def movement_explain_shortage(
    *,
    movement: Movement,
    actor,
    excise_number: ExciseNumber | str,
    global_explanation: str = "",
    date_of_analysis: dt.date | None = None,
    lines: list[LineExplanation] | tuple = (),
    today: dt.date | None = None,
) -> ActionResult:
    """Explain a shortage or an excess found at receipt, as a whole and/or line by line."""
    today = today or timezone.localdate()
    role = _authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.EXPLAIN_SHORTAGE, today=today
    )
    errors = _Errors()
    explanation = _text(global_explanation)
    if explanation and len(explanation) > 350:
        errors.add("global_explanation", "L'explication ne dépasse pas 350 caractères.")
    date_of_analysis = date_of_analysis or today
    if date_of_analysis > today:
        errors.add("date_of_analysis", "La date de l'analyse ne peut pas être dans le futur.")
    by_reference = {line.body_record_unique_reference: line for line in movement.lines.all()}
    allowed = set(lines_with_difference(movement)) & set(by_reference)
    bodies = []
    for line in lines:
        if line.is_blank:
            continue
        prefix = f"lines.{line.body_record_unique_reference}."
        not_found_different = br041.check(
            body_record_unique_reference=line.body_record_unique_reference,
            found_different=allowed,
            field=f"{prefix}explanation",
        )
        if not_found_different:
            errors.extend(not_found_different)
            continue
        goods = by_reference[line.body_record_unique_reference]
        text = _text(line.explanation)
        if not text:
            errors.add(f"{prefix}explanation", "Saisissez l'explication de cette ligne.")
        elif len(text) > 350:
            errors.add(f"{prefix}explanation", "L'explication ne dépasse pas 350 caractères.")
        quantity = None
        try:
            quantity = _quantity(line.actual_quantity)
        except ValueError as error:
            errors.add(f"{prefix}actual_quantity", str(error))
        bodies.append(
            ie871.BodyAnalysis(
                excise_product_code=goods.excise_product_code,
                body_record_unique_reference=goods.body_record_unique_reference,
                explanation=text or "",
                explanation_language=LANGUAGE,
                actual_quantity=quantity,
            )
        )
    if not errors.by_field:  # C181 only once the lines are right: a wrong line is not « no line »
        errors.extend(c181.check(global_explanation=explanation, lines_explained=len(bodies)))
    errors.raise_if_any()

    now = _now()
    body = ie871.ExplanationOnReasonForShortage(
        attributes=ie871.Attributes(
            submitter_type=SUBMITTER_TYPES[role],
            date_and_time_of_validation_of_explanation_on_shortage=_naive(now),
        ),
        consignee_trader=_consignee_trader(movement) if c063.consignee_applies(SUBMITTER_TYPES[role]) else None,
        excise_movement=_excise_movement(movement),
        consignor_trader=_consignor_trader(movement) if c063.consignor_applies(SUBMITTER_TYPES[role]) else None,
        analysis=ie871.Analysis(
            date_of_analysis=date_of_analysis, global_explanation=explanation, global_explanation_language=LANGUAGE
        )
        if explanation
        else None,
        body_analyses=bodies,
    )
    event = _transition(
        movement, A.EXPLAIN_SHORTAGE, actor=actor, role=role, payload=_payload(body), now=now, today=today
    )
    return ActionResult(event=event, message=ie871.IE871(header=Header.new(), body=body))
