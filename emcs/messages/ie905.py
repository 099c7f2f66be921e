"""IE905 — status response: the movement's status (TC50) and the last message of it the
authority holds (TC64), in answer to an IE904 (its MessageIdentifier as CorrelationIdentifier)."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, parse_message

CODE = "IE905"
BODY = "StatusResponse"


@dataclass(kw_only=True)
class Attributes:
    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)
    status: str = element("Status", required=True)  # TC50: X01 accepted … X15
    last_received_message_type: str = element("LastReceivedMessageType", required=True)  # TC64: IE801 … or None


@dataclass(kw_only=True)
class StatusResponse:
    attributes: Attributes = group("Attributes", required=True)


@dataclass(kw_only=True)
class IE905:
    header: Header
    body: StatusResponse


def build(message: IE905) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE905:
    header, body = parse_message(root, CODE, BODY, StatusResponse)
    return IE905(header=header, body=body)
