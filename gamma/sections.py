"""The task list of a draft: its sections (movement, consignor, consignee, place of dispatch,
destination, guarantee, transport, lines, documents), the form of each — what may be typed:
lengths, numbers, codes of the EMCS lists —, how each is written to the movement, and what a draft
still lacks before it can be validated (``missing``: required fields, with the official code of
the condition that requires them where there is one: C116, C012, C164 …).

Field paths are the business rules' (``gamma.rules``): ``local_reference_number``,
``consignee.trader_name``, ``lines.0.packages.1.number_of_packages``. A form input is named by its
path with dashes (``consignee-trader_name``) and its id is ``id_`` + that name, so an error found
at validation leads to its input. Repeated groups are numbered rows (``transport_details-0-…``);
a blank row is ignored, a row whose ``…-supprimer`` box is ticked is removed.

Nothing here checks rights or statuses: ``gamma.services`` does, then calls ``Section.save``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from typing import Any

from django import forms

from emcs import codelists
from emcs.models import ExciseProductCode, PackageKind
from gamma.models import (
    DestinationType,
    GuarantorType,
    LinePackage,
    Movement,
    MovementDocument,
    MovementKind,
    MovementLine,
    MovementTrader,
    OriginType,
    TraderRole,
    TransportArrangement,
    TransportDetail,
    WineProductCategory,
)
from gamma.rules import (
    RuleError,
    c006,
    c010,
    c012,
    c017,
    c045,
    c074,
    c078,
    c079,
    c084,
    c102,
    c116,
    c127,
    c164,
    c202,
    c207,
    c208,
    french_number,
    presence,
)
from gamma.rules import r196 as rule_r196
from gamma.rules import r219 as rule_r219
from gamma.rules import tc29 as rule_tc29
from identifiers import fields as identifier_fields

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

# Characters an XML message cannot carry (control characters, lone surrogates).
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_JOURNEY_TIME = re.compile(r"[HD][0-9]{2}", re.ASCII)
_IDENTIFIER = re.compile(r"[A-Za-z0-9]+", re.ASCII)


def html_name(path: str) -> str:
    """``lines.0.cn_code`` → ``lines-0-cn_code`` (the input's name; its id is ``id_`` + this)."""
    return path.replace(".", "-")


def path_of(name: str) -> str:
    return name.replace("-", ".")


# ---------------------------------------------------------------------------------------------
# Fields: every one optional (a draft is filled in progressively), each refusing what the
# schema could not carry, with a French message.


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


def choice_field(
    label: str,
    choices: Iterable[tuple[Any, str]],
    *,
    coerce=str,
    help_text: str = "",
    field_class: type[forms.TypedChoiceField] = forms.TypedChoiceField,
) -> forms.Field:
    return field_class(
        label=label,
        choices=[EMPTY_CHOICE, *[(str(key), text) for key, text in choices]],
        coerce=coerce,
        empty_value=None if coerce is int else "",
        required=False,
        help_text=help_text,
        error_messages={"invalid_choice": "Choisissez une valeur de la liste."},
    )


class GuarantorTypeField(forms.TypedChoiceField):
    """The guarantor type: a code outside the EU list (HMRC's ``0`` …) is refused with TC29's message."""

    def validate(self, value: Any) -> None:
        for error in rule_tc29.check(guarantor_type_code=value):
            raise forms.ValidationError(f"[{error.code}] {error.message}")
        super().validate(value)


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
            lambda: (
                [(cn.code, f"{cn.code} — {cn.description}") for cn in codelists.cn_codes_for_epc(epc)] if epc else []
            ),
        )

    def package_kinds(self) -> list[tuple[str, str]]:
        return self._get(
            "BC17", lambda: [(kind.code, f"{kind.code} — {kind.description}") for kind in PackageKind.objects.all()]
        )


# ---------------------------------------------------------------------------------------------
# Traders


TRADER_FIELDS = {
    "trader_excise_number": lambda: identifier_fields.excise_number_field("Numéro d'accise"),
    "traderid": lambda: identifier_fields.trader_id_field("Identifiant (numéro d'accise ou de TVA)"),
    "reference_of_tax_warehouse": lambda: identifier_fields.tax_warehouse_field("Référence de l'entrepôt fiscal"),
    "vat_number": lambda: identifier_field("Numéro de TVA", 14, help_text="Par exemple FR40303265045."),
    "eori_number": lambda: identifier_field("Numéro EORI", 17),
    "trader_name": lambda: text("Nom ou raison sociale", 182),
    "street_number": lambda: text("Numéro dans la voie", 11),
    "street_name": lambda: text("Voie (rue, avenue…)", 65),
    "postcode": lambda: text("Code postal", 10),
    "city": lambda: text("Ville", 50),
}
ADDRESS = ["trader_name", "street_number", "street_name", "postcode", "city"]
ROLE_FIELDS: dict[str, list[str]] = {
    TraderRole.CONSIGNOR: ADDRESS,
    TraderRole.CONSIGNEE: ["traderid", *ADDRESS, "eori_number"],
    TraderRole.PLACE_OF_DISPATCH: ["reference_of_tax_warehouse", *ADDRESS],
    TraderRole.DELIVERY_PLACE: ["traderid", *ADDRESS],
    TraderRole.TRANSPORT_ARRANGER: ["vat_number", *ADDRESS],
    TraderRole.FIRST_TRANSPORTER: ["vat_number", *ADDRESS],
    TraderRole.GUARANTOR_1: ["trader_excise_number", "vat_number", *ADDRESS],
    TraderRole.GUARANTOR_2: ["trader_excise_number", "vat_number", *ADDRESS],
}


