"""IE801 — e-AD / e-SAD: the validated movement, with its ARC, as sent to consignor and consignee."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, codes, element, group, groups, parse_message
from emcs.messages.groups import (
    BodyEadEsad,
    ComplementConsigneeTrader,
    ConsigneeTrader,
    ConsignorTrader,
    DeliveryPlaceTrader,
    DocumentCertificate,
    MovementGuarantee,
    Office,
    PlaceOfDispatchTrader,
    TransportDetails,
    TransportMode,
    TransportTrader,
)

CODE = "IE801"
BODY = "EADESADContainer"


@dataclass(kw_only=True)
class ExciseMovementEad:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    date_and_time_of_validation_of_ead_esad: dt.datetime = element("DateAndTimeOfValidationOfEadEsad", required=True)


@dataclass(kw_only=True)
class EadEsad:
    local_reference_number: str = element("LocalReferenceNumber", required=True)
    invoice_number: str = element("InvoiceNumber", required=True)
    invoice_date: dt.date | None = element("InvoiceDate")
    origin_type_code: int = element("OriginTypeCode", required=True)
    date_of_dispatch: dt.date = element("DateOfDispatch", required=True)
    time_of_dispatch: dt.time | None = element("TimeOfDispatch")
    upstream_arc: str | None = element("UpstreamArc")
    import_customs_declaration_numbers: list[str] = codes("ImportCustomsDeclaration", "ImportCustomsDeclarationNumber")


@dataclass(kw_only=True)
class HeaderEadEsad:
    sequence_number: int = element("SequenceNumber", required=True)
    date_and_time_of_update_validation: dt.datetime = element("DateAndTimeOfUpdateValidation", required=True)
    destination_type_code: int = element("DestinationTypeCode", required=True)
    journey_time: str = element("JourneyTime", required=True)
    transport_arrangement: int = element("TransportArrangement", required=True)


@dataclass(kw_only=True)
class EadEsadContainer:
    consignee_trader: ConsigneeTrader | None = group("ConsigneeTrader")
    excise_movement: ExciseMovementEad = group("ExciseMovement", required=True)
    consignor_trader: ConsignorTrader = group("ConsignorTrader", required=True)
    place_of_dispatch_trader: PlaceOfDispatchTrader | None = group("PlaceOfDispatchTrader")
    dispatch_import_office: Office | None = group("DispatchImportOffice")
    complement_consignee_trader: ComplementConsigneeTrader | None = group("ComplementConsigneeTrader")
    delivery_place_trader: DeliveryPlaceTrader | None = group("DeliveryPlaceTrader")
    delivery_place_customs_office: Office | None = group("DeliveryPlaceCustomsOffice")
    competent_authority_dispatch_office: Office = group("CompetentAuthorityDispatchOffice", required=True)
    transport_arranger_trader: TransportTrader | None = group("TransportArrangerTrader")
    first_transporter_trader: TransportTrader | None = group("FirstTransporterTrader")
    document_certificates: list[DocumentCertificate] = groups("DocumentCertificate")
    ead_esad: EadEsad = group("EadEsad", required=True)
    header_ead_esad: HeaderEadEsad = group("HeaderEadEsad", required=True)
    transport_mode: TransportMode = group("TransportMode", required=True)
    movement_guarantee: MovementGuarantee = group("MovementGuarantee", required=True)
    body_ead_esads: list[BodyEadEsad] = groups("BodyEadEsad")
    transport_details: list[TransportDetails] = groups("TransportDetails")


@dataclass(kw_only=True)
class IE801:
    header: Header
    body: EadEsadContainer


def build(message: IE801) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE801:
    header, body = parse_message(root, CODE, BODY, EadEsadContainer)
    return IE801(header=header, body=body)
