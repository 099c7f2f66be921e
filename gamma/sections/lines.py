"""The section « Marchandises »: the goods lines, one page per line, each with its packages and,
for a wine, its wine data (C045). The conditional fields (strength, degree Plato, density, wine) are
shown when the product calls for them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms

from emcs import codelists
from emcs.models import ExciseProductCode
from gamma.models import LinePackage, Movement, MovementLine, MovementTrader, WineProductCategory
from gamma.rules import RuleError, c045
from gamma.rules import br018 as rule_br018
from gamma.rules import r219 as rule_r219
from gamma.sections.base import (
    MAX_LINES,
    MAX_ROWS,
    Bound,
    Rows,
    Section,
    bind_rows,
    compact,
    filled,
    is_blank,
    is_deleted,
    make_form,
    missing_field,
    posted,
    raw,
    row_indexes,
)
from gamma.sections.fields import (
    EMPTY_CHOICE,
    CodeField,
    NumberField,
    ReferenceChoices,
    SearchableSelect,
    WholeNumberField,
    choice_field,
    numbered,
    text,
)

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
    shown = {name for name in (*STRENGTH_FIELDS, *WINE_FIELDS) if filled(values.get(name))}
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
        values = {name: posted(data, self.add_prefix(name)) for name in (*STRENGTH_FIELDS, *WINE_FIELDS)}
        self.shown = line_fields_shown(self.product, values)
        self.fields["excise_product_code"] = choice_field(
            "Code produit d'accise (EPC)",
            [(code, f"{code} — {product.display}") for code, product in products.items()],
            help_text="Choisissez d'abord le produit : les codes NC proposés sont ceux de ce produit.",
        )
        self.fields["cn_code"] = forms.CharField(
            label="Code NC (nomenclature combinée)",
            required=False,
            widget=SearchableSelect(
                choices=[EMPTY_CHOICE, *choices.cn_codes(self.product.code if self.product else "")]
            ),
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
                label="Titre alcoométrique volumique (% vol.)",
                max_digits=5,
                decimal_places=2,
                help_text="Entre 0,5 et 100.",  # R237
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
            countries = choices.list(codelists.COUNTRIES)
            country = str(data.get(self.add_prefix("wine_third_country_of_origin")) or "").strip().upper()
            if country and country not in {code for code, _label in countries}:
                countries = [(country, country), *countries]  # kept as stored, checked below
            self.fields["wine_third_country_of_origin"] = CodeField(
                label="Pays tiers d'origine (vin importé)",
                max_length=2,
                pattern=re.compile(r"[A-Z]{2}", re.ASCII),
                message="Le pays s'écrit avec son code ISO à 2 lettres, par exemple ZA.",
                widget=SearchableSelect(choices=[EMPTY_CHOICE, *countries]),
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
        # The correspondence EPC ↔ CN code is BR018's, as the validation and the EDI channel say it
        # (S500 takes any CN code).
        errors = rule_br018.check(
            excise_product_code=self.product.code, cn_code=cn_code, cn_codes_of_epc=self.cn_codes, field="cn_code"
        )
        if errors:
            raise forms.ValidationError([f"[{error.code}] {error.message}" for error in errors])
        return cn_code

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
        return make_form(
            {
                "kind_of_packages": choice_field("Type d'emballage", kinds, searchable=True),
                "number_of_packages": WholeNumberField(
                    label="Nombre de colis",
                    max_digits=15,
                    help_text="Laissez vide pour du vrac ou des marchandises non emballées.",  # C073
                ),
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
    return compact(data)


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


def missing_lines(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Lines (C045)."""
    errors: list[RuleError] = []
    lines = list(movement.lines.all())
    if not lines:
        errors.append(missing_field("lines", "Ajoutez au moins une ligne de marchandises."))
    for index, line in enumerate(lines):
        prefix = f"lines.{index}"
        for name, message in (
            ("excise_product_code", "Choisissez le code produit d'accise de la ligne {n}."),
            ("cn_code", "Choisissez le code NC de la ligne {n}."),
            ("quantity", "Indiquez la quantité de la ligne {n}."),
            ("gross_mass", "Indiquez la masse brute de la ligne {n}."),
            ("net_mass", "Indiquez la masse nette de la ligne {n}."),
        ):
            if not filled(getattr(line, name)):
                errors.append(missing_field(f"{prefix}.{name}", message.format(n=line.body_record_unique_reference)))
        packages = list(line.packages.all())
        if not packages:
            errors.append(
                missing_field(
                    f"{prefix}.packages.0.kind_of_packages",
                    f"Ajoutez au moins un emballage à la ligne {line.body_record_unique_reference}.",
                )
            )
        for position, package in enumerate(packages):
            if not package.kind_of_packages:
                errors.append(
                    missing_field(f"{prefix}.packages.{position}.kind_of_packages", "Choisissez le type d'emballage.")
                )
        wine_data = any(filled(getattr(line, name)) for name in WINE_FIELDS if name != "wine_product_category")
        if wine_data and line.wine_product_category is None:
            errors.append(missing_field(f"{prefix}.wine_product_category", "Choisissez la catégorie du vin."))
        errors += c045.check(
            wine_product_category=line.wine_product_category,
            third_country_of_origin=line.wine_third_country_of_origin,
            field=f"{prefix}.wine_third_country_of_origin",
        )
    return errors