def trader_form(role: str, data: Mapping | None) -> forms.Form:
    fields = {name: TRADER_FIELDS[name]() for name in ROLE_FIELDS[role]}
    form_class = type(f"{role.title()}TraderForm", (forms.Form,), fields)
    return form_class(data=data, prefix=str(role))


def _trader_data(trader: MovementTrader | None, role: str) -> dict[str, Any]:
    if trader is None:
        return {}
    return {f"{role}-{name}": getattr(trader, name) for name in ROLE_FIELDS[role] if getattr(trader, name)}


def _save_trader(movement: Movement, role: str, values: Mapping[str, Any], *, keep: bool = False) -> None:
    """Create, update or (when every field is blank and ``keep`` is false) remove the trader."""
    values = {name: values.get(name) or "" for name in ROLE_FIELDS[role]}
    if not keep and not any(values.values()):
        MovementTrader.objects.filter(movement=movement, role=role).delete()
        return
    MovementTrader.objects.update_or_create(movement=movement, role=role, defaults=values)


# ---------------------------------------------------------------------------------------------
# Data of the model as a form posts it (the GET of a section binds the same data as its POST)


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


def _filled(value: Any) -> bool:
    return value not in (None, "", [], ())


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if _filled(value)}


def row_indexes(data: Mapping, prefix: str, limit: int) -> list[int]:
    """The row numbers present in ``data`` for ``prefix`` (``transport_details-3-…`` → 3), below ``limit``."""
    pattern = re.compile(rf"{re.escape(prefix)}-([0-9]{{1,3}})-")
    found = {int(match.group(1)) for key in data if (match := pattern.match(key))}
    return sorted(index for index in found if index < limit)


def _posted(data: Mapping, key: str) -> Any:
    if hasattr(data, "getlist"):
        values = data.getlist(key)
        return values if len(values) > 1 else (values[0] if values else None)
    return data.get(key)


def is_blank(form: forms.Form, data: Mapping) -> bool:
    """No field of the row was filled in."""
    return not any(_filled(_posted(data, form.add_prefix(name))) for name in form.fields)


def is_deleted(prefix: str, data: Mapping) -> bool:
    return _filled(data.get(f"{prefix}-{DELETE}"))


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


# ---------------------------------------------------------------------------------------------
# Sections


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
            data.update(_trader_data(movement.trader(role), role))
        return _compact(data)

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


def _form(fields: dict[str, forms.Field], data: Mapping | None, prefix: str | None = None) -> forms.Form:
    return type("SectionForm", (forms.Form,), dict(fields))(data=data, prefix=prefix)


class MovementSection(Section):
    key = "movement"
    slug = "mouvement"
    title = "Mouvement"
    hint = "Numéro de référence local (LRN), facture, origine, date et heure d'expédition."
    fields = (
        "local_reference_number",
        "invoice_number",
        "invoice_date",
        "origin_type_code",
        "dispatch_date",
        "dispatch_time",
        "deferred_submission",
    )

    ORIGINS = {DAE: (OriginType.TAX_WAREHOUSE, OriginType.IMPORT), DAES: (OriginType.DUTY_PAID,)}

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        kind = bound.movement.kind
        fields: dict[str, forms.Field] = {
            "local_reference_number": text(
                "Numéro de référence local (LRN)",
                22,
                help_text="Votre référence de ce document, 22 caractères au plus, jamais utilisée pour un autre.",
            ),
            "invoice_number": text("Numéro de facture", 35, help_text="Ou du bon de livraison."),
            "invoice_date": date_field("Date de facture"),
        }
        if kind in self.ORIGINS:
            fields["origin_type_code"] = choice_field(
                "Type d'origine",
                numbered((value, OriginType(value).label) for value in self.ORIGINS[kind]),
                coerce=int,
            )
        fields["dispatch_date"] = date_field(
            "Date d'expédition", help_text="Au plus tôt aujourd'hui, au plus tard dans 7 jours."
        )
        fields["dispatch_time"] = time_field("Heure d'expédition")
        fields["deferred_submission"] = forms.BooleanField(
            label="Régularisation d'un document établi en procédure de secours (expédition déjà faite)", required=False
        )
        bound.forms["movement"] = _form(fields, bound.data)

    def save(self, bound: Bound) -> None:
        values = dict(bound.cleaned("movement"))
        values["deferred_submission"] = True if values.get("deferred_submission") else None
        changed = self._save_fields(bound.movement, values, self.fields)
        bound.movement.save(update_fields=[*changed, "updated_at"])


