"""IE807 — interruption of a movement by the competent authority (a customs office), with its
reason (BC26) and the references of the control or event reports behind it."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, language_of, parse_message

CODE = "IE807"
BODY = "InterruptionOfMovement"


@dataclass(kw_only=True)
class Attributes:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    complementary_information: str | None = element(
        "ComplementaryInformation", language="complementary_information_language"
    )  # C143: required for the reason « Autre »
    complementary_information_language: str | None = language_of()
    date_and_time_of_issuance: dt.datetime = element("DateAndTimeOfIssuance", required=True)
    reason_for_interruption_code: str = element("ReasonForInterruptionCode", required=True)  # code list BC26
    reference_number_of_excise_office: str = element("ReferenceNumberOfExciseOffice", required=True)
    excise_officer_identification: str | None = element("ExciseOfficerIdentification")


@dataclass(kw_only=True)
class ReferenceControlReport:
    control_report_reference: str = element("ControlReportReference", required=True)


@dataclass(kw_only=True)
class ReferenceEventReport:
    event_report_number: str = element("EventReportNumber", required=True)


@dataclass(kw_only=True)
class InterruptionOfMovement:
    attributes: Attributes = group("Attributes", required=True)
    reference_control_reports: list[ReferenceControlReport] = groups("ReferenceControlReport")
    reference_event_reports: list[ReferenceEventReport] = groups("ReferenceEventReport")


@dataclass(kw_only=True)
class IE807:
    header: Header
    body: InterruptionOfMovement


def build(message: IE807) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE807:
    header, body = parse_message(root, CODE, BODY, InterruptionOfMovement)
    return IE807(header=header, body=body)
