"""IE813: the consignor changes the destination of a movement — a new destination type, consignee and
place of delivery; the sequence number goes up by one (R059). In the same transaction: the IE813
goes to the new consignee; the consignee it leaves gets the diversion notice (IE803,
NotificationType 1), not the IE813 (``gamma.feed.recipients_of`` says why); the updated IE801 (the
new sequence number, consignee and place) goes to the consignor and the new consignee. The change
may also give a new transport arranger, transporter, guarantee, transport mode and transport units
(``gamma.actions.transport_change``), which the updated IE801 then carries."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from emcs.messages import groups as g
from emcs.messages import ie803, ie813
from emcs.messages.binding import Header
from gamma import feed, mapping
from gamma import messages as stored_messages
from gamma.actions import common, transport_change
from gamma.actions.common import ActionResult
from gamma.models import (
    DestinationType,
    Movement,
    MovementAction,
    MovementEvent,
    MovementKind,
    MovementMessage,
    MovementTrader,
    TraderRole,
)
from gamma.rules import c010, c165, r054, r059, r259
from identifiers import customs_office, excise
from identifiers import trader as trader_identifier
from identifiers.exceptions import InvalidIdentifier
from register.models import ExciseNumber

A = MovementAction


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


CONSIGNEE_EXCISE_NUMBER_MISSING = "Saisissez le numéro d'accise du nouveau destinataire."  # C010


def destination_type_choices(kind: str) -> list[tuple[int, str]]:
    return [(code, f"{code} — {DestinationType(code).label}") for code in DESTINATION_TYPES[kind]]


def _check_trader(errors: common.Errors, trader: TraderInput, prefix: str, *, name_required: bool = True) -> None:
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


def _destination(errors: common.Errors, movement: Movement, destination_type_code: int | str | None) -> int | None:
    """The new destination type, one of those a movement of this kind may take (R259)."""
    try:
        destination = int(destination_type_code)
    except (TypeError, ValueError):
        destination = None
    if destination not in DESTINATION_TYPES[movement.kind]:
        errors.add("destination_type_code", "Choisissez un type de destination de la liste.")
        for error in r259.check(kind=movement.kind, destination_type_code=destination):
            errors.by_field["destination_type_code"] = [f"{error.message} ({error.code})"]
    return destination


def _new_consignee(
    errors: common.Errors, movement: Movement, destination: int | None, consignee: TraderInput
) -> TraderInput:
    """The new consignee as typed, its identification checked (C010); the consignor itself for a
    return to the place of dispatch."""
    if destination == DestinationType.RETURN_TO_PLACE_OF_DISPATCH:
        consignor_row = common.traders(movement).get(TraderRole.CONSIGNOR)
        if consignor_row is None:
            errors.add("destination_type_code", "L'expéditeur du mouvement est inconnu : retour impossible.")
            return consignee
        return TraderInput(
            traderid=consignor_row.trader_excise_number,
            name=consignor_row.trader_name,
            street_name=consignor_row.street_name,
            street_number=consignor_row.street_number,
            postcode=consignor_row.postcode,
            city=consignor_row.city,
        )
    if destination is None:
        return consignee
    _check_trader(errors, consignee, "consignee_")
    # C010: an excise number where the destination type requires one (a DSA's as a DAES's), any
    # trader identification where it is optional.
    excise_number_required = destination in c010.REQUIRED_FOR
    if excise_number_required and not consignee.traderid:
        errors.add("consignee_traderid", CONSIGNEE_EXCISE_NUMBER_MISSING)
    elif consignee.traderid:
        validate = excise.validate_seed if excise_number_required else trader_identifier.validate
        try:
            consignee = dataclasses.replace(consignee, traderid=validate(consignee.traderid))
        except InvalidIdentifier as error:
            errors.add("consignee_traderid", error.message)
    return consignee


def _delivery_place(errors: common.Errors, destination: int | None, place: TraderInput) -> TraderInput:
    """The new place of delivery, checked where C165 requires one or one is given."""
    if not c165.place_applies(destination, given=not place.is_blank):
        return place
    _check_trader(errors, place, "delivery_place_", name_required=destination != 1)
    if destination == DestinationType.TAX_WAREHOUSE:
        if not place.traderid:
            errors.add("delivery_place_traderid", "Saisissez la référence de l'entrepôt fiscal de livraison.")
            return place
        validate = excise.validate_seed
    elif place.traderid:
        validate = trader_identifier.validate
    else:
        return place
    try:
        return dataclasses.replace(place, traderid=validate(place.traderid))
    except InvalidIdentifier as error:
        errors.add("delivery_place_traderid", error.message)
        return place


def _export_office(errors: common.Errors, destination: int | None, delivery_office_code: str) -> str:
    """The office of export, required for an export (C165)."""
    office = (delivery_office_code or "").strip().upper()
    missing = c165.check_office(destination_type_code=destination, office=office)
    errors.extend(missing)
    if c165.office_applies(destination) and not missing:
        try:
            return customs_office.validate(office)
        except InvalidIdentifier as error:
            errors.add("delivery_office_code", error.message)
    return office


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
    transport: transport_change.TransportChange | None = None,
    today: dt.date | None = None,
) -> ActionResult:
    """Send the goods elsewhere: new destination type, consignee and place of delivery; the
    sequence number goes up by one (R059). A DAES returns to its place of dispatch with type 11,
    the consignor then being its own consignee. ``transport``: what changes in the transport too
    (arrangement and arranger, transporter, guarantee, mode, units: ``transport_change``)."""
    today = today or timezone.localdate()
    role = common.authorise(
        movement=movement, actor=actor, excise_number=excise_number, action=A.CHANGE_DESTINATION, today=today
    )
    errors = common.Errors()
    destination = _destination(errors, movement, destination_type_code)
    consignee = _new_consignee(errors, movement, destination, _clean_trader(consignee))
    place = _delivery_place(errors, destination, _clean_trader(delivery_place))
    office = _export_office(errors, destination, delivery_office_code)
    journey = (journey_time or "").strip().upper()
    checked_transport = transport_change.check(errors, movement, transport)
    mode = checked_transport.mode or movement.transport_mode_code
    for error in r054.check(journey_time=journey, transport_mode_code=mode):
        errors.add("journey_time", f"{error.message} ({error.code})")
    errors.extend(r059.check(sequence_number=movement.sequence_number))
    errors.raise_if_any()

    change = _Change(
        destination=destination,
        consignee=consignee,
        place=place if c165.place_applies(destination, given=not place.is_blank) else None,
        office=office if c165.office_applies(destination) else "",
        journey=journey,
        transport=checked_transport,
        sequence=r059.next_sequence_number(movement.sequence_number),
        at=common.now(),
    )
    previous_consignee = movement.consignee_identifier
    emcs = movement.kind in common.EMCS_KINDS  # a DSA is national: no IE801 to update, no IE803
    return common.transition(
        movement,
        A.CHANGE_DESTINATION,
        actor=actor,
        role=role,
        message_class=ie813.IE813,
        body=_body(movement, change),
        now=change.at,
        today=today,
        then=lambda: _apply(movement, change),
        diversion_notice=(lambda event: _store_diversion_notice(movement, event, change, previous_consignee))
        if emcs
        else None,
        updated_ie801=(lambda event: _store_updated_ie801(movement, event, at=change.at)) if emcs else None,
    )


@dataclass(frozen=True)
class _Change:
    """A change of destination once checked: what the message says and the movement becomes."""

    destination: int
    consignee: TraderInput
    place: TraderInput | None  # None where C165 says it does not apply, or none was given
    office: str  # the office of export, "" but for an export
    journey: str  # "" keeps the movement's journey time
    transport: transport_change.CheckedTransport
    sequence: int
    at: dt.datetime


def _body(movement: Movement, change: _Change) -> ie813.ChangeOfDestination:
    consignee, place = change.consignee, change.place
    transport = transport_change.body_parts(change.transport)
    return ie813.ChangeOfDestination(
        attributes=ie813.Attributes(date_and_time_of_validation_of_change_of_destination=common.naive(change.at)),
        new_transport_arranger_trader=transport["new_transport_arranger_trader"],
        update_ead_esad=ie813.UpdateEadEsad(
            administrative_reference_code=movement.arc,
            journey_time=change.journey or None,
            sequence_number=change.sequence,
            **transport["update"],
        ),
        destination_changed=ie813.DestinationChanged(
            destination_type_code=change.destination,
            new_consignee_trader=g.ConsigneeTrader(
                language=common.LANGUAGE,
                traderid=consignee.traderid or None,
                trader_name=consignee.name,
                street_name=consignee.street_name,
                street_number=consignee.street_number or None,
                postcode=consignee.postcode,
                city=consignee.city,
            ),
            delivery_place_trader=g.DeliveryPlaceTrader(
                language=common.LANGUAGE,
                traderid=place.traderid or None,
                trader_name=place.name or None,
                street_name=place.street_name or None,
                street_number=place.street_number or None,
                postcode=place.postcode or None,
                city=place.city or None,
            )
            if place
            else None,
            delivery_place_customs_office=g.Office(reference_number=change.office) if change.office else None,
            movement_guarantee=transport["movement_guarantee"],
        ),
        new_transporter_trader=transport["new_transporter_trader"],
        transport_details=transport["transport_details"],
    )


def _store_diversion_notice(
    movement: Movement, event: MovementEvent, change: _Change, previous_consignee: str
) -> MovementMessage | None:
    """The IE803 telling the consignee the change leaves that this e-AD, at its new sequence
    number (R255), is no longer his to receive; published to his feed (a French excise number).
    None when the movement had no consignee identified, or keeps the same one (only the place or
    the destination type changed: he receives the updated IE801)."""
    if not previous_consignee or previous_consignee == movement.consignee_identifier:
        return None
    notice = ie803.IE803(
        header=Header.new(at=change.at),
        body=ie803.NotificationOfDivertedEadEsad(
            excise_notification=ie803.ExciseNotification(
                notification_type=ie803.CHANGE_OF_DESTINATION,
                notification_date_and_time=common.naive(change.at),
                administrative_reference_code=movement.arc,
                sequence_number=change.sequence,
            )
        ),
    )
    return stored_messages.store(
        notice,
        movement=movement,
        event=event,
        recipients=feed.recipients_of(movement, "IE803", previous_consignee=previous_consignee),
    )


def _store_updated_ie801(movement: Movement, event: MovementEvent, *, at: dt.datetime) -> MovementMessage:
    """The IE801 as the change left the movement (sequence number + 1, new consignee and place),
    stored with the change's event and published to the consignor and the new consignee: the
    movement's page and its printed copy read it (``gamma.messages.show_stored_ie801``)."""
    return stored_messages.store(
        mapping.ie801_message(movement, header=Header.new(at=at)),
        movement=movement,
        event=event,
        recipients=feed.recipients_of(movement, "IE801"),
    )


def _apply(movement: Movement, change: _Change) -> None:
    """The movement's new destination, consignee and place of delivery, and its transport as the
    change leaves it (in the transition's transaction)."""
    movement.destination_type_code = change.destination
    movement.consignee_identifier = change.consignee.traderid
    movement.sequence_number = change.sequence
    movement.validation_updated_at = change.at
    movement.delivery_place_customs_office_code = change.office
    if change.journey:
        movement.journey_time = change.journey
    transported = transport_change.apply(movement, change.transport)
    movement.save(
        update_fields=[
            *transported,
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
    rows = [(TraderRole.CONSIGNEE, change.consignee), (TraderRole.DELIVERY_PLACE, change.place)]
    for role, trader in rows:
        if trader is None:
            continue
        MovementTrader.objects.create(
            movement=movement,
            role=role,
            traderid=trader.traderid,
            trader_name=trader.name,
            street_name=trader.street_name,
            street_number=trader.street_number,
            postcode=trader.postcode,
            city=trader.city,
            language=common.LANGUAGE,
        )
