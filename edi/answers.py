"""The channels' answers as ``edi.service.Answer``: a refusal's faults located in the message
received (XPath, value found there), and the XML of each answer — the IE917 and IE704 built by
``emcs.answers``, the IE801 of a validation, the acknowledgement of a follow-up message.

This module builds no EMCS message itself: it places the faults and hands them to the builders."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from typing import Any

from lxml import etree

from emcs import xml
from emcs.messages import binding, ie815
from gamma import mapping, xpaths
from gamma import messages as gamma_messages
from gamma.models import Movement
from gamma.rules.base import RuleError

# TC49, the functional error types of an IE704 FunctionalError.
NOT_SUPPORTED = 15  # not allowed by the applicable rule(s) or condition(s)
UNKNOWN_ARC = 90
OUT_OF_SEQUENCE = 92  # the movement is not in a state that allows the message
IE815_BODY = "/IE815/Body/SubmittedDraftOfEADESAD"
_STEP = re.compile(r"(?<=/)([A-Za-z][\w]*)|(?<=\[)([A-Za-z][\w]*)(?==)")


def value_at(root: etree._Element | None, location: str) -> str | None:
    """The text of the first element at ``location`` (an XPath without prefixes, in the message's
    own namespace), None when absent."""
    if root is None or not location:
        return None
    path = _STEP.sub(lambda match: f"m:{match.group(0)}", location)
    try:
        found = root.xpath(path, namespaces={"m": etree.QName(root).namespace})
    except etree.XPathError:
        return None
    if not found or not isinstance(found[0], etree._Element):
        return None
    return (found[0].text or "").strip() or None


@cache
def _bindings(cls: type) -> dict[str, binding._Binding]:
    return {item.name: item for item in binding.bindings(cls)}


def _find(cls: type, name: str, prefix: str, depth: int = 0) -> str | None:
    """The XPath (below ``prefix``) of the first field ``name`` in ``cls``'s tree, breadth first."""
    fields = _bindings(cls)
    if name in fields and fields[name].xml:
        return f"{prefix}/{fields[name].xml}"
    if depth > 3:
        return None
    for item in fields.values():
        if dataclasses.is_dataclass(item.kind) and item.xml and not item.repeated:
            found = _find(item.kind, name, f"{prefix}/{item.xml}", depth + 1)
            if found:
                return found
    return None


def _repeated(cls: type, attribute: str) -> tuple[type, str] | None:
    item = _bindings(cls).get(attribute)
    return (item.kind, item.xml) if item and item.repeated and item.xml else None


# A draft's repeated sections (``gamma.sections``) → the IE815 body's repeated group.
_LISTS = {"lines": "body_ead_esads", "documents": "document_certificates", "transport_details": "transport_details"}
# A movement's field → its name in the IE815 where the two differ.
_MOVEMENT_FIELDS = {
    "dispatch_date": "date_of_dispatch",
    "dispatch_time": "time_of_dispatch",
    "dispatch_office_code": "competent_authority_dispatch_office",
    "dispatch_import_office_code": "dispatch_import_office",
    "delivery_place_customs_office_code": "delivery_place_customs_office",
    "complement_consignee_member_state": "member_state_code",
    "complement_consignee_exemption_certificate": "serial_number_of_certificate_of_exemption",
    "transport_mode_complementary_information": "transport_mode",
}


