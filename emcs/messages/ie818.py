"""IE818 — report of receipt (or of export) by the consignee: the global conclusion and, per line,
the shortage or excess observed and the reasons."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, language_of, parse_message
from emcs.messages.groups import ConsigneeTrader, DeliveryPlaceTrader, ExciseMovement, Office

CODE = "IE818"
BODY = "AcceptedOrRejectedReportOfReceiptExport"


@dataclass(kw_only=True)
class Attributes:
    date_and_time_of_validation_of_report_of_receipt_export: dt.datetime | None = element(
        "DateAndTimeOfValidationOfReportOfReceiptExport"
    )


@dataclass(kw_only=True)
class ReportOfReceiptExport:
    date_of_arrival_of_excise_products: dt.date = element("DateOfArrivalOfExciseProducts", required=True)
    # 1 accepted, 2 accepted though unsatisfactory, 3 refused, 4 partially refused (21 to 23: export).
    global_conclusion_of_receipt: int = element("GlobalConclusionOfReceipt", required=True)
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class UnsatisfactoryReason:
    unsatisfactory_reason_code: str = element("UnsatisfactoryReasonCode", required=True)  # code list BC46
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class BodyReportOfReceiptExport:
    body_record_unique_reference: int = element("BodyRecordUniqueReference", required=True)
    indicator_of_shortage_or_excess: str | None = element("IndicatorOfShortageOrExcess")  # S shortage, E excess
    observed_shortage_or_excess: Decimal | None = element("ObservedShortageOrExcess")
    excise_product_code: str = element("ExciseProductCode", required=True)
    refused_quantity: Decimal | None = element("RefusedQuantity")
    unsatisfactory_reasons: list[UnsatisfactoryReason] = groups("UnsatisfactoryReason")


@dataclass(kw_only=True)
class AcceptedOrRejectedReportOfReceiptExport:
    attributes: Attributes = group("Attributes", required=True)
    consignee_trader: ConsigneeTrader = group("ConsigneeTrader", required=True)
    excise_movement: ExciseMovement = group("ExciseMovement", required=True)
    delivery_place_trader: DeliveryPlaceTrader | None = group("DeliveryPlaceTrader")
    destination_office: Office | None = group("DestinationOffice")
    report_of_receipt_export: ReportOfReceiptExport = group("ReportOfReceiptExport", required=True)
    body_report_of_receipt_exports: list[BodyReportOfReceiptExport] = groups("BodyReportOfReceiptExport")


@dataclass(kw_only=True)
class IE818:
    header: Header
    body: AcceptedOrRejectedReportOfReceiptExport


def build(message: IE818) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE818:
    header, body = parse_message(root, CODE, BODY, AcceptedOrRejectedReportOfReceiptExport)
    return IE818(header=header, body=body)
