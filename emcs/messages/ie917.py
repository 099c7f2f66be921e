"""IE917 — negative acknowledgement of XML receipt: a message refused before its content is read
(not well-formed, unsafe, of another version, or not valid against its schema), one XmlError per
fault with its line and column in the message received. ``emcs.answers.ie917_for`` builds it."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, parse_message

CODE = "IE917"
BODY = "XmlNegativeAcknowledgement"


@dataclass(kw_only=True)
class Attributes:
    """The movement the refused message was about, when known (both required together)."""

    administrative_reference_code: str = element("AdministrativeReferenceCode", required=True)
    sequence_number: int = element("SequenceNumber", required=True)


@dataclass(kw_only=True)
class XmlError:
    error_line_number: int = element("ErrorLineNumber", required=True)  # 0 when unknown
    error_column_number: int = element("ErrorColumnNumber", required=True)  # 0 when unknown
    error_reason: str = element("ErrorReason", required=True)
    error_location: str | None = element("ErrorLocation")
    original_attribute_value: str | None = element("OriginalAttributeValue")


@dataclass(kw_only=True)
class XmlNegativeAcknowledgement:
    attributes: Attributes | None = group("Attributes")
    xml_errors: list[XmlError] = groups("XmlError")  # 1 to 999


@dataclass(kw_only=True)
class IE917:
    header: Header
    body: XmlNegativeAcknowledgement


def build(message: IE917) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE917:
    header, body = parse_message(root, CODE, BODY, XmlNegativeAcknowledgement)
    return IE917(header=header, body=body)
