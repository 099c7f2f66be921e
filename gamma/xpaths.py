"""Where a rule's error lies in the IE815 it came from: a draft's field path ↔ the XPath.

The rules (``gamma.rules``) and the web form's checks name the field they refuse by its path in
the movement model (``lines.0.alcoholic_strength``, ``consignor.trader_excise_number``,
``transport_details.1.transport_unit_code``, positions from 0). An EDI refusal (IE704) names the
element of the message instead:

    xpath("lines.0.alcoholic_strength")
    # → /IE815/Body/SubmittedDraftOfEADESAD/BodyEadEsad[1]/AlcoholicStrengthByVolumeInPercentage

``faults(errors, body)`` gives each error its XPath, the value the message carried there and its
TC49 error type: what ``emcs.answers.ie704_for`` writes; ``ie704_for_draft`` does both for an
IE815. The names come from ``gamma.mapping`` (model ↔ message fields) and the message's own
bindings (``emcs.messages``), so a field the mapping writes has its XPath here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from typing import Any

from emcs import answers
from emcs.messages import ie704, ie815
from emcs.messages.binding import bindings, to_text
from gamma.mapping import GUARANTOR_ROLES, LINE_FIELDS, TRADER_GROUPS, WINE_FIELDS
from gamma.rules.base import RuleError

ROOT = "/IE815/Body/SubmittedDraftOfEADESAD"

# Movement field → its place in the IE815 body, as attribute names of ``ie815.SubmittedDraftOfEadEsad``.
MOVEMENT_FIELDS: dict[str, tuple[str, ...]] = {
    "submission_message_type": ("attributes", "submission_message_type"),
    "deferred_submission": ("attributes", "deferred_submission_flag"),
    "consignee_identifier": ("consignee_trader", "traderid"),
    "dispatch_import_office_code": ("dispatch_import_office", "reference_number"),
    "complement_consignee_member_state": ("complement_consignee_trader", "member_state_code"),
    "complement_consignee_exemption_certificate": (
        "complement_consignee_trader",
        "serial_number_of_certificate_of_exemption",
    ),
    "delivery_place_customs_office_code": ("delivery_place_customs_office", "reference_number"),
    "dispatch_office_code": ("competent_authority_dispatch_office", "reference_number"),
    "destination_type_code": ("header_ead_esad", "destination_type_code"),
    "journey_time": ("header_ead_esad", "journey_time"),
    "transport_arrangement": ("header_ead_esad", "transport_arrangement"),
    "transport_mode_code": ("transport_mode", "transport_mode_code"),
    "transport_mode_complementary_information": ("transport_mode", "complementary_information"),
    "transport_mode_complementary_information_language": ("transport_mode", "complementary_information_language"),
    "guarantor_type_code": ("movement_guarantee", "guarantor_type_code"),
    "local_reference_number": ("ead_esad_draft", "local_reference_number"),
    "invoice_number": ("ead_esad_draft", "invoice_number"),
    "invoice_date": ("ead_esad_draft", "invoice_date"),
    "origin_type_code": ("ead_esad_draft", "origin_type_code"),
    "dispatch_date": ("ead_esad_draft", "date_of_dispatch"),
    "dispatch_time": ("ead_esad_draft", "time_of_dispatch"),
    "import_customs_declarations": ("ead_esad_draft", "import_customs_declaration_numbers"),
}
# Lists of the movement → the body's repeated group.
LISTS = {"transport_details": "transport_details", "documents": "document_certificates"}

# TC49 error type of each rule whose fault is not « not supported in this position » (15).
ERROR_TYPES = {
    "BR001": ie704.DUPLICATE_LRN,  # the LRN is already one of the consignor's documents
    "BR018": ie704.INCORRECT_CODE_VALUE,  # CN code outside the EPC's correspondence (E200)
    "TC29": ie704.INCORRECT_CODE_VALUE,  # guarantor type outside the code list
}

# A step into the body: (attribute name, position in a list or None).
Step = tuple[str, int | None]


def _index(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _line_steps(parts: list[str]) -> list[Step] | None:
    """``lines.0.packages.1.kind_of_packages`` → the steps under the body."""
    if not parts:
        return [("body_ead_esads", None)]
    index = _index(parts[0])
    if index is None:
        return None
    steps: list[Step] = [("body_ead_esads", index)]
    rest = parts[1:]
    if not rest:
        return steps
    name = rest[0]
    if name == "packages":
        if len(rest) == 1:
            return [*steps, ("packages", None)]
        position = _index(rest[1])
        if position is None or len(rest) > 3:
            return None
        return [*steps, ("packages", position), *((field, None) for field in rest[2:])]
    if name in LINE_FIELDS:
        return [*steps, (LINE_FIELDS[name], None)]
    if name in WINE_FIELDS:
        return [*steps, ("wine_product", None), (WINE_FIELDS[name], None)]
    if name == "wine_operations":
        return [*steps, ("wine_product", None), ("wine_operation_codes", _index(rest[1]) if len(rest) > 1 else None)]
    return None


def steps(field: str) -> list[Step] | None:
    """A field path's steps into the IE815 body, or None when it has no place there."""
    head, *rest = field.split(".")
    if head == "lines":
        return _line_steps(rest)
    if head in MOVEMENT_FIELDS and not rest:
        return [(name, None) for name in MOVEMENT_FIELDS[head]]
    if head == "import_customs_declarations" and (len(rest) == 1 or rest[1:] == ["number"]):
        # ``import_customs_declarations.0`` or, as the form names it (C096), ``….0.number``
        return [("ead_esad_draft", None), ("import_customs_declaration_numbers", _index(rest[0]))]
    roles = {str(role): attribute for role, (attribute, _cls) in TRADER_GROUPS.items()}
    if head in roles and len(rest) <= 1:
        return [(roles[head], None), *((name, None) for name in rest)]
    guarantors = [str(role) for role in GUARANTOR_ROLES]
    if head in guarantors and len(rest) <= 1:
        position = guarantors.index(head)
        return [("movement_guarantee", None), ("guarantor_traders", position), *((name, None) for name in rest)]
    if head in LISTS and rest:
        position = _index(rest[0])
        if position is None or len(rest) > 2:
            return None
        return [(LISTS[head], position), *((name, None) for name in rest[1:])]
    return None


