"""What the forms of the actions on a movement share: their fields in French, the base form, the
service's errors put back at their fields, and the rows a form repeats (a line's reasons, the
transport units), which a button adds without JavaScript: it posts the form, which comes back
with one more row and nothing sent (``ActionForm.rows``)."""

from __future__ import annotations

import re

from django import forms

from emcs import codelists
from gamma import actions

INVALID_DATE = "Saisissez une date valide, par exemple 26/11/2026."
INVALID_CHOICE = "Choisissez une valeur de la liste."


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self):
        super().__init__(format="%Y-%m-%d")


def _date(label: str, *, required: bool = False, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        help_text=help_text,
        error_messages={"invalid": INVALID_DATE, "required": "Saisissez la date."},
    )


def _text(label: str, max_length: int, *, required: bool = False, help_text: str = "", area: bool = False):
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 3}) if area else forms.TextInput(),
        error_messages={"max_length": f"{max_length} caractères au plus.", "required": "Ce champ est obligatoire."},
    )


def _choice(label: str, choices, *, required: bool = True, radio: bool = False, help_text: str = "", missing: str = ""):
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=help_text,
        widget=forms.RadioSelect if radio else forms.Select,
        error_messages={"invalid_choice": INVALID_CHOICE, "required": missing or "Choisissez une valeur."},
    )


def _reasons(list_code: str, *, blank: str | None = "— Choisissez un motif —") -> list[tuple[str, str]]:
    choices = codelists.reasons(list_code)
    return [("", blank), *choices] if blank else choices


def add_action_errors(form: forms.Form, refused: actions.ActionRefused) -> None:
    """The service's errors at their fields (``lines.3.observed_quantity`` → ``line_3_observed_quantity``)."""
    for key, messages in refused.errors.items():
        name = key.replace("lines.", "line_").replace(".", "_")
        for message in messages:
            form.add_error(name if name in form.fields else None, message)


class ActionForm(forms.Form):
    """A form of one action on ``movement``; ``submit(...)`` calls the service."""

    def __init__(self, *args, movement, add_row: str = "", **kwargs):
        self.movement = movement
        self.add_row = add_row  # the « Ajouter … » button pressed: that group gets one more row
        self.focus = ""  # the field of the row just added, focused when the page comes back
        super().__init__(*args, **kwargs)

    def rows(self, group: str, pattern: str, *, limit: int) -> int:
        """How many rows of ``group`` the form shows: those posted (or given as initial data, the
        names matching ``pattern`` with the row's index), one at least, one more when its button
        was pressed (``limit`` at most)."""
        source = self.data if self.is_bound else self.initial
        indexes = [int(match.group(1)) for name in source if (match := re.fullmatch(pattern, name))]
        count = min(max([index + 1 for index in indexes] or [1]), limit)  # a forged index adds no thousand rows
        if self.add_row == group and count < limit:
            count += 1
        return count

    def error_summary(self) -> list[dict]:
        """Every error of the form, in its order, each a link to its field (includes/error_summary.html)."""
        summary = [{"text": message} for message in self.non_field_errors()]
        for name in self.fields:
            bound = self[name]
            anchor = bound.id_for_label or f"{bound.auto_id}-fieldset"
            summary += [{"text": message, "href": f"#{anchor}"} for message in self.errors.get(name, [])]
        return summary

    def line_rows(self) -> list[tuple]:
        """Per goods line: the line and its bound fields, for the per-line table."""
        return []