class ConsignorSection(Section):
    key = "consignor"
    slug = "expediteur"
    title = "Expéditeur"
    hint = "Repris du référentiel douanier ; le numéro d'accise ne se modifie pas."
    fields = ("dispatch_office_code",)
    traders = (TraderRole.CONSIGNOR,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["consignor"] = trader_form(TraderRole.CONSIGNOR, bound.data)
        bound.forms["office"] = _form(
            {"dispatch_office_code": identifier_fields.customs_office_field("Bureau d'expédition")}, bound.data
        )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        values = dict(bound.cleaned("consignor"))
        _save_trader(movement, TraderRole.CONSIGNOR, values, keep=True)
        # The excise number is the movement's, whatever was posted.
        MovementTrader.objects.filter(movement=movement, role=TraderRole.CONSIGNOR).update(
            trader_excise_number=movement.consignor.number if movement.consignor else ""
        )
        changed = self._save_fields(movement, bound.cleaned("office"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


class ConsigneeSection(Section):
    key = "consignee"
    slug = "destinataire"
    title = "Destinataire"
    hint = "Son identifiant (numéro d'accise), son nom et son adresse."
    fields = ("complement_consignee_member_state", "complement_consignee_exemption_certificate")
    traders = (TraderRole.CONSIGNEE,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["consignee"] = trader_form(TraderRole.CONSIGNEE, bound.data)
        if bound.movement.kind == DAE:
            bound.forms["complement"] = _form(
                {
                    "complement_consignee_member_state": choice_field(
                        "État membre du destinataire exonéré", choices.list(codelists.MEMBER_STATES)
                    ),
                    "complement_consignee_exemption_certificate": text("Numéro du certificat d'exonération", 255),
                },
                bound.data,
            )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        values = bound.cleaned("consignee")
        _save_trader(movement, TraderRole.CONSIGNEE, values)
        movement.consignee_identifier = values.get("traderid") or ""
        changed = ["consignee_identifier"]
        if "complement" in bound.forms:
            changed += self._save_fields(movement, bound.cleaned("complement"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


class PlaceOfDispatchSection(Section):
    key = "place_of_dispatch"
    slug = "lieu-expedition"
    title = "Lieu d'expédition"
    hint = "L'entrepôt fiscal d'où partent les marchandises, ou le bureau d'importation."
    fields = ("dispatch_import_office_code",)
    traders = (TraderRole.PLACE_OF_DISPATCH,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["place_of_dispatch"] = trader_form(TraderRole.PLACE_OF_DISPATCH, bound.data)
        if bound.movement.kind == DAE:
            bound.forms["office"] = _form(
                {
                    "dispatch_import_office_code": identifier_fields.customs_office_field(
                        "Bureau d'importation (marchandises importées seulement)"
                    )
                },
                bound.data,
            )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        _save_trader(movement, TraderRole.PLACE_OF_DISPATCH, bound.cleaned("place_of_dispatch"))
        changed = self._save_fields(movement, bound.cleaned("office"), self.fields) if "office" in bound.forms else []
        movement.save(update_fields=[*changed, "updated_at"])


class DestinationSection(Section):
    key = "destination"
    slug = "destination"
    title = "Destination et lieu de livraison"
    hint = "Le type de destination, le lieu de livraison s'il diffère du destinataire."
    fields = ("destination_type_code", "delivery_place_customs_office_code")
    traders = (TraderRole.DELIVERY_PLACE,)

    # R196: the destination types a draft may take, by kind (7 is reserved, 11 comes from a change of destination).
    TYPES = rule_r196.ALLOWED

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        kind = bound.movement.kind
        fields: dict[str, forms.Field] = {}
        if kind in self.TYPES:
            fields["destination_type_code"] = choice_field(
                "Type de destination",
                numbered((value, DestinationType(value).label) for value in self.TYPES[kind]),
                coerce=int,
            )
            fields["delivery_place_customs_office_code"] = identifier_fields.customs_office_field(
                "Bureau de douane du lieu de livraison (exportation : bureau de sortie)"
            )
        bound.forms["destination"] = _form(fields, bound.data)
        bound.forms["delivery_place"] = trader_form(TraderRole.DELIVERY_PLACE, bound.data)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        _save_trader(movement, TraderRole.DELIVERY_PLACE, bound.cleaned("delivery_place"))
        changed = self._save_fields(movement, bound.cleaned("destination"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


class GuaranteeSection(Section):
    key = "guarantee"
    slug = "garantie"
    title = "Garantie"
    hint = "Qui garantit le paiement des droits pendant le mouvement."
    kinds = EMCS_KINDS
    fields = ("guarantor_type_code",)
    traders = (TraderRole.GUARANTOR_1, TraderRole.GUARANTOR_2)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        field = choice_field("Garant", numbered(GuarantorType.choices), field_class=GuarantorTypeField)
        bound.forms["guarantee"] = _form({"guarantor_type_code": field}, bound.data)
        bound.forms["guarantor_1"] = trader_form(TraderRole.GUARANTOR_1, bound.data)
        bound.forms["guarantor_2"] = trader_form(TraderRole.GUARANTOR_2, bound.data)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        for role in self.traders:
            _save_trader(movement, role, bound.cleaned(role))
        changed = self._save_fields(movement, bound.cleaned("guarantee"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


TRANSPORT_UNIT_FIELDS = (
    "transport_unit_code",
    "identity_of_transport_units",
    "commercial_seal_identification",
    "seal_information",
    "complementary_information",
)


class TransportSection(Section):
    key = "transport"
    slug = "transport"
    title = "Transport"
    hint = "Organisation, durée et mode du transport, transporteurs, unités de transport (véhicules…)."
    fields = (
        "transport_arrangement",
        "journey_time",
        "transport_mode_code",
        "transport_mode_complementary_information",
    )
    traders = (TraderRole.TRANSPORT_ARRANGER, TraderRole.FIRST_TRANSPORTER)
    groups = ("transport_details",)

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = super().current_data(movement)
        for index, unit in enumerate(movement.transport_details.all()):
            for name in TRANSPORT_UNIT_FIELDS:
                data[f"transport_details-{index}-{name}"] = raw(getattr(unit, name))
        return _compact(data)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        kind = bound.movement.kind
        fields: dict[str, forms.Field] = {}
        if kind in EMCS_KINDS:
            fields["transport_arrangement"] = choice_field(
                "Organisation du transport", numbered(TransportArrangement.choices), coerce=int
            )
            fields["journey_time"] = CodeField(
                label="Durée du transport",
                max_length=3,
                pattern=_JOURNEY_TIME,
                message="La durée s'écrit H suivie de 2 chiffres (heures) ou D suivie de 2 chiffres (jours), "
                "par exemple H12 ou D03.",
                help_text="H suivie du nombre d'heures (24 au plus) ou D suivie du nombre de jours : H12, D03.",
            )
        fields["transport_mode_code"] = choice_field("Mode de transport", choices.list(codelists.TRANSPORT_MODES))
        fields["transport_mode_complementary_information"] = text(
            "Précisions sur le mode de transport (mode « Autre »)", 350, textarea=True
        )
        bound.forms["transport"] = _form(fields, bound.data)
        if kind in EMCS_KINDS:
            bound.forms["transport_arranger"] = trader_form(TraderRole.TRANSPORT_ARRANGER, bound.data)
        bound.forms["first_transporter"] = trader_form(TraderRole.FIRST_TRANSPORTER, bound.data)
        units = choices.list(codelists.TRANSPORT_UNITS)

        def unit_form(prefix: str, data: Mapping | None) -> forms.Form:
            return _form(
                {
                    "transport_unit_code": choice_field("Unité de transport", units),
                    "identity_of_transport_units": text("Identité (immatriculation, numéro de conteneur…)", 35),
                    "commercial_seal_identification": text("Scellé commercial", 35),
                    "seal_information": text("Informations sur le scellé", 350),
                    "complementary_information": text("Informations complémentaires", 350),
                },
                data,
                prefix,
            )

        bound.rows["transport_details"] = bind_rows("transport_details", bound.data, unit_form, limit=MAX_ROWS)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        for role in self.traders:
            if role in bound.forms:
                _save_trader(movement, role, bound.cleaned(role))
        changed = self._save_fields(movement, bound.cleaned("transport"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])
        movement.transport_details.all().delete()
        TransportDetail.objects.bulk_create(
            TransportDetail(
                movement=movement,
                position=position,
                **{name: form.cleaned_data.get(name) or "" for name in TRANSPORT_UNIT_FIELDS},
            )
            for position, form in enumerate(bound.rows["transport_details"].kept, start=1)
        )


DOCUMENT_FIELDS = ("document_type", "document_reference", "document_description", "reference_of_document")


class DocumentsSection(Section):
    key = "documents"
    slug = "documents"
    title = "Documents d'accompagnement"
    hint = "Certificats et documents qui accompagnent les marchandises (facultatif, 9 au plus)."
    optional = True
    groups = ("documents",)

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = {}
        for index, document in enumerate(movement.documents.all()):
            for name in DOCUMENT_FIELDS:
                data[f"documents-{index}-{name}"] = raw(getattr(document, name))
        return _compact(data)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        types = choices.list(codelists.DOCUMENT_TYPES)

        def document_form(prefix: str, data: Mapping | None) -> forms.Form:
            return _form(
                {
                    "document_type": choice_field("Type de document", types),
                    "document_reference": text("Référence du document", 35),
                    "document_description": text("Description du document", 350),
                    "reference_of_document": text("Référence du document (texte libre)", 350),
                },
                data,
                prefix,
            )

        bound.rows["documents"] = bind_rows("documents", bound.data, document_form, limit=MAX_DOCUMENTS)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        movement.documents.all().delete()
        MovementDocument.objects.bulk_create(
            MovementDocument(
                movement=movement,
                position=position,
                **{name: form.cleaned_data.get(name) or "" for name in DOCUMENT_FIELDS},
            )
            for position, form in enumerate(bound.rows["documents"].kept, start=1)
        )
        movement.save(update_fields=["updated_at"])


# Lines --------------------------------------------------------------------------------------------

LINE_FIELDS = (
    "excise_product_code",
    "cn_code",
    "quantity",
    "gross_mass",
    "net_mass",
    "commercial_description",
    "brand_name",
    "designation_of_origin",
    "maturation_period",
    "fiscal_mark",
    "size_of_producer",
)
# Shown only when the product calls for them (or when they hold a value to correct); cleared otherwise.
STRENGTH_FIELDS = ("alcoholic_strength", "degree_plato", "density")
WINE_FIELDS = (
    "wine_product_category",
    "wine_growing_zone_code",
    "wine_third_country_of_origin",
    "wine_other_information",
    "wine_operations",
)
PACKAGE_FIELDS = (
    "kind_of_packages",
    "number_of_packages",
    "shipping_marks",
    "commercial_seal_identification",
    "seal_information",
)
WINE_CATEGORY = "W"


def line_fields_shown(product: ExciseProductCode | None, values: Mapping[str, Any]) -> set[str]:
    """The conditional fields a line shows: those its product's flags call for, and any holding a
    value (so that a value that does not apply can be seen and removed)."""
    shown = {name for name in (*STRENGTH_FIELDS, *WINE_FIELDS) if _filled(values.get(name))}
    if product is not None:
        if product.alcoholic_strength_applicable:
            shown.add("alcoholic_strength")
        if product.degree_plato_applicable:
            shown.add("degree_plato")
        if product.density_applicable:
            shown.add("density")
        if product.category == WINE_CATEGORY:
            shown.update(WINE_FIELDS)
    return shown


class LineForm(forms.Form):
    """One goods line. The CN codes offered are those of the chosen EPC (E200); choosing another
    EPC drops a CN code that is not its own."""

    def __init__(self, *args, choices: ReferenceChoices, previous_epc: str, **kwargs):
        super().__init__(*args, **kwargs)
        products = choices.products()
        data = self.data if self.is_bound else {}
        epc = str(data.get(self.add_prefix("excise_product_code")) or previous_epc or "").strip().upper()
        self.product = products.get(epc)
        self.previous_epc = previous_epc
        values = {name: _posted(data, self.add_prefix(name)) for name in (*STRENGTH_FIELDS, *WINE_FIELDS)}
        self.shown = line_fields_shown(self.product, values)
        self.fields["excise_product_code"] = choice_field(
            "Code produit d'accise (EPC)",
            [(code, f"{code} — {product.display}") for code, product in products.items()],
            help_text="Choisissez d'abord le produit : les codes NC proposés sont ceux de ce produit.",
        )
        self.fields["cn_code"] = forms.CharField(
            label="Code NC (nomenclature combinée)",
            required=False,
            widget=forms.Select(choices=[EMPTY_CHOICE, *choices.cn_codes(self.product.code if self.product else "")]),
        )
        self.cn_codes = {code for code, _label in choices.cn_codes(self.product.code if self.product else "")}
        self.fields["quantity"] = NumberField(
            label="Quantité",
            max_digits=15,
            decimal_places=3,
            help_text=f"En {self.unit}." if self.unit else "Dans l'unité du produit.",
        )
        self.fields["gross_mass"] = NumberField(label="Masse brute (kg)", max_digits=16, decimal_places=6)
        self.fields["net_mass"] = NumberField(label="Masse nette (kg)", max_digits=16, decimal_places=6)
        if "alcoholic_strength" in self.shown:
            self.fields["alcoholic_strength"] = NumberField(
                label="Titre alcoométrique volumique (% vol.)", max_digits=5, decimal_places=2
            )
        if "degree_plato" in self.shown:
            self.fields["degree_plato"] = NumberField(label="Degré Plato", max_digits=5, decimal_places=2)
        if "density" in self.shown:
            self.fields["density"] = NumberField(
                label="Masse volumique à 15 °C (kg/m³)", max_digits=5, decimal_places=2
            )
        self.fields["commercial_description"] = text("Désignation commerciale", 350, textarea=True)
        self.fields["brand_name"] = text("Marque", 350)
        self.fields["designation_of_origin"] = text("Appellation d'origine", 350)
        self.fields["maturation_period"] = text("Durée de vieillissement ou âge", 350)
        self.fields["fiscal_mark"] = text("Marque fiscale", 350)
        self.fields["size_of_producer"] = WholeNumberField(label="Taille du producteur (hl)", max_digits=15, minimum=1)
        if "wine_product_category" in self.shown:
            self.fields["wine_product_category"] = choice_field(
                "Catégorie de vin", numbered(WineProductCategory.choices), coerce=int
            )
            self.fields["wine_growing_zone_code"] = choice_field(
                "Zone viticole", choices.list(codelists.WINE_GROWING_ZONES)
            )
            self.fields["wine_third_country_of_origin"] = CodeField(
                label="Pays tiers d'origine (vin importé)",
                max_length=2,
                pattern=re.compile(r"[A-Z]{2}", re.ASCII),
                message="Le pays s'écrit avec son code ISO à 2 lettres, par exemple ZA.",
                help_text="Code à 2 lettres, par exemple ZA.",
            )
            self.fields["wine_other_information"] = text("Autres informations sur le vin", 350)
            self.fields["wine_operations"] = forms.TypedMultipleChoiceField(
                label="Opérations vitivinicoles",
                choices=choices.list(codelists.WINE_OPERATIONS),
                required=False,
                widget=forms.CheckboxSelectMultiple,
                error_messages={"invalid_choice": "Choisissez des opérations de la liste."},
            )

    @property
    def unit(self) -> str:
        if self.product is None:
            return ""
        return {"1": "kg", "2": "litres à 15 °C", "3": "litres à 20 °C", "4": "milliers d'unités"}.get(
            self.product.unit_of_measure, ""
        )

    def clean_cn_code(self) -> str:
        cn_code = re.sub(r"\s+", "", self.cleaned_data.get("cn_code") or "")
        if not cn_code:
            return ""
        if cn_code in self.cn_codes:
            return cn_code
        if self.product is None:
            raise forms.ValidationError("Choisissez d'abord le code produit d'accise, puis le code NC.")
        if self.product.code != self.previous_epc:
            return ""  # another product was chosen: its own CN codes are offered now
        raise forms.ValidationError(f"Choisissez un code NC de la liste : ceux du produit {self.product.code}.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for error in rule_r219.check(
            gross_mass=cleaned.get("gross_mass"), net_mass=cleaned.get("net_mass"), field="gross_mass"
        ):
            self.add_error("gross_mass", f"[{error.code}] {error.message}")
        return cleaned


def package_form(choices: ReferenceChoices):
    kinds = choices.package_kinds()

    def make(prefix: str, data: Mapping | None) -> forms.Form:
        return _form(
            {
                "kind_of_packages": choice_field("Type d'emballage", kinds),
                "number_of_packages": WholeNumberField(label="Nombre de colis", max_digits=15),
                "shipping_marks": text("Marques d'expédition", 999),
                "commercial_seal_identification": text("Scellé commercial", 35),
                "seal_information": text("Informations sur le scellé", 350),
            },
            data,
            prefix,
        )

    return make


@dataclass
class BoundLine:
    index: int
    line: MovementLine | None  # None: a new line
    form: LineForm
    packages: Rows
    deleted: bool

    @property
    def number(self) -> int:
        return self.line.body_record_unique_reference if self.line else self.index + 1


def line_data(line: MovementLine, index: int) -> dict[str, Any]:
    prefix = f"lines-{index}"
    data = {f"{prefix}-{name}": raw(getattr(line, name)) for name in (*LINE_FIELDS, *STRENGTH_FIELDS, *WINE_FIELDS)}
    for position, package in enumerate(line.packages.all()):
        for name in PACKAGE_FIELDS:
            data[f"{prefix}-packages-{position}-{name}"] = raw(getattr(package, name))
    return _compact(data)


class LinesSection(Section):
    """The goods lines. A post names the lines it changes (``lines-2-…``: the third line in
    order); lines it does not name are left as they are, so one line's page posts that line only."""

    key = "lines"
    slug = "lignes"
    title = "Marchandises"
    hint = "Une ligne par produit : code produit d'accise, code NC, quantités, emballages, données du vin."
    groups = ("lines",)

    def current_data(self, movement: Movement, index: int | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for position, line in enumerate(movement.lines.all()):
            if index is None or position == index:
                data.update(line_data(line, position))
        return data

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        lines = list(bound.movement.lines.all())
        bound.extra["lines"] = []
        for index in row_indexes(bound.data, "lines", MAX_LINES):
            bound.extra["lines"].append(self.bind_line(bound, lines, index, choices))

    def bind_line(self, bound: Bound, lines: list[MovementLine], index: int, choices: ReferenceChoices) -> BoundLine:
        line = lines[index] if index < len(lines) else None
        prefix = f"lines-{index}"
        form = LineForm(
            data=bound.data, prefix=prefix, choices=choices, previous_epc=line.excise_product_code if line else ""
        )
        packages = bind_rows(f"{prefix}-packages", bound.data, package_form(choices), limit=MAX_ROWS)
        deleted = is_deleted(prefix, bound.data)
        bound_line = BoundLine(index, line, form, packages, deleted)
        if not deleted:
            bound.forms[prefix] = form
            bound.rows[f"{prefix}-packages"] = packages
        return bound_line

    def empty_line(self, movement: Movement, index: int, choices: ReferenceChoices | None = None) -> Bound:
        """The page of a line not yet saved (« Ajouter une ligne »)."""
        bound = Bound(self, movement, {})
        bound.extra["lines"] = [
            BoundLine(
                index,
                None,
                LineForm(prefix=f"lines-{index}", choices=choices or ReferenceChoices(), previous_epc=""),
                bind_rows(f"lines-{index}-packages", {}, package_form(choices or ReferenceChoices()), limit=MAX_ROWS),
                False,
            )
        ]
        return bound

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        next_reference = max((line.body_record_unique_reference for line in movement.lines.all()), default=0) + 1
        doomed = []
        for item in bound.extra["lines"]:
            if item.deleted:
                if item.line is not None:
                    doomed.append(item.line.pk)
                continue
            if item.line is None and is_blank(item.form, bound.data) and not item.packages.kept:
                continue  # a new line left empty
            line = item.line or MovementLine(movement=movement, body_record_unique_reference=next_reference)
            if item.line is None:
                next_reference += 1
            values = item.form.cleaned_data
            for name in LINE_FIELDS:
                setattr(line, name, _model_value(MovementLine, name, values.get(name)))
            for name in (*STRENGTH_FIELDS, *WINE_FIELDS):
                setattr(line, name, _model_value(MovementLine, name, values.get(name)))
            line.save()
            line.packages.all().delete()
            LinePackage.objects.bulk_create(
                LinePackage(
                    line=line,
                    position=position,
                    **{name: _model_value(LinePackage, name, form.cleaned_data.get(name)) for name in PACKAGE_FIELDS},
                )
                for position, form in enumerate(item.packages.kept, start=1)
            )
        if doomed:
            MovementLine.objects.filter(movement=movement, pk__in=doomed).delete()
            renumber_lines(movement)
        movement.save(update_fields=["updated_at"])


def renumber_lines(movement: Movement) -> None:
    """Lines numbered 1, 2, 3 … again after a removal (a draft's numbers are not yet anyone's)."""
    for number, line in enumerate(
        MovementLine.objects.filter(movement=movement).order_by("body_record_unique_reference"), 1
    ):
        if line.body_record_unique_reference != number:
            line.body_record_unique_reference = number
            line.save(update_fields=["body_record_unique_reference"])


def _model_value(model, name: str, value: Any) -> Any:
    field = model._meta.get_field(name)
    if name == "wine_operations":
        return list(value or [])
    if value in (None, "") and not field.null:
        return ""
    if value == "" and field.null:
        return None
    return value


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


# ---------------------------------------------------------------------------------------------
# What a draft lacks: required fields, then the presence conditions of the official rules that
# make a group required or not applicable (C116, C010, C084, C012, C208, C207, C164, C074, C079,
# C078, C017, C101, C102, C127, C045, C006, C202: each in its module of ``gamma.rules``). Reads the
# movement with its relations prefetched.


def _missing(field: str, message: str, code: str = "") -> RuleError:
    return RuleError(code, field, message)


def _trader_has_data(trader: MovementTrader | None) -> bool:
    return presence.has_data(trader)


def _address(role: str, trader: MovementTrader | None, who: str) -> list[RuleError]:
    """The name and address a trader group requires, not by an official condition (no code)."""
    return presence.address("", role, trader, who)


def _missing_movement(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Movement."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    if not movement.local_reference_number:
        errors.append(_missing("local_reference_number", "Indiquez le numéro de référence local (LRN) du document."))
    if emcs and not movement.invoice_number:
        errors.append(_missing("invoice_number", "Indiquez le numéro de la facture (ou du bon de livraison)."))
    if emcs and movement.origin_type_code is None:
        errors.append(_missing("origin_type_code", "Choisissez le type d'origine des marchandises."))
    if movement.dispatch_date is None:
        errors.append(_missing("dispatch_date", "Indiquez la date d'expédition."))
    return errors


def _missing_consignor(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Consignor."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    errors += _address("consignor", traders.get(TraderRole.CONSIGNOR), "de l'expéditeur")
    if emcs and not movement.dispatch_office_code:
        errors.append(_missing("dispatch_office_code", "Indiquez le bureau d'expédition."))
    return errors


def _missing_consignee(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Consignee (C116, C010 and C084 in EMCS; a DSA always names its consignee)."""
    kind = movement.kind
    destination = movement.destination_type_code
    consignee = traders.get(TraderRole.CONSIGNEE)
    errors: list[RuleError] = []
    if kind not in EMCS_KINDS:
        errors += _address("consignee", consignee, "du destinataire")
    errors += c116.check(kind=kind, destination_type_code=destination, consignee=consignee)
    errors += c010.check(
        kind=kind, destination_type_code=destination, consignee_traderid=consignee.traderid if consignee else ""
    )
    errors += c084.check(
        kind=kind,
        destination_type_code=destination,
        member_state=movement.complement_consignee_member_state,
        exemption_certificate=movement.complement_consignee_exemption_certificate,
    )
    return errors


def _missing_place_of_dispatch(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Place of dispatch (C012, C208, C207)."""
    kind, origin = movement.kind, movement.origin_type_code
    place = traders.get(TraderRole.PLACE_OF_DISPATCH)
    return [
        *c012.check(
            kind=kind,
            origin_type_code=origin,
            dispatch_import_office_code=movement.dispatch_import_office_code,
            place_of_dispatch=place,
        ),
        *c208.check(
            kind=kind,
            origin_type_code=origin,
            reference_of_tax_warehouse=place.reference_of_tax_warehouse if place else "",
        ),
        *c207.check(kind=kind, origin_type_code=origin, place_of_dispatch=place),
    ]


def _missing_destination(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Destination (R196 is a draft rule; here C164, C074, C079, C078)."""
    kind = movement.kind
    destination = movement.destination_type_code
    delivery = traders.get(TraderRole.DELIVERY_PLACE)
    errors: list[RuleError] = []
    if kind in EMCS_KINDS and destination is None:
        errors.append(_missing("destination_type_code", "Choisissez le type de destination."))
    errors += c164.check(
        kind=kind,
        destination_type_code=destination,
        delivery_place=delivery,
        delivery_place_customs_office_code=movement.delivery_place_customs_office_code,
    )
    for rule in (c074, c079, c078):
        errors += rule.check(kind=kind, destination_type_code=destination, delivery_place=delivery)
    return errors


def _missing_guarantee(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Guarantee (C017, and C101 for each guarantor required)."""
    errors: list[RuleError] = []
    if movement.kind in EMCS_KINDS and not movement.guarantor_type_code:
        errors.append(_missing("guarantor_type_code", "Indiquez qui fournit la garantie."))
    errors += c017.check(
        kind=movement.kind,
        guarantor_type_code=movement.guarantor_type_code,
        guarantors=[traders.get(TraderRole.GUARANTOR_1), traders.get(TraderRole.GUARANTOR_2)],
    )
    return errors


def _missing_transport(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Transport (C102, C127)."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    if emcs and not movement.journey_time:
        errors.append(_missing("journey_time", "Indiquez la durée du transport (par exemple H12 ou D03)."))
    if emcs and movement.transport_arrangement is None:
        errors.append(_missing("transport_arrangement", "Indiquez qui organise le transport."))
    errors += c102.check(
        kind=movement.kind,
        transport_arrangement=movement.transport_arrangement,
        transport_arranger=traders.get(TraderRole.TRANSPORT_ARRANGER),
    )
    if _trader_has_data(traders.get(TraderRole.FIRST_TRANSPORTER)):
        errors += _address("first_transporter", traders.get(TraderRole.FIRST_TRANSPORTER), "du premier transporteur")
    if emcs and not movement.transport_mode_code:
        errors.append(_missing("transport_mode_code", "Choisissez le mode de transport."))
    errors += c127.check(
        transport_mode_code=movement.transport_mode_code,
        complementary_information=movement.transport_mode_complementary_information,
    )
    units = list(movement.transport_details.all())
    if emcs and not units:
        errors.append(
            _missing(
                "transport_details.0.transport_unit_code",
                "Ajoutez au moins une unité de transport (véhicule, conteneur…).",
            )
        )
    for index, unit in enumerate(units):
        if not unit.transport_unit_code:
            errors.append(
                _missing(f"transport_details.{index}.transport_unit_code", "Choisissez le type d'unité de transport.")
            )
    return errors


def _missing_lines(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Lines (C045)."""
    errors: list[RuleError] = []
    lines = list(movement.lines.all())
    if not lines:
        errors.append(_missing("lines", "Ajoutez au moins une ligne de marchandises."))
    for index, line in enumerate(lines):
        prefix = f"lines.{index}"
        for name, message in (
            ("excise_product_code", "Choisissez le code produit d'accise de la ligne {n}."),
            ("cn_code", "Choisissez le code NC de la ligne {n}."),
            ("quantity", "Indiquez la quantité de la ligne {n}."),
            ("gross_mass", "Indiquez la masse brute de la ligne {n}."),
            ("net_mass", "Indiquez la masse nette de la ligne {n}."),
        ):
            if not _filled(getattr(line, name)):
                errors.append(_missing(f"{prefix}.{name}", message.format(n=line.body_record_unique_reference)))
        packages = list(line.packages.all())
        if not packages:
            errors.append(
                _missing(
                    f"{prefix}.packages.0.kind_of_packages",
                    f"Ajoutez au moins un emballage à la ligne {line.body_record_unique_reference}.",
                )
            )
        for position, package in enumerate(packages):
            if not package.kind_of_packages:
                errors.append(
                    _missing(f"{prefix}.packages.{position}.kind_of_packages", "Choisissez le type d'emballage.")
                )
        wine_data = any(_filled(getattr(line, name)) for name in WINE_FIELDS if name != "wine_product_category")
        if wine_data and line.wine_product_category is None:
            errors.append(_missing(f"{prefix}.wine_product_category", "Choisissez la catégorie du vin."))
        errors += c045.check(
            wine_product_category=line.wine_product_category,
            third_country_of_origin=line.wine_third_country_of_origin,
            field=f"{prefix}.wine_third_country_of_origin",
        )
    return errors


def _missing_documents(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Documents (C006, C202)."""
    errors: list[RuleError] = []
    for index, document in enumerate(movement.documents.all()):
        errors += c006.check(
            document_type=document.document_type,
            document_description=document.document_description,
            reference_of_document=document.reference_of_document,
            field=f"documents.{index}.document_type",
        )
        errors += c202.check(
            document_type=document.document_type,
            document_reference=document.document_reference,
            field=f"documents.{index}.document_reference",
        )
    return errors


MISSING_CHECKS = (
    _missing_movement,
    _missing_consignor,
    _missing_consignee,
    _missing_place_of_dispatch,
    _missing_destination,
    _missing_guarantee,
    _missing_transport,
    _missing_lines,
    _missing_documents,
)


def missing(movement: Movement) -> list[RuleError]:
    """Every required field the draft lacks, and every group it holds that does not apply, in the
    order of the task list."""
    traders = {trader.role: trader for trader in movement.traders.all()}
    errors: list[RuleError] = []
    for check in MISSING_CHECKS:
        errors += check(movement, traders)
    return errors
