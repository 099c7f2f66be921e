"""IE802 — reminder for an excise movement, sent by the authority to the trader who must act: at
expiry of the time to change destination (1), to send the report of receipt or export (2), or to
give destination information (3, duty suspension only: R262). ``LimitDateAndTime`` is the limit
that has passed; the ARC and the sequence number name the e-AD's version reminded."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, language_of, parse_message

CODE = "IE802"
BODY = "ReminderMessageForExciseMovement"

# TC48 Reminder Message Type.
CHANGE_OF_DESTINATION = 1
REPORT_OF_RECEIPT = 2  # « at expiry of time to send the report of receipt/export »
DESTINATION_INFORMATION = 3


@dataclass(kw_only=True)
class Attributes:
    date_and_time_of_issuance_of_reminder: dt.datetime = element("DateAndTimeOfIssuanceOfReminder", required=True)
    reminder_information: str | None = element("ReminderInformation", language="reminder_information_language")
    reminder_information_language: str | None = language_of()
    limit_date_and_time: dt.datetime = element("LimitDateAndTime", required=True)
    reminder_message_type: int = element("ReminderMessageType", required=True)  # TC48


@dataclass(kw_only=True)
class ExciseMovement:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)


@dataclass(kw_only=True)
class ReminderMessageForExciseMovement:
    attributes: Attributes = group("Attributes", required=True)
    excise_movement: ExciseMovement = group("ExciseMovement", required=True)


@dataclass(kw_only=True)
class IE802:
    header: Header
    body: ReminderMessageForExciseMovement


def build(message: IE802) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE802:
    header, body = parse_message(root, CODE, BODY, ReminderMessageForExciseMovement)
    return IE802(header=header, body=body)
