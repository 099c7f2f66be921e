"""IE815 — submitted draft of e-AD / e-SAD: what a consignor sends to have its movement validated."""

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

CODE = "IE815"
BODY = "SubmittedDraftOfEADESAD"


@dataclass(kw_only=True)
class Attributes:
    submission_message_type: int = element("SubmissionMessageType", required=True)
    deferred_submission_flag: bool | None = element("DeferredSubmissionFlag")


@dataclass(kw_only=True)
class HeaderEadEsad:
    destination_type_code: int = element("DestinationTypeCode", required=True)
    journey_time: str = element("JourneyTime", required=True)
    transport_arrangement: int = element("TransportArrangement", required=True)


@dataclass(kw_only=True)
class EadEsadDraft:
    local_reference_number: str = element("LocalReferenceNumber", required=True)
    invoice_number: str = element("InvoiceNumber", required=True)
    invoice_date: dt.date | None = element("InvoiceDate")
    origin_type_code: int = element("OriginTypeCode", required=True)
    date_of_dispatch: dt.date = element("DateOfDispatch", required=True)
    time_of_dispatch: dt.time | None = element("TimeOfDispatch")
    import_customs_declaration_numbers: list[str] = codes("ImportCustomsDeclaration", "ImportCustomsDeclarationNumber")


@dataclass(kw_only=True)
class SubmittedDraftOfEadEsad:
    attributes: Attributes = group("Attributes", required=True)
    consignee_trader: ConsigneeTrader | None = group("ConsigneeTrader")
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
    header_ead_esad: HeaderEadEsad = group("HeaderEadEsad", required=True)
    transport_mode: TransportMode = group("TransportMode", required=True)
    movement_guarantee: MovementGuarantee = group("MovementGuarantee", required=True)
    body_ead_esads: list[BodyEadEsad] = groups("BodyEadEsad")
    ead_esad_draft: EadEsadDraft = group("EadEsadDraft", required=True)
    transport_details: list[TransportDetails] = groups("TransportDetails")


@dataclass(kw_only=True)
class IE815:
    header: Header
    body: SubmittedDraftOfEadEsad


def build(message: IE815) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE815:
    header, body = parse_message(root, CODE, BODY, SubmittedDraftOfEadEsad)
    return IE815(header=header, body=body)
