"""IE871 — explanation of a shortage or excess, by the consignor or the consignee, after receipt."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, language_of, parse_message
from emcs.messages.groups import ConsigneeTrader, ConsignorTrader, ExciseMovement

CODE = "IE871"
BODY = "ExplanationOnReasonForShortage"


@dataclass(kw_only=True)
class Attributes:
    submitter_type: int = element("SubmitterType", required=True)  # 1 consignor, 2 consignee
    date_and_time_of_validation_of_explanation_on_shortage: dt.datetime | None = element(
        "DateAndTimeOfValidationOfExplanationOnShortage"
    )


@dataclass(kw_only=True)
class Analysis:
    date_of_analysis: dt.date = element("DateOfAnalysis", required=True)
    global_explanation: str = element("GlobalExplanation", language="global_explanation_language", required=True)
    global_explanation_language: str | None = language_of()


@dataclass(kw_only=True)
class BodyAnalysis:
    excise_product_code: str = element("ExciseProductCode", required=True)
    body_record_unique_reference: int = element("BodyRecordUniqueReference", required=True)
    explanation: str = element("Explanation", language="explanation_language", required=True)
    explanation_language: str | None = language_of()
    actual_quantity: Decimal | None = element("ActualQuantity")


@dataclass(kw_only=True)
class ExplanationOnReasonForShortage:
    attributes: Attributes = group("Attributes", required=True)
    consignee_trader: ConsigneeTrader | None = group("ConsigneeTrader")
    excise_movement: ExciseMovement = group("ExciseMovement", required=True)
    consignor_trader: ConsignorTrader | None = group("ConsignorTrader")
    analysis: Analysis | None = group("Analysis")
    body_analyses: list[BodyAnalysis] = groups("BodyAnalysis")


@dataclass(kw_only=True)
class IE871:
    header: Header
    body: ExplanationOnReasonForShortage


def build(message: IE871) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE871:
    header, body = parse_message(root, CODE, BODY, ExplanationOnReasonForShortage)
    return IE871(header=header, body=body)