def ie815_location(field: str) -> str:
    """The XPath in an IE815 of a draft's field path (``consignee.trader_name``,
    ``lines.0.gross_mass``, ``lines.0.packages.1.number_of_packages``, ``local_reference_number``):
    ``gamma.xpaths``' (the element itself: ``TransportMode/ComplementaryInformation``,
    ``ConsigneeTrader/Traderid`` for ``consignee_identifier``); else the nearest group, or the
    body when it has no element of its own."""
    exact = xpaths.xpath(field)
    if exact:
        return exact
    parts = field.split(".")
    cls: type = ie815.SubmittedDraftOfEadEsad
    path = IE815_BODY
    if parts[0] in mapping.TRADER_GROUPS:
        attribute, cls = mapping.TRADER_GROUPS[parts[0]]
        path += f"/{_bindings(ie815.SubmittedDraftOfEadEsad)[attribute].xml}"
        parts = parts[1:]
    while len(parts) >= 2 and parts[1].isdigit():
        attribute = _LISTS.get(parts[0], parts[0])
        repeated = _repeated(cls, attribute)
        if repeated is None:
            return path
        cls, name = repeated
        path += f"/{name}[{int(parts[1]) + 1}]"
        parts = parts[2:]
    if not parts:
        return path
    if cls is ie815.SubmittedDraftOfEadEsad:
        name = _MOVEMENT_FIELDS.get(parts[0], parts[0])
    else:
        name = mapping.LINE_FIELDS.get(parts[0], parts[0])
    return _find(cls, name, path) or path


def rule_faults(errors: list[RuleError], *, root: etree._Element | None) -> list[Any]:
    """The faults of a refused IE815, each at its element with the value received there."""
    from edi.service import Fault

    faults = []
    for error in errors:
        location = ie815_location(error.field)
        faults.append(
            Fault(
                message=f"{error.message} ({error.code})"
                if error.code and error.code not in error.message
                else error.message,
                location=location,
                value=value_at(root, location),
                code=error.code,
                error_type=NOT_SUPPORTED,
                field=error.field,
            )
        )
    return faults


_SCHEMA_ERROR = re.compile(r"ligne (?P<line>\d+) : (?P<path>\S*) : (?P<message>.*)", re.S)


def schema_refusal(error: xml.InvalidMessage, *, data: bytes, message_type: str = "") -> Any:
    """400: the message is not a V3.23 message the channel takes; the IE917 lists why."""
    from edi.service import SCHEMA_INVALID, Answer, Fault

    faults = []
    for text in error.errors or [str(error)]:
        match = _SCHEMA_ERROR.fullmatch(text)
        if match:
            faults.append(
                Fault(message=match.group("message"), location=match.group("path"), line=int(match.group("line")))
            )
        else:
            faults.append(Fault(message=text))
    if error.errors:
        faults.insert(0, Fault(message=str(error)))
    return Answer(status=SCHEMA_INVALID, xml=_ie917(faults, message_type), message_type=message_type, faults=faults)


def business_refusal(
    faults: list[Any],
    *,
    root: etree._Element | None,
    message_type: str,
    arc: str | None = None,
    lrn: str | None = None,
    movement: Movement | None = None,
) -> Any:
    """422: the message breaks a business rule; the IE704 has one FunctionalError per fault."""
    from edi.service import BUSINESS_INVALID, Answer

    return Answer(
        status=BUSINESS_INVALID,
        xml=_ie704(faults, message_type=message_type, arc=arc, lrn=lrn),
        message_type=message_type,
        movement=movement,
        faults=faults,
    )


def _ie917(faults: list[Any], message_type: str) -> bytes:
    return b""  # emcs.answers.ie917_for: being written by another helper (issue 11)


def _ie704(faults: list[Any], *, message_type: str, arc: str | None, lrn: str | None) -> bytes:
    return b""  # emcs.answers.ie704_for: being written by another helper (issue 11)


def ie801_of(movement: Movement) -> bytes:
    """The IE801 of a validated movement: the one stored with it by the validation when there is
    one, else built from the movement (and validated against the schema)."""
    stored = gamma_messages.last(movement, "IE801")
    if stored is not None:
        return bytes(stored.xml)
    return gamma_messages.serialise(mapping.ie801_message(movement))


def acknowledgement(result: Any, *, movement: Movement) -> bytes:
    """A follow-up message accepted: the message as the portal registered it (its own header,
    the date and time of validation), as stored with the movement when it is."""
    message = result.message
    stored = movement.messages.filter(message_identifier=message.header.message_identifier).first()
    if stored is not None:
        return bytes(stored.xml)
    return gamma_messages.serialise(message)


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
