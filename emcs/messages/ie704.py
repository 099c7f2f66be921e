"""IE704 — generic refusal message: why a message was refused on business grounds, one
FunctionalError per fault (its TC49 error type, the reason, where, and the value received).

C150/C151: the refusal of an IE815 names its LRN and no ARC; the refusal of any other message
names the ARC and sequence number it was about and no LRN. ``emcs.answers.ie704_for`` builds it."""

# ruff: noqa: RUF009 - element(), group() … return dataclasses.field() carrying the XML binding

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from emcs.messages.binding import Header, build_message, element, group, groups, parse_message

CODE = "IE704"
BODY = "GenericRefusalMessage"

# TC49, functional error codes (``tcl:FunctionalErrorCodes``).
OTHER = 0  # only for intra-release migration issues
INCORRECT_CODE_VALUE = 12  # a value outside the applicable business code list
NOT_SUPPORTED_IN_THIS_POSITION = 15  # not allowed by the applicable rule(s) or condition(s)
DUPLICATE_DETECTED = 26  # the same interchange received again
UNKNOWN_ARC = 90
DUPLICATE_LRN = 91
MESSAGE_OUT_OF_SEQUENCE = 92  # the receiver is not in a proper state for the message
INVALID_ARC = 93  # the ARC's structure breaks R030
INVALID_FOLLOW_UP_CORRELATION_ID = 94
UNKNOWN_FOLLOW_UP_CORRELATION_ID = 95
ERROR_TYPES = {
    OTHER: "Autre",
    INCORRECT_CODE_VALUE: "Valeur (de code) incorrecte",
    NOT_SUPPORTED_IN_THIS_POSITION: "Non admis à cette position",
    DUPLICATE_DETECTED: "Doublon détecté",
    UNKNOWN_ARC: "ARC inconnu",
    DUPLICATE_LRN: "LRN en double",
    MESSAGE_OUT_OF_SEQUENCE: "Message hors séquence",
    INVALID_ARC: "ARC invalide",
    INVALID_FOLLOW_UP_CORRELATION_ID: "Identifiant de corrélation de suivi invalide",
    UNKNOWN_FOLLOW_UP_CORRELATION_ID: "Identifiant de corrélation de suivi inconnu",
}


@dataclass(kw_only=True)
class Attributes:
    administrative_reference_code: str | None = element("AdministrativeReferenceCode")
    sequence_number: int | None = element("SequenceNumber")
    local_reference_number: str | None = element("LocalReferenceNumber")


@dataclass(kw_only=True)
class FunctionalError:
    error_type: int = element("ErrorType", required=True)  # TC49
    error_reason: str = element("ErrorReason", required=True)
    error_location: str | None = element("ErrorLocation")  # an XPath into the refused message
    original_attribute_value: str | None = element("OriginalAttributeValue")


@dataclass(kw_only=True)
class GenericRefusalMessage:
    attributes: Attributes | None = group("Attributes")
    functional_errors: list[FunctionalError] = groups("FunctionalError")  # 1 to 999


@dataclass(kw_only=True)
class IE704:
    header: Header
    body: GenericRefusalMessage


def build(message: IE704) -> etree._Element:
    return build_message(CODE, message.header, BODY, message.body)


def parse(root: etree._Element) -> IE704:
    header, body = parse_message(root, CODE, BODY, GenericRefusalMessage)
    return IE704(header=header, body=body)
