"""What every section shares: the names of its inputs, the data of the model as a form posts it
(the GET of a section binds the same data as its POST), the repeated groups (numbered rows), the
forms bound to a post (``Bound``), the ``Section`` itself, and the helpers of what a section lacks.

Field paths are the business rules' (``gamma.rules``): ``local_reference_number``,
``consignee.trader_name``, ``lines.0.packages.1.number_of_packages``. A form input is named by its
path with dashes (``consignee-trader_name``) and its id is ``id_`` + that name, so an error found
at validation leads to its input. Repeated groups are numbered rows (``transport_details-0-…``);
a blank row is ignored, a row whose ``…-supprimer`` box is ticked is removed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from django import forms

from gamma.models import Movement, MovementKind, MovementTrader
from gamma.rules import RuleError, french_number, presence
from gamma.sections.fields import ReferenceChoices
from gamma.sections.traders import trader_data

TO_COMPLETE = "À compléter"
IN_PROGRESS = "En cours"
COMPLETE = "Complète"

MAX_ROWS = 99  # packages of a line, transport units (schema: 1 to 99)
MAX_DOCUMENTS = 9
MAX_LINES = 999
DELETE = "supprimer"  # the row's "remove" box: ``transport_details-0-supprimer``

DAE, DAES, DSA = MovementKind.DAE, MovementKind.DAES, MovementKind.DSA
EMCS_KINDS = frozenset({DAE, DAES})
ALL_KINDS = frozenset({DAE, DAES, DSA})


def html_name(path: str) -> str:
    """``lines.0.cn_code`` → ``lines-0-cn_code`` (the input's name; its id is ``id_`` + this)."""
    return path.replace(".", "-")


def path_of(name: str) -> str:
    return name.replace("-", ".")


def raw(value: Any) -> Any:
    """A model value as an input holds it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "on" if value else ""
    if isinstance(value, Decimal):
        return french_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, list):
        return [str(item) for item in value]
    return str(value)


def filled(value: Any) -> bool:
    return value not in (None, "", [], ())


def compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if filled(value)}


def row_indexes(data: Mapping, prefix: str, limit: int) -> list[int]:
    """The row numbers present in ``data`` for ``prefix`` (``transport_details-3-…`` → 3), below ``limit``."""
    pattern = re.compile(rf"{re.escape(prefix)}-([0-9]{{1,3}})-")
    found = {int(match.group(1)) for key in data if (match := pattern.match(key))}
    return sorted(index for index in found if index < limit)


def posted(data: Mapping, key: str) -> Any:
    if hasattr(data, "getlist"):
        values = data.getlist(key)
        return values if len(values) > 1 else (values[0] if values else None)
    return data.get(key)


def is_blank(form: forms.Form, data: Mapping) -> bool:
    """No field of the row was filled in."""
    return not any(filled(posted(data, form.add_prefix(name))) for name in form.fields)


def is_deleted(prefix: str, data: Mapping) -> bool:
    return filled(data.get(f"{prefix}-{DELETE}"))


@dataclass
class Rows:
    """A repeated group: one form per row; blank rows and rows to remove are not saved."""

    prefix: str  # transport_details, documents, lines-0-packages
    forms: list[forms.Form]
    kept: list[forms.Form]  # the rows to save, in order

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.kept)


def bind_rows(prefix: str, data: Mapping | None, make_form, *, limit: int, extra: int = 1) -> Rows:
    """The rows posted (or held by the movement), plus ``extra`` blank ones to add new rows."""
    data = data if data is not None else {}
    indexes = row_indexes(data, prefix, limit)
    next_index = (indexes[-1] + 1) if indexes else 0
    forms_, kept = [], []
    for index in indexes:
        form = make_form(f"{prefix}-{index}", data)
        forms_.append(form)
        if not is_blank(form, data) and not is_deleted(f"{prefix}-{index}", data):
            kept.append(form)
    for index in range(next_index, min(next_index + extra, limit)):
        forms_.append(make_form(f"{prefix}-{index}", None))
    return Rows(prefix, forms_, kept)


class Bound:
    """A section's forms bound to posted (or stored) data."""

    def __init__(self, section: Section, movement: Movement, data: Mapping) -> None:
        self.section = section
        self.movement = movement
        self.data = data
        self.forms: dict[str, forms.Form] = {}
        self.rows: dict[str, Rows] = {}
        self.extra: dict[str, Any] = {}  # what a section's template needs besides its forms

    def all_forms(self) -> list[forms.Form]:
        return [*self.forms.values(), *(form for rows in self.rows.values() for form in rows.kept)]

    def is_valid(self) -> bool:
        results = [form.is_valid() for form in self.all_forms()]  # every form checked, not the first only
        return all(results)

    def errors(self) -> dict[str, list[str]]:
        """Field path → French messages."""
        found: dict[str, list[str]] = {}
        for form in self.all_forms():
            for name, messages in form.errors.items():
                key = form.add_prefix(name) if name != forms.forms.NON_FIELD_ERRORS else (form.prefix or "")
                found.setdefault(path_of(key), []).extend(messages)
        return found

    def add_error(self, path: str, message: str) -> bool:
        """Show an error (from the validation) at its field; False when no form here has it."""
        name = html_name(path)
        for form in self.all_forms_shown():
            for field in form.fields:
                if form.add_prefix(field) == name:
                    form.is_valid()  # an extra blank row is not bound: give it somewhere to hold errors
                    if not hasattr(form, "cleaned_data"):
                        form.cleaned_data = {}
                    form.add_error(field, message)
                    return True
        return False

    def all_forms_shown(self) -> list[forms.Form]:
        return [*self.forms.values(), *(form for rows in self.rows.values() for form in rows.forms)]

    def cleaned(self, key: str) -> dict[str, Any]:
        return self.forms[key].cleaned_data


class Section:
    key = ""
    slug = ""  # in the URL
    title = ""
    hint = ""
    kinds: frozenset[str] = ALL_KINDS
    optional = False  # nothing in it is required: complete when empty
    fields: tuple[str, ...] = ()  # the movement's own fields it holds (first path component)
    traders: tuple[str, ...] = ()  # the trader roles it holds
    groups: tuple[str, ...] = ()  # the repeated groups it holds (transport_details, documents, lines)

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds

    def owns(self, path: str) -> bool:
        head = path.split(".", 1)[0]
        return head in self.fields or head in self.traders or head in self.groups

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = {name: raw(getattr(movement, name)) for name in self.fields}
        for role in self.traders:
            data.update(trader_data(movement.trader(role), role))
        return compact(data)

    def has_data(self, movement: Movement) -> bool:
        return bool(self.current_data(movement))

    def bind(self, movement: Movement, data: Mapping | None, choices: ReferenceChoices | None = None) -> Bound:
        bound = Bound(self, movement, data if data is not None else self.current_data(movement))
        self.build(bound, choices or ReferenceChoices())
        return bound

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        raise NotImplementedError

    def save(self, bound: Bound) -> None:
        raise NotImplementedError

    def _save_fields(self, movement: Movement, values: Mapping[str, Any], names: Iterable[str]) -> list[str]:
        changed = []
        for name in names:
            if name in values:
                field = Movement._meta.get_field(name)
                value = values[name]
                if value is None and not field.null:
                    value = ""
                setattr(movement, name, value)
                changed.append(name)
        return changed


def make_form(fields: dict[str, forms.Field], data: Mapping | None, prefix: str | None = None) -> forms.Form:
    return type("SectionForm", (forms.Form,), dict(fields))(data=data, prefix=prefix)


# What a section lacks: a required field (with the official code of the condition requiring it,
# if any), a name and address (no code: the presence conditions give theirs, ``gamma.rules.presence``).


def missing_field(field: str, message: str, code: str = "") -> RuleError:
    return RuleError(code, field, message)


def address(role: str, trader: MovementTrader | None, who: str) -> list[RuleError]:
    """The name and address a trader group requires, not by an official condition (no code)."""
    return presence.address("", role, trader, who)