def _walk(path: list[Step], body: Any) -> tuple[str, Any] | None:
    """The XPath of ``path`` and the value ``body`` holds there (None if absent, or no body)."""
    cls: Any = ie815.SubmittedDraftOfEadEsad
    value = body
    xpath = ROOT
    for number, (name, position) in enumerate(path):
        found = {binding.name: binding for binding in bindings(cls)}
        language_of = next(
            (binding for binding in found.values() if binding.language_field == name),
            None,
        )
        if language_of is not None:  # ``…_language`` is the attribute of its text element
            xpath += f"/{language_of.xml}/@language"
            return xpath, getattr(value, name, None) if value is not None else None
        binding = found.get(name)
        if binding is None:
            return None
        if binding.attribute:
            xpath += f"/@{binding.attribute}"
        else:
            xpath += f"/{binding.xml}" + (f"[{position + 1}]" if position is not None else "")
            if binding.child and position is not None:
                xpath += f"/{binding.child}"
        value = getattr(value, name, None) if value is not None else None
        if binding.repeated and position is not None:
            value = value[position] if isinstance(value, list) and position < len(value) else None
        if dataclasses.is_dataclass(binding.kind):
            cls = binding.kind
        elif number < len(path) - 1:
            return None  # a step below a simple value
    return xpath, value


def xpath(field: str) -> str | None:
    """The XPath in an IE815 of a draft's field path, or None when it has none."""
    path = steps(field)
    walked = _walk(path, None) if path is not None else None
    return walked[0] if walked else None


def _text(value: Any) -> str | None:
    if value is None or value == "" or value == [] or dataclasses.is_dataclass(value):
        return None
    if isinstance(value, list):  # a list of codes; a list of groups has no single value
        texts = [text for text in (_text(item) for item in value) if text]
        return " ".join(texts) if texts and len(texts) == len(value) else None
    if isinstance(value, bool):
        return "1" if value else "0"
    kind = type(value)
    for simple in (dt.datetime, dt.date, dt.time):
        if isinstance(value, simple):
            kind = simple
            break
    return to_text(value, kind)


def in_message_order(field: str, body: ie815.SubmittedDraftOfEadEsad | None) -> str:
    """A draft's field path with its line's position turned into the message's: the draft orders
    its lines by Body Record Unique Reference, a message may send them in any order (R060 asks
    only for the numbers 1 … n), so ``lines.0`` is the line numbered 1 wherever it was sent."""
    head, _, rest = field.partition(".")
    index, _, tail = rest.partition(".")
    if head != "lines" or body is None or not index.isdigit():
        return field
    by_number = sorted(
        (line.body_record_unique_reference or 0, position) for position, line in enumerate(body.body_ead_esads)
    )
    if int(index) >= len(by_number):
        return field
    position = by_number[int(index)][1]
    return f"lines.{position}" + (f".{tail}" if tail else "")


def faults(
    errors: Iterable[RuleError], body: ie815.SubmittedDraftOfEadEsad | None = None, *, draft_order: bool = True
) -> list[answers.Fault]:
    """Each rule error as an IE704 fault: its XPath in the IE815, the value ``body`` has there.
    ``draft_order``: the errors' line positions are the draft's (by line number, as the rules on a
    stored draft give them), else the message's own (``mapping.storage_errors``)."""
    result = []
    for error in errors:
        path = steps(in_message_order(error.field, body) if draft_order else error.field)
        walked = _walk(path, body) if path is not None else None
        result.append(
            answers.Fault(
                code=error.code,
                message=error.message,
                location=walked[0] if walked else None,
                value=_text(walked[1]) if walked else None,
                error_type=ERROR_TYPES.get(error.code, ie704.NOT_SUPPORTED_IN_THIS_POSITION),
            )
        )
    return result


def ie704_for_draft(errors: Iterable[RuleError], message: ie815.IE815, **header: Any) -> ie704.IE704:
    """The IE704 refusing a submitted draft: correlated with it, addressed to its sender, naming
    its LRN (C151); ``header`` may set ``sender``, ``recipient`` or ``at``."""
    options = {"recipient": message.header.message_sender, **header}
    return answers.ie704_for(
        faults(errors, message.body),
        correlation_identifier=message.header.message_identifier,
        local_reference_number=message.body.ead_esad_draft.local_reference_number,
        **options,
    )
