"""IE837 — explanation of a delay for delivery, by the consignor or the consignee."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, language_of, parse_message
from emcs.messages.groups import ExciseMovement

CODE = "IE837"
BODY = "ExplanationOnDelayForDelivery"


@dataclass(kw_only=True)
class Attributes:
    submitter_identification: str = element("SubmitterIdentification", required=True)  # excise number
    submitter_type: int = element("SubmitterType", required=True)  # 1 consignor, 2 consignee
    explanation_code: str = element("ExplanationCode", required=True)  # code list BC51
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()
    message_role: int = element("MessageRole", required=True)  # 1 change of destination, 2 report of receipt
    date_and_time_of_validation_of_explanation_on_delay: dt.datetime | None = element(
        "DateAndTimeOfValidationOfExplanationOnDelay"
    )


@dataclass(kw_only=True)
class ExplanationOnDelayForDelivery:
    attributes: Attributes = group("Attributes", required=True)
    excise_movement: ExciseMovement = group("ExciseMovement", required=True)


@dataclass(kw_only=True)
class IE837:
    header: Header
    body: ExplanationOnDelayForDelivery


def build(message: IE837) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE837:
    header, body = parse_message(root, CODE, BODY, ExplanationOnDelayForDelivery)
    return IE837(header=header, body=body)
