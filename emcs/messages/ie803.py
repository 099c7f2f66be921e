"""IE803 — notification of a diverted e-AD/e-SAD, sent by the authority to the consignee a movement
no longer goes to: after a change of destination (NotificationType 1) or a splitting (2, with the
ARCs of the movements it was split into, C082). It says only which e-AD and which version
(the sequence number after the change, R255): nothing of where the goods now go."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, parse_message

CODE = "IE803"
BODY = "NotificationOfDivertedEADESAD"

# TC42 Notification Type.
CHANGE_OF_DESTINATION = 1
SPLITTING = 2


@dataclass(kw_only=True)
class ExciseNotification:
    notification_type: int = element("NotificationType", required=True)  # TC42
    notification_date_and_time: dt.datetime = element("NotificationDateAndTime", required=True)
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)


@dataclass(kw_only=True)
class DownstreamArc:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)


@dataclass(kw_only=True)
class NotificationOfDivertedEadEsad:
    excise_notification: ExciseNotification = group("ExciseNotification", required=True)
    downstream_arcs: list[DownstreamArc] = groups("DownstreamArc")  # a splitting's new ARCs (9 at most)


@dataclass(kw_only=True)
class IE803:
    header: Header
    body: NotificationOfDivertedEadEsad


def build(message: IE803) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE803:
    header, body = parse_message(root, CODE, BODY, NotificationOfDivertedEadEsad)
    return IE803(header=header, body=body)
