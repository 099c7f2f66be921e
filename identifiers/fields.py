"""Django form fields for identifiers: every form of the portal that takes an excise number, a
SIRET, a customs office reference or an ARC uses one of these, so that a form answers exactly what
the identifier's module answers (same verdict, same French message, same normalised value).

``IdentifierField`` checks a whole identifier; ``IdentifierSearchField`` takes a part of one (a
search filter) and checks it as a whole once it has the identifier's full length. A test sweeps
every form of the portal (tests/identifiers/test_form_sweep.py) and refuses a text field named like
an identifier that is not one of these.
"""

from collections.abc import Callable

from django import forms

from identifiers import arc, customs_office, excise, siren, siret, trader
from identifiers._text import compact, is_ascii_alnum
from identifiers.exceptions import InvalidIdentifier

# Room for the separators people type (« FR008777 E0001 »); anything longer is not a number.
MAX_INPUT_LENGTH = 64
TOO_LONG = "Ce numéro est trop long : vérifiez ce que vous avez saisi."


class IdentifierField(forms.CharField):
    """A text input holding one identifier, checked by ``validate`` (an ``identifiers`` module's
    function). Blank gives ``""`` (the field is optional unless ``required``)."""

    def __init__(self, *, validate: Callable[[str], str], kind: str, **kwargs) -> None:
        self.identifier_validate = validate
        self.kind = kind  # excise_number, tax_warehouse, trader, customs_office, siret, siren, arc
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_INPUT_LENGTH)
        error_messages = {"max_length": TOO_LONG, **kwargs.pop("error_messages", {})}
        super().__init__(error_messages=error_messages, **kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.setdefault("spellcheck", "false")
        attrs.setdefault("autocapitalize", "characters")
        return attrs

    def check(self, value: str) -> str:
        """The identifier's verdict on a non-blank value: normalised, or ``ValidationError``."""
        try:
            return self.identifier_validate(value)
        except InvalidIdentifier as error:
            raise forms.ValidationError(error.message, code=error.code) from error

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        return self.check(value)


class IdentifierSearchField(IdentifierField):
    """Part of an identifier, for a search filter: letters and digits (separators dropped, upper
    case); a value of the identifier's full ``length`` is checked as a whole identifier."""

    def __init__(self, *, length: int, **kwargs) -> None:
        self.length = length
        super().__init__(**kwargs)

    def check(self, value: str) -> str:
        part = compact(value).upper()
        if len(part) >= self.length:
            return super().check(part)
        if part and not is_ascii_alnum(part):
            raise forms.ValidationError(
                "Saisissez tout ou partie du numéro : des lettres et des chiffres seulement.", code="invalid_format"
            )
        return part


def _hint(kwargs: dict, text: str) -> dict:
    kwargs.setdefault("help_text", text)
    return kwargs


def excise_number_field(label: str, *, foreign: bool = True, **kwargs) -> IdentifierField:
    """An excise number: of any member state (rule R070, with France's own structure), or, with
    ``foreign=False``, French only."""
    validate = excise.validate_seed if foreign else excise.validate
    return IdentifierField(
        label=label,
        validate=validate,
        kind="excise_number",
        **_hint(kwargs, "13 caractères, par exemple FR008777E0001."),
    )


def tax_warehouse_field(label: str, **kwargs) -> IdentifierField:
    """The reference of a tax warehouse: an excise number's structure (rule R070)."""
    return IdentifierField(
        label=label,
        validate=excise.validate_seed,
        kind="tax_warehouse",
        **_hint(kwargs, "13 caractères, par exemple FR008777E0001."),
    )


def trader_id_field(label: str, **kwargs) -> IdentifierField:
    """A consignee's or a place of delivery's identifier: an excise number or a VAT number."""
    return IdentifierField(
        label=label,
        validate=trader.validate,
        kind="trader",
        **_hint(kwargs, "Numéro d'accise (par exemple FR008777E0001) ou numéro de TVA (par exemple FR40303265045)."),
    )


def customs_office_field(label: str, **kwargs) -> IdentifierField:
    return IdentifierField(
        label=label,
        validate=customs_office.validate,
        kind="customs_office",
        **_hint(kwargs, "8 caractères, par exemple FR000690."),
    )


def siret_field(label: str = "N° SIRET", **kwargs) -> IdentifierField:
    return IdentifierField(
        label=label, validate=siret.validate, kind="siret", **_hint(kwargs, "14 chiffres, par exemple 35324915400017.")
    )


def siren_field(label: str = "N° SIREN", **kwargs) -> IdentifierField:
    return IdentifierField(label=label, validate=siren.validate, kind="siren", **_hint(kwargs, "9 chiffres."))


def arc_field(label: str = "ARC", *, check_digit: bool = True, **kwargs) -> IdentifierField:
    """An ARC; without ``check_digit``, its format only (to find a movement another member state
    issued, whose ARC that state vouches for: ``arc.validate_format``)."""
    return IdentifierField(
        label=label,
        validate=arc.validate if check_digit else arc.validate_format,
        kind="arc",
        **_hint(kwargs, f"21 caractères, par exemple {arc.EXAMPLE}."),
    )


def excise_number_search_field(label: str, **kwargs) -> IdentifierSearchField:
    """All or part of an excise number of any member state."""
    return IdentifierSearchField(
        label=label, validate=excise.validate_seed, kind="excise_number", length=excise.LENGTH, **kwargs
    )
