"""The portal's answers to a message it received: IE917 when the XML is refused, IE704 when its
content breaks business rules, IE905 to a status request (IE904).

    try:
        root = emcs.xml.parse_and_validate(data)
    except emcs.xml.InvalidMessage as error:
        answer = ie917_for(error, data=data)             # line, column, path, the reason in French
    ...
    answer = ie704_for(faults, correlation_identifier=received.header.message_identifier,
                       local_reference_number=lrn)     # one FunctionalError per Fault

Each answer's header correlates it with the message received (TR9121: its MessageIdentifier as
CorrelationIdentifier) and is addressed to that message's sender. The answers are dataclasses of
``emcs.messages``; ``emcs.messages.build`` writes them, and every one this module builds is valid
against its V3.23 schema whatever it is given (texts cut to the schema's 350 characters, at most
999 errors). ``gamma.xpaths.faults`` turns the rules' errors on a draft into ``Fault``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from emcs import xml
from emcs.messages import ie704, ie905, ie917
from emcs.messages.binding import Header, collapse

NATIONAL_DOMAIN = "NDEA.FR"
MAX_TEXT = 350  # ErrorReason, ErrorLocation, OriginalAttributeValue: .{1,350}
MAX_IDENTIFIER = 44  # MessageIdentifier, CorrelationIdentifier: .{1,44}
HEADER_SCAN_BYTES = 64 * 1024  # the header is at the top: a refused message is not read further
_PARTY = re.compile(r"CSMISE\.EC|SEED\.EC|NDEA\.[A-Z]{2}")  # tms:MessageSenderType / MessageRecipientType


@dataclass(frozen=True)
class Fault:
    """One business fault of a message received, as an IE704 says it."""

    code: str  # the rule's or condition's official code (``R044``), or "" for a plain missing field
    message: str  # French, as the web form shows it
    location: str | None = None  # XPath into the message received
    value: str | None = None  # the value received there, as text
    error_type: int = ie704.NOT_SUPPORTED_IN_THIS_POSITION  # TC49

    @property
    def reason(self) -> str:
        """``[R044] Le numéro d'accise …``: the rule code first, so software can read it."""
        return f"[{self.code}] {self.message}" if self.code else self.message


@dataclass(frozen=True)
class Received:
    """What a refusal needs of the message received: who sent it and under which identifier."""

    message_identifier: str | None = None
    message_sender: str | None = None


def text(value: object, limit: int = MAX_TEXT) -> str | None:
    """``value`` as an EMCS token of at most ``limit`` characters (cut with « … »), None if empty."""
    if value is None:
        return None
    collapsed = collapse(str(value))
    if not collapsed:
        return None
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1] + "…"


def received_header(data: bytes | None) -> Received:
    """The MessageIdentifier and MessageSender of a message received, read from its first bytes
    even when it is not well-formed, of another version, or invalid (a recovering parse, as safe as
    ``emcs.xml.parse``); what is missing or does not fit the schema's types is None."""
    if not data or not isinstance(data, bytes | bytearray):
        return Received()
    root = xml.read_leniently(data[:HEADER_SCAN_BYTES])
    if root is None:
        return Received()
    sender = collapse(root.findtext("{*}Header/{*}MessageSender"))
    return Received(
        message_identifier=_identifier(root.findtext("{*}Header/{*}MessageIdentifier")),
        message_sender=sender if _PARTY.fullmatch(sender) else None,
    )


def _identifier(value: str | None) -> str | None:
    """An identifier as received, if it fits the header's type (never cut: it would name another)."""
    collapsed = collapse(value) if value is not None else ""
    return collapsed if 0 < len(collapsed) <= MAX_IDENTIFIER else None


def _header(
    *, correlation_identifier: str | None, recipient: str | None, sender: str, at: dt.datetime | None
) -> Header:
    return Header.new(
        sender=sender,
        recipient=recipient if recipient and _PARTY.fullmatch(recipient) else NATIONAL_DOMAIN,
        correlation_identifier=_identifier(correlation_identifier),
        at=at,
    )


