"""IE813 — change of destination by the consignor (the movement's sequence number goes up by one)."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, language_of, parse_message
from emcs.messages.groups import (
    ConsigneeTrader,
    DeliveryPlaceTrader,
    MovementGuarantee,
    Office,
    TransportDetails,
    TransportTrader,
)

CODE = "IE813"
BODY = "ChangeOfDestination"


@dataclass(kw_only=True)
class Attributes:
    date_and_time_of_validation_of_change_of_destination: dt.datetime | None = element(
        "DateAndTimeOfValidationOfChangeOfDestination"
    )


@dataclass(kw_only=True)
class UpdateEadEsad:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    journey_time: str | None = element("JourneyTime")
    changed_transport_arrangement: int | None = element("ChangedTransportArrangement")
    sequence_number: int | None = element("SequenceNumber")
    invoice_date: dt.date | None = element("InvoiceDate")
    invoice_number: str | None = element("InvoiceNumber")
    transport_mode_code: str | None = element("TransportModeCode")
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class DestinationChanged:
    destination_type_code: int = element("DestinationTypeCode", required=True)
    new_consignee_trader: ConsigneeTrader | None = group("NewConsigneeTrader")
    delivery_place_trader: DeliveryPlaceTrader | None = group("DeliveryPlaceTrader")
    delivery_place_customs_office: Office | None = group("DeliveryPlaceCustomsOffice")
    movement_guarantee: MovementGuarantee | None = group("MovementGuarantee")


@dataclass(kw_only=True)
class ChangeOfDestination:
    attributes: Attributes = group("Attributes", required=True)
    new_transport_arranger_trader: TransportTrader | None = group("NewTransportArrangerTrader")
    update_ead_esad: UpdateEadEsad = group("UpdateEadEsad", required=True)
    destination_changed: DestinationChanged = group("DestinationChanged", required=True)
    new_transporter_trader: TransportTrader | None = group("NewTransporterTrader")
    transport_details: list[TransportDetails] = groups("TransportDetails")


@dataclass(kw_only=True)
class IE813:
    header: Header
    body: ChangeOfDestination


def build(message: IE813) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE813:
    header, body = parse_message(root, CODE, BODY, ChangeOfDestination)
    return IE813(header=header, body=body)
