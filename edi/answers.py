"""The channels' answers as ``edi.service.Answer``: a refusal's faults located in the message
received (XPath, value found there), and the XML of each answer — the IE917, IE704 and IE905 built
by ``emcs.answers``, the IE801 of a validation, the acknowledgement of a follow-up message.

This module builds no EMCS message itself: it places the faults and hands them to the builders.
Where a draft's field lies in an IE815 is ``gamma.xpaths``' answer; every answer is serialised by
``gamma.messages.serialise``, so it is valid against its V3.23 schema or not sent (a portal bug,
logged: the refusal then goes as a problem document with the same faults)."""

from __future__ import annotations

import logging
import re
from typing import Any

from lxml import etree

from emcs import answers as emcs_answers
from emcs import xml
from emcs.messages import ie704
from gamma import messages as gamma_messages
from gamma import xpaths
from gamma.models import Movement
from gamma.rules.base import RuleError

logger = logging.getLogger(__name__)

# TC49, the functional error types of an IE704 FunctionalError.
OTHER = ie704.OTHER  # the portal could not build its own message: no rule of the message's
NOT_SUPPORTED = ie704.NOT_SUPPORTED_IN_THIS_POSITION  # not allowed by the applicable rule(s) or condition(s)
UNKNOWN_ARC = ie704.UNKNOWN_ARC
OUT_OF_SEQUENCE = ie704.MESSAGE_OUT_OF_SEQUENCE  # the movement is not in a state that allows the message
# TC64 (tcl.xsd RequestedMessageType): the messages an IE905 may name as the last one received.
LAST_MESSAGE_TYPES = ("IE801", "IE803", "IE807", "IE810", "IE813", "IE818", "IE819", "IE829", "IE836", "IE839", "IE881")
NO_MESSAGE = "None"
_STEP = re.compile(r"(?<=/)([A-Za-z][\w]*)|(?<=\[)([A-Za-z][\w]*)(?==)")


def value_at(root: etree._Element | None, location: str | None) -> str | None:
    """The text of the first element (or attribute) at ``location`` (an XPath without prefixes, in
    the message's own namespace) as received, None when absent."""
    if root is None or not location:
        return None
    path = _STEP.sub(lambda match: f"m:{match.group(0)}", location)
    try:
        found = root.xpath(path, namespaces={"m": etree.QName(root).namespace})
    except etree.XPathError:
        return None
    if not found:
        return None
    if isinstance(found[0], str):  # an attribute's value
        return found[0].strip() or None
    if not isinstance(found[0], etree._Element) or len(found[0]):
        return None
    return (found[0].text or "").strip() or None


def received(root: etree._Element | None) -> emcs_answers.Received:
    """The received message's MessageIdentifier and MessageSender, as the answer's header needs."""
    if root is None:
        return emcs_answers.Received()
    return emcs_answers.Received(
        message_identifier=root.findtext("{*}Header/{*}MessageIdentifier"),
        message_sender=root.findtext("{*}Header/{*}MessageSender"),
    )


def _serialised(message: Any) -> bytes:
    """The answer's XML, valid against its schema; b"" (and an error logged) when it is not: the
    refusal is then sent as a problem document with the same faults, never as a 500."""
    try:
        return gamma_messages.serialise(message)
    except gamma_messages.MessageNotValid as error:
        logger.error("The %s answer fails its schema: %s", type(message).__name__, error)
        return b""


def rule_faults(
    errors: list[RuleError], *, root: etree._Element | None, body: Any = None, draft_order: bool = True
) -> list[Any]:
    """The faults of a refused IE815, each at its element (``gamma.xpaths``) with the value received
    there; a fault with no element of its own is located at the body. ``draft_order``: the errors
    come from the stored draft (its lines ordered by number), not from the message as received."""
    from edi.service import Fault

    located = xpaths.faults(errors, body, draft_order=draft_order)
    return [
        Fault(
            message=error.message,
            location=fault.location or xpaths.ROOT,
            value=value_at(root, fault.location) or fault.value,
            code=error.code,
            error_type=fault.error_type,
            field=error.field,
        )
        for error, fault in zip(errors, located, strict=True)
    ]


def message_and_draft_faults(
    on_message: list[RuleError],
    on_draft: list[RuleError],
    *,
    root: etree._Element | None,
    body: Any,
    stored: Any,
) -> list[Any]:
    """Every fault of an IE815 refused at once: those found on the message before storing it
    (``gamma.mapping.storage_errors``, in message order), then those the validation's rules found on
    the draft stored without their values (``stored``: ``gamma.mapping.storable``, lines in draft
    order). An element holds the message's fault alone: the draft's faults there (a value missing,
    the same rule again) are about the value left out, which that fault already refuses."""
    faults = rule_faults(on_message, root=root, body=body, draft_order=False)
    taken = {fault.location for fault in faults if fault.location != xpaths.ROOT}
    seen = {(fault.code, fault.location) for fault in faults}
    for fault in rule_faults(on_draft, root=root, body=stored, draft_order=True):
        if fault.location in taken or (fault.code, fault.location) in seen:
            continue
        faults.append(fault)
    return faults


