"""The section « Mouvement »: the LRN, the invoice, the origin, the date and time of dispatch, a
regularisation of a fallback document, and the import customs declarations of imported goods
(C096: up to 9 numbers, one row each, required when the origin is import, not otherwise)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from gamma.models import Movement, MovementTrader, OriginType
from gamma.rules import RuleError, c096
from gamma.sections.base import DAE, DAES, EMCS_KINDS, Bound, Section, bind_rows, compact, make_form, missing_field
from gamma.sections.fields import ReferenceChoices, choice_field, date_field, numbered, text, time_field


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

    groups = (c096.GROUP,)

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
            "Date d'expédition",
            help_text="Au plus tôt aujourd'hui (sauf régularisation d'un document de secours), "
            "au plus tard dans 7 jours.",
        )
        fields["dispatch_time"] = time_field("Heure d'expédition")
        fields["deferred_submission"] = forms.BooleanField(
            label="Régularisation d'un document établi en procédure de secours (expédition déjà faite)", required=False
        )
        bound.forms["movement"] = make_form(fields, bound.data)
        # A DAE's goods may be imported (ORIGINS); another kind shows the numbers it was sent (an
        # uploaded IE815, say) so that they can be removed (C096 refuses them).
        if kind == DAE or bound.movement.import_customs_declarations:
            bound.rows[c096.GROUP] = bind_rows(c096.GROUP, bound.data, declaration_form, limit=c096.MAX_DECLARATIONS)

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = super().current_data(movement)
        for index, number in enumerate(movement.import_customs_declarations):
            data[f"{c096.GROUP}-{index}-number"] = number
        return compact(data)

    def save(self, bound: Bound) -> None:
        values = dict(bound.cleaned("movement"))
        values["deferred_submission"] = True if values.get("deferred_submission") else None
        changed = self._save_fields(bound.movement, values, self.fields)
        if c096.GROUP in bound.rows:
            bound.movement.import_customs_declarations = [
                form.cleaned_data["number"] for form in bound.rows[c096.GROUP].kept if form.cleaned_data["number"]
            ]
            changed.append(c096.GROUP)
        bound.movement.save(update_fields=[*changed, "updated_at"])


def declaration_form(prefix: str, data: Mapping | None) -> forms.Form:
    """One import customs declaration: its number, as the customs declaration gives it (an..21)."""
    return make_form(
        {
            "number": text(
                "Numéro de la déclaration en douane d'importation",
                c096.MAX_LENGTH,
                help_text="Le numéro (MRN) de la déclaration de mise en libre pratique, 21 caractères au plus ; "
                "9 déclarations au plus.",
            )
        },
        data,
        prefix,
    )


def missing_movement(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Movement."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    if not movement.local_reference_number:
        errors.append(
            missing_field("local_reference_number", "Indiquez le numéro de référence local (LRN) du document.")
        )
    if emcs and not movement.invoice_number:
        errors.append(missing_field("invoice_number", "Indiquez le numéro de la facture (ou du bon de livraison)."))
    if emcs and movement.origin_type_code is None:
        errors.append(missing_field("origin_type_code", "Choisissez le type d'origine des marchandises."))
    if movement.dispatch_date is None:
        errors.append(missing_field("dispatch_date", "Indiquez la date d'expédition."))
    errors += c096.check(
        kind=movement.kind,
        origin_type_code=movement.origin_type_code,
        import_customs_declarations=movement.import_customs_declarations,
    )
    return errors
