"""IE810 — cancellation of an e-AD by its consignor, before the goods leave."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, language_of, parse_message

CODE = "IE810"
BODY = "CancellationOfEAD"


@dataclass(kw_only=True)
class Attributes:
    date_and_time_of_validation_of_cancellation: dt.datetime | None = element("DateAndTimeOfValidationOfCancellation")


@dataclass(kw_only=True)
class ExciseMovementEad:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)


@dataclass(kw_only=True)
class Cancellation:
    cancellation_reason_code: str = element("CancellationReasonCode", required=True)  # code list BC43
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )
    complementary_information_language: str | None = language_of()


@dataclass(kw_only=True)
class CancellationOfEad:
    attributes: Attributes = group("Attributes", required=True)
    excise_movement_ead: ExciseMovementEad = group("ExciseMovementEad", required=True)
    cancellation: Cancellation = group("Cancellation", required=True)


@dataclass(kw_only=True)
class IE810:
    header: Header
    body: CancellationOfEad


def build(message: IE810) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE810:
    header, body = parse_message(root, CODE, BODY, CancellationOfEad)
    return IE810(header=header, body=body)