def ie917_for(
    error: xml.InvalidMessage,
    *,
    data: bytes | None = None,
    original_message_identifier: str | None = None,
    recipient: str | None = None,
    sender: str = NATIONAL_DOMAIN,
    administrative_reference_code: str | None = None,
    sequence_number: int | None = None,
    at: dt.datetime | None = None,
) -> ie917.IE917:
    """The IE917 refusing a message as XML: one XmlError per fault of ``error`` (line, column, the
    element's XPath, the reason in French, the value received).

    The correlation identifier and the recipient are the received message's MessageIdentifier and
    MessageSender, read from ``data`` unless given; the ARC and sequence number (both or neither)
    name the movement a follow-up message was about."""
    received = received_header(data)
    details = list(error.details)
    if not details:
        details = [xml.XmlError(line=0, column=0, path="", message=line) for line in error.errors]
    if not details:
        details = [xml.XmlError(line=0, column=0, path="", message=str(error))]
    attributes = None
    if administrative_reference_code and sequence_number:
        attributes = ie917.Attributes(
            administrative_reference_code=administrative_reference_code, sequence_number=sequence_number
        )
    return ie917.IE917(
        header=_header(
            correlation_identifier=original_message_identifier or received.message_identifier,
            recipient=recipient or received.message_sender,
            sender=sender,
            at=at,
        ),
        body=ie917.XmlNegativeAcknowledgement(
            attributes=attributes,
            xml_errors=[
                ie917.XmlError(
                    error_line_number=max(detail.line, 0),
                    error_column_number=max(detail.column, 0),
                    error_reason=text(detail.french) or text(str(error)) or "Message refusé.",
                    error_location=text(detail.path),
                    original_attribute_value=text(detail.value),
                )
                for detail in details[: xml.MAX_ERRORS]
            ],
        ),
    )


def ie704_for(
    faults: Iterable[Fault],
    *,
    correlation_identifier: str | None,
    recipient: str | None = None,
    sender: str = NATIONAL_DOMAIN,
    local_reference_number: str | None = None,
    administrative_reference_code: str | None = None,
    sequence_number: int | None = None,
    at: dt.datetime | None = None,
) -> ie704.IE704:
    """The IE704 refusing a message on business grounds, one FunctionalError per fault (the first
    999). C151/C150: the refusal of an IE815 gives its ``local_reference_number``; that of a
    follow-up message the ``administrative_reference_code`` and ``sequence_number`` instead."""
    errors = [
        ie704.FunctionalError(
            error_type=fault.error_type,
            error_reason=text(fault.reason) or "Message refusé.",
            error_location=text(fault.location),
            original_attribute_value=text(fault.value),
        )
        for fault in list(faults)[: xml.MAX_ERRORS]
    ]
    if not errors:
        raise ValueError("An IE704 refuses for at least one fault.")
    attributes = ie704.Attributes(
        administrative_reference_code=administrative_reference_code or None,
        sequence_number=sequence_number or None,
        local_reference_number=text(local_reference_number, 22),
    )
    return ie704.IE704(
        header=_header(correlation_identifier=correlation_identifier, recipient=recipient, sender=sender, at=at),
        body=ie704.GenericRefusalMessage(
            attributes=attributes if any(vars(attributes).values()) else None, functional_errors=errors
        ),
    )


def ie905_for(
    *,
    administrative_reference_code: str,
    sequence_number: int,
    status: str,
    last_received_message_type: str,
    correlation_identifier: str | None,
    recipient: str | None = None,
    sender: str = NATIONAL_DOMAIN,
    at: dt.datetime | None = None,
) -> ie905.IE905:
    """The IE905 answering a status request: ``status`` a TC50 code (``gamma.models.IE905_CODES``
    gives a movement's), ``last_received_message_type`` a TC64 one (``IE801`` …, or ``None``)."""
    return ie905.IE905(
        header=_header(correlation_identifier=correlation_identifier, recipient=recipient, sender=sender, at=at),
        body=ie905.StatusResponse(
            attributes=ie905.Attributes(
                administrative_reference_code=administrative_reference_code,
                sequence_number=sequence_number,
                status=status,
                last_received_message_type=last_received_message_type,
            )
        ),
    )
