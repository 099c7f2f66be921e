"""The task list of a draft: its sections (movement, consignor, consignee, place of dispatch,
destination, guarantee, transport, lines, documents), the form of each — what may be typed:
lengths, numbers, codes of the EMCS lists —, how each is written to the movement, and what a draft
still lacks before it can be validated (``missing``: required fields, with the official code of
the condition that requires them where there is one: C116, C012, C164 …, each checked in its
module of ``gamma.rules``).

One module per section (``movement``, ``consignor``, ``consignee``, ``place_of_dispatch``,
``destination``, ``guarantee``, ``transport``, ``lines``, ``documents``), each with its form, how it
is saved and what it lacks; what they share in ``base`` (input names, rows, ``Bound``,
``Section``), ``fields`` (the form fields, the code lists' choices) and ``traders`` (the trader
groups). The rest of the code reads them here: ``from gamma import sections``, ``sections.BY_KEY``.

Nothing here checks rights or statuses: ``gamma.services`` does, then calls ``Section.save``."""

from __future__ import annotations

from collections.abc import Iterable

from gamma.models import Movement
from gamma.rules import RuleError
from gamma.sections.base import (
    ALL_KINDS,
    COMPLETE,
    DAE,
    DAES,
    DELETE,
    DSA,
    EMCS_KINDS,
    IN_PROGRESS,
    MAX_DOCUMENTS,
    MAX_LINES,
    MAX_ROWS,
    TO_COMPLETE,
    Bound,
    Rows,
    Section,
    bind_rows,
    html_name,
    is_blank,
    is_deleted,
    path_of,
    raw,
    row_indexes,
)
from gamma.sections.consignee import ConsigneeSection, missing_consignee
from gamma.sections.consignor import ConsignorSection, missing_consignor
from gamma.sections.destination import DestinationSection, missing_destination
from gamma.sections.documents import DOCUMENT_FIELDS, DocumentsSection, missing_documents
from gamma.sections.fields import (
    EMPTY_CHOICE,
    CodeField,
    DateInput,
    NumberField,
    ReferenceChoices,
    WholeNumberField,
    choice_field,
    date_field,
    has_control_characters,
    identifier_field,
    numbered,
    text,
    time_field,
)
from gamma.sections.guarantee import GuaranteeSection, GuarantorTypeField, missing_guarantee
from gamma.sections.lines import (
    LINE_FIELDS,
    PACKAGE_FIELDS,
    STRENGTH_FIELDS,
    WINE_CATEGORY,
    WINE_FIELDS,
    BoundLine,
    LineForm,
    LinesSection,
    line_data,
    line_fields_shown,
    missing_lines,
    package_form,
    renumber_lines,
)
from gamma.sections.movement import MovementSection, missing_movement
from gamma.sections.place_of_dispatch import PlaceOfDispatchSection, missing_place_of_dispatch
from gamma.sections.traders import (
    ADDRESS,
    REGISTER_FILLED,
    ROLE_FIELDS,
    TRADER_FIELDS,
    register_values,
    trader_form,
)
from gamma.sections.transport import TRANSPORT_UNIT_FIELDS, TransportSection, missing_transport

__all__ = [
    "ADDRESS",
    "ALL_KINDS",
    "BY_KEY",
    "BY_SLUG",
    "COMPLETE",
    "DAE",
    "DAES",
    "DELETE",
    "DOCUMENT_FIELDS",
    "DSA",
    "EMCS_KINDS",
    "EMPTY_CHOICE",
    "IN_PROGRESS",
    "LINE_FIELDS",
    "MAX_DOCUMENTS",
    "MAX_LINES",
    "MAX_ROWS",
    "MISSING_CHECKS",
    "PACKAGE_FIELDS",
    "REGISTER_FILLED",
    "ROLE_FIELDS",
    "SECTIONS",
    "STRENGTH_FIELDS",
    "TO_COMPLETE",
    "TRADER_FIELDS",
    "TRANSPORT_UNIT_FIELDS",
    "WINE_CATEGORY",
    "WINE_FIELDS",
    "Bound",
    "BoundLine",
    "CodeField",
    "ConsigneeSection",
    "ConsignorSection",
    "DateInput",
    "DestinationSection",
    "DocumentsSection",
    "GuaranteeSection",
    "GuarantorTypeField",
    "LineForm",
    "LinesSection",
    "MovementSection",
    "NumberField",
    "PlaceOfDispatchSection",
    "ReferenceChoices",
    "Rows",
    "Section",
    "TransportSection",
    "WholeNumberField",
    "bind_rows",
    "choice_field",
    "date_field",
    "has_control_characters",
    "html_name",
    "identifier_field",
    "is_blank",
    "is_deleted",
    "line_data",
    "line_fields_shown",
    "missing",
    "numbered",
    "package_form",
    "path_of",
    "raw",
    "register_values",
    "renumber_lines",
    "row_indexes",
    "section_of",
    "sections_for",
    "status",
    "text",
    "time_field",
    "trader_form",
]

SECTIONS: tuple[Section, ...] = (
    MovementSection(),
    ConsignorSection(),
    ConsigneeSection(),
    PlaceOfDispatchSection(),
    DestinationSection(),
    GuaranteeSection(),
    TransportSection(),
    LinesSection(),
    DocumentsSection(),
)


BY_KEY = {section.key: section for section in SECTIONS}
BY_SLUG = {section.slug: section for section in SECTIONS}


def sections_for(kind: str) -> list[Section]:
    return [section for section in SECTIONS if section.applies_to(kind)]


def section_of(path: str, kind: str = DAE) -> Section | None:
    """The section holding the field at ``path``."""
    return next((section for section in sections_for(kind) if section.owns(path)), None)


def status(section: Section, movement: Movement, errors: Iterable[RuleError]) -> str:
    """« À compléter », « En cours » or « Complète », from what the section holds and the errors
    found in it (required fields and business rules)."""
    has_errors = any(section.owns(error.field) for error in errors)
    has_data = section.has_data(movement)
    if not has_errors and (has_data or section.optional):
        return COMPLETE
    return IN_PROGRESS if has_data else TO_COMPLETE


# What a draft lacks, section by section in the order of the task list.
MISSING_CHECKS = (
    missing_movement,
    missing_consignor,
    missing_consignee,
    missing_place_of_dispatch,
    missing_destination,
    missing_guarantee,
    missing_transport,
    missing_lines,
    missing_documents,
)


def missing(movement: Movement) -> list[RuleError]:
    """Every required field the draft lacks, and every group it holds that does not apply, in the
    order of the task list."""
    traders = {trader.role: trader for trader in movement.traders.all()}
    errors: list[RuleError] = []
    for check in MISSING_CHECKS:
        errors += check(movement, traders)
    return errors
