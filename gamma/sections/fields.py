"""The form fields of the sections: every one optional (a draft is filled in progressively), each
refusing what the schema could not carry, with a French message; and the choices of the EMCS code
lists, read once per request."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms

from emcs import codelists
from emcs.models import ExciseProductCode, PackageKind
from identifiers import fields as identifier_fields
from register.models import CustomsOffice

# Characters an XML message cannot carry (control characters, lone surrogates).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+", re.ASCII)


def has_control_characters(value: str) -> bool:
    return bool(_FORBIDDEN.search(value))


def _no_control_characters(value: str) -> None:
    if has_control_characters(value):
        raise forms.ValidationError("Ce texte contient un caractère de contrôle : saisissez-le à nouveau.")


def text(label: str, max_length: int, *, help_text: str = "", textarea: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}) if textarea else forms.TextInput(),
        validators=[_no_control_characters],
        error_messages={"max_length": f"{max_length} caractères au plus (vous en avez saisi %(show_value)d)."},
    )


class CodeField(forms.CharField):
    """An identifier: blanks removed, upper case, checked against a pattern."""

    def __init__(self, *, label: str, max_length: int, pattern: re.Pattern | None, message: str, **kwargs) -> None:
        self.pattern = pattern
        self.message = message
        super().__init__(
            label=label,
            max_length=max_length,
            required=False,
            error_messages={"max_length": f"{max_length} caractères au plus."},
            **kwargs,
        )

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        return re.sub(r"\s+", "", value).upper()

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and not (self.pattern or _IDENTIFIER).fullmatch(value):
            raise forms.ValidationError(self.message)


def identifier_field(label: str, max_length: int, *, help_text: str = "") -> CodeField:
    return CodeField(
        label=label,
        max_length=max_length,
        pattern=None,
        message="Saisissez uniquement des lettres et des chiffres, sans espace ni ponctuation.",
        help_text=help_text,
    )


class NumberField(forms.DecimalField):
    """A positive decimal typed the French way (``12,5``), within the schema's digits."""

    def __init__(self, *, label: str, max_digits: int, decimal_places: int, zero: bool = False, **kwargs) -> None:
        self.zero = zero
        super().__init__(
            label=label,
            required=False,
            max_digits=max_digits,
            decimal_places=decimal_places,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
            error_messages={
                "invalid": "Saisissez un nombre, par exemple 12,5.",
                "max_digits": f"{max_digits} chiffres au plus.",
                "max_decimal_places": f"{decimal_places} décimale(s) au plus."
                if decimal_places
                else "Saisissez un nombre entier.",
                "max_whole_digits": f"{max_digits - decimal_places} chiffres au plus avant la virgule.",
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> Decimal | None:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value).replace(",", ".")
        return super().to_python(value)

    def validate(self, value: Decimal | None) -> None:
        super().validate(value)
        if value is not None and (value < 0 or (value == 0 and not self.zero)):
            raise forms.ValidationError("Saisissez un nombre supérieur à zéro.")


class WholeNumberField(forms.IntegerField):
    def __init__(self, *, label: str, max_digits: int, minimum: int = 0, **kwargs) -> None:
        super().__init__(
            label=label,
            required=False,
            min_value=minimum,
            max_value=10**max_digits - 1,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
            error_messages={
                "invalid": "Saisissez un nombre entier, par exemple 84.",
                "min_value": f"Saisissez un nombre supérieur ou égal à {minimum}.",
                "max_value": f"{max_digits} chiffres au plus.",
            },
            **kwargs,
        )

    def to_python(self, value: Any) -> int | None:
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0\u202f]", "", value)
        return super().to_python(value)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


def date_field(label: str, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=DateInput(),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        error_messages={"invalid": "Saisissez une date valide, par exemple 27/11/2026."},
        **kwargs,
    )


def time_field(label: str, **kwargs) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        input_formats=["%H:%M", "%H:%M:%S", "%Hh%M"],
        error_messages={"invalid": "Saisissez une heure valide, par exemple 08:30."},
        **kwargs,
    )


EMPTY_CHOICE = ("", "— Choisir —")


class SearchableSelect(forms.Select):
    """A plain ``<select>`` of a long code list, that ``static/js/combobox.js`` turns into a
    searchable combobox (code or French label, accents ignored); without JavaScript it stays the
    select (templates/gamma/prepare/_field.html marks it ``data-combobox``)."""

    searchable = True


def choice_field(
    label: str,
    choices: Iterable[tuple[Any, str]],
    *,
    coerce=str,
    help_text: str = "",
    field_class: type[forms.TypedChoiceField] = forms.TypedChoiceField,
    searchable: bool = False,
) -> forms.Field:
    return field_class(
        label=label,
        choices=[EMPTY_CHOICE, *[(str(key), text) for key, text in choices]],
        coerce=coerce,
        empty_value=None if coerce is int else "",
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": "Choisissez une valeur de la liste."},
        **({"widget": SearchableSelect} if searchable else {}),
    )


def office_field(label: str, choices: ReferenceChoices, current: str) -> forms.Field:
    """A customs office picked from the register's (searchable select), checked as any office
    reference (identifiers.customs_office); a stored office the register no longer lists stays
    offered, so that opening and saving the section never drops it."""
    field = identifier_fields.customs_office_field(label)
    offices = choices.customs_offices()
    if current and current not in {code for code, _name in offices}:
        offices = [(current, current), *offices]
    field.widget = SearchableSelect(choices=[EMPTY_CHOICE, *offices])
    return field


def numbered(choices: Iterable[tuple[Any, str]]) -> list[tuple[str, str]]:
    """``(1, "Entrepôt fiscal")`` → ``("1", "1 — Entrepôt fiscal")``: the code next to its label."""
    return [(str(key), f"{key} — {label}") for key, label in choices]


class ReferenceChoices:
    """The choices of the code lists, read once per request (bind) whatever the number of rows."""

    def __init__(self) -> None:
        self._cache: dict[str, Any] = {}

    def _get(self, key: str, load) -> Any:
        if key not in self._cache:
            self._cache[key] = load()
        return self._cache[key]

    def list(self, list_code: str) -> list[tuple[str, str]]:
        return self._get(list_code, lambda: numbered(codelists.choices(list_code)))

    def products(self) -> dict[str, ExciseProductCode]:
        return self._get("BC36", lambda: {product.code: product for product in codelists.excise_products()})

    def cn_codes(self, epc: str) -> list[tuple[str, str]]:
        return self._get(
            f"E200-{epc}",
            lambda: [(cn.code, f"{cn.code} — {cn.display}") for cn in codelists.cn_codes_for_epc(epc)] if epc else [],
        )

    def customs_offices(self) -> list[tuple[str, str]]:
        """The customs offices of the register, ``(code, "code — name")``."""
        return self._get(
            "offices",
            lambda: [
                (code, f"{code} — {name}")
                for code, name in CustomsOffice.objects.order_by("code").values_list("code", "name")
            ],
        )

    def package_kinds(self) -> list[tuple[str, str]]:
        return self._get(
            "BC17", lambda: [(kind.code, f"{kind.code} — {kind.display}") for kind in PackageKind.objects.all()]
        )
