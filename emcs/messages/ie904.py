"""IE904 — status request: a trader (or its EDI provider) asks where a movement stands; the answer
is an IE905 (``emcs.answers.ie905_for``)."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, parse_message

CODE = "IE904"
BODY = "StatusRequest"

# StatusRequestMessageType (tcl.xsd).
STATUS_SYNCHRONISATION = 1
MOVEMENT_HISTORY = 2


@dataclass(kw_only=True)
class Attributes:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)
    status: str = element("Status", required=True)  # TC50, as the requester knows it: X01 …
    last_received_message_type: str = element("LastReceivedMessageType", required=True)  # TC64: IE801 … or None
    status_request_message_type: int | None = element("StatusRequestMessageType")
    national_movement_information_requested_flag: bool = element(
        "NationalMovementInformationRequestedFlag", required=True
    )


@dataclass(kw_only=True)
class StatusRequest:
    attributes: Attributes = group("Attributes", required=True)


@dataclass(kw_only=True)
class IE904:
    header: Header
    body: StatusRequest


def build(message: IE904) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE904:
    header, body = parse_message(root, CODE, BODY, StatusRequest)
    return IE904(header=header, body=body)
