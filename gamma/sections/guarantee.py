"""The section « Garantie »: who guarantees the duties (a code of the EU's list, TC29) and the
guarantors that type needs (C017, C101)."""

from __future__ import annotations

from typing import Any

from django import forms

from gamma.models import GuarantorType, Movement, MovementTrader, TraderRole
from gamma.rules import RuleError, c017
from gamma.rules import tc29 as rule_tc29
from gamma.sections.base import EMCS_KINDS, Bound, Section, make_form, missing_field
from gamma.sections.fields import ReferenceChoices, choice_field, numbered
from gamma.sections.traders import save_trader, trader_form


class GuarantorTypeField(forms.TypedChoiceField):
    """The guarantor type: a code outside the EU list (HMRC's ``0`` …) is refused with TC29's message."""

    def validate(self, value: Any) -> None:
        for error in rule_tc29.check(guarantor_type_code=value):
            raise forms.ValidationError(f"[{error.code}] {error.message}")
        super().validate(value)


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
        bound.forms["guarantee"] = make_form({"guarantor_type_code": field}, bound.data)
        bound.forms["guarantor_1"] = trader_form(TraderRole.GUARANTOR_1, bound.data)
        bound.forms["guarantor_2"] = trader_form(TraderRole.GUARANTOR_2, bound.data)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        for role in self.traders:
            save_trader(movement, role, bound.cleaned(role))
        changed = self._save_fields(movement, bound.cleaned("guarantee"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


def missing_guarantee(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Guarantee (C017, and C101 for each guarantor required)."""
    errors: list[RuleError] = []
    if movement.kind in EMCS_KINDS and not movement.guarantor_type_code:
        errors.append(missing_field("guarantor_type_code", "Indiquez qui fournit la garantie."))
    errors += c017.check(
        kind=movement.kind,
        guarantor_type_code=movement.guarantor_type_code,
        guarantors=[traders.get(TraderRole.GUARANTOR_1), traders.get(TraderRole.GUARANTOR_2)],
    )
    return errors