def schema_refusal(
    error: xml.InvalidMessage, *, data: bytes | None, message_type: str = "", root: etree._Element | None = None
) -> Any:
    """400: the message is not a V3.23 message the channel takes; the IE917 lists why, each fault at
    its line, column and XPath, in French, correlated with the message received (its identifier and
    sender read from ``root``, else from the bytes ``data``)."""
    from edi.service import SCHEMA_INVALID, Answer, Fault

    if error.details:
        faults = [
            Fault(
                message=detail.french, location=detail.path, value=detail.value, line=detail.line, column=detail.column
            )
            for detail in error.details
        ]
    else:
        faults = [Fault(message=text) for text in error.errors or [str(error)]]
    header = received(root)
    message = emcs_answers.ie917_for(
        error,
        data=data if root is None else None,
        original_message_identifier=header.message_identifier,
        recipient=header.message_sender,
    )
    return Answer(status=SCHEMA_INVALID, xml=_serialised(message), message_type=message_type, faults=faults)


def business_refusal(
    faults: list[Any],
    *,
    root: etree._Element | None,
    message_type: str,
    arc: str | None = None,
    sequence_number: int | None = None,
    lrn: str | None = None,
    movement: Movement | None = None,
) -> Any:
    """422: the message breaks a business rule; the IE704 has one FunctionalError per fault (TC49
    error type, « [code] reason », XPath, value received), correlated with the message received and
    naming its LRN (an IE815, C151) or its ARC and sequence number (a follow-up message, C150)."""
    from edi.service import BUSINESS_INVALID, Answer

    header = received(root)
    message = emcs_answers.ie704_for(
        [
            emcs_answers.Fault(
                code=fault.code,
                message=fault.message,
                location=fault.location or None,
                value=fault.value,
                error_type=fault.error_type,
            )
            for fault in faults
        ],
        correlation_identifier=header.message_identifier,
        recipient=header.message_sender,
        local_reference_number=lrn if message_type == "IE815" else None,
        administrative_reference_code=arc if message_type != "IE815" else None,
        sequence_number=sequence_number if message_type != "IE815" else None,
    )
    return Answer(
        status=BUSINESS_INVALID,
        xml=_serialised(message),
        message_type=message_type,
        movement=movement,
        faults=faults,
    )


def ie801_of(movement: Movement) -> bytes | None:
    """The IE801 the validation stored with the movement, byte for byte; None when it stored none."""
    stored = gamma_messages.last(movement, "IE801")
    return bytes(stored.xml) if stored is not None else None


def acknowledgement(result: Any, *, movement: Movement) -> bytes:
    """A follow-up message accepted: the message as the portal registered it (its own header,
    the date and time of validation), as stored with the movement when it is."""
    if getattr(result, "stored", None) is not None:
        return bytes(result.stored.xml)
    message = result.message
    stored = movement.messages.filter(message_identifier=message.header.message_identifier).first()
    if stored is not None:
        return bytes(stored.xml)
    return _serialised(message)


def last_message_type(movement: Movement) -> str:
    """The TC64 type of the movement's latest stored message that TC64 names, else ``None``."""
    stored = (
        movement.messages.filter(message_type__in=LAST_MESSAGE_TYPES)
        .order_by("-created_at", "-id")
        .values_list("message_type", flat=True)
        .first()
    )
    return stored or NO_MESSAGE


def status_response(movement: Movement, *, root: etree._Element | None) -> bytes:
    """The IE905 answering a status request (IE904) about ``movement``: its ARC, sequence number,
    TC50 status and the last message of it the portal holds."""
    header = received(root)
    message = emcs_answers.ie905_for(
        administrative_reference_code=movement.arc,
        sequence_number=movement.sequence_number or 1,
        status=movement.ie905_code,
        last_received_message_type=last_message_type(movement),
        correlation_identifier=header.message_identifier,
        recipient=header.message_sender,
    )
    return _serialised(message)


PROBLEM_CONTENT_TYPE = "application/problem+json"
XML_CONTENT_TYPE = "application/xml"
TITLES = {
    400: "Message refusé : XML non conforme",
    401: "Authentification requise",
    403: "Action non autorisée",
    404: "Message introuvable",
    405: "Méthode non prise en charge",
    409: "Identifiant de message déjà utilisé",
    413: "Message trop volumineux",
    415: "Type de contenu non pris en charge",
    422: "Message refusé : règles métier",
    429: "Trop de requêtes",
}


def problem(status: int, detail: str, faults: list[Any] = ()) -> bytes:
    """A refusal without an EMCS message (RFC 9457 ``application/problem+json``), in French."""
    import json

    document: dict[str, Any] = {"type": "about:blank", "title": TITLES.get(status, "Refus"), "status": status}
    document["detail"] = detail
    if faults:
        document["erreurs"] = [
            {
                key: value
                for key, value in (
                    ("regle", fault.code),
                    ("message", fault.message),
                    ("emplacement", fault.location),
                    ("valeur", fault.value),
                )
                if value
            }
            for fault in faults
        ]
    return json.dumps(document, ensure_ascii=False).encode()


def body_of(answer: Any) -> tuple[bytes, str]:
    """The bytes an answer is sent as, and their content type: its XML, else a problem document."""
    if answer.sent:
        return answer.sent, answer.sent_content_type
    if answer.xml:
        return answer.xml, XML_CONTENT_TYPE
    detail = answer.detail or (answer.faults[0].message if answer.faults else TITLES.get(answer.status, ""))
    return problem(answer.status, detail, answer.faults), PROBLEM_CONTENT_TYPE
