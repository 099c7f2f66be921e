"""The section « Expéditeur »: the consignor, taken from the customs register (its excise number
is the movement's), and the office of dispatch."""

from __future__ import annotations

from gamma.models import Movement, MovementTrader, TraderRole
from gamma.rules import RuleError
from gamma.sections.base import EMCS_KINDS, Bound, Section, address, make_form, missing_field
from gamma.sections.fields import ReferenceChoices, office_field
from gamma.sections.traders import save_trader, trader_form


class ConsignorSection(Section):
    key = "consignor"
    slug = "expediteur"
    title = "Expéditeur"
    hint = "Repris du référentiel douanier ; le numéro d'accise ne se modifie pas."
    fields = ("dispatch_office_code",)
    traders = (TraderRole.CONSIGNOR,)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        bound.forms["consignor"] = trader_form(TraderRole.CONSIGNOR, bound.data)
        current = str((bound.data or {}).get("dispatch_office_code") or bound.movement.dispatch_office_code or "")
        bound.forms["office"] = make_form(
            {"dispatch_office_code": office_field("Bureau d'expédition", choices, current)}, bound.data
        )

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        values = dict(bound.cleaned("consignor"))
        save_trader(movement, TraderRole.CONSIGNOR, values, keep=True)
        # The excise number is the movement's, whatever was posted.
        MovementTrader.objects.filter(movement=movement, role=TraderRole.CONSIGNOR).update(
            trader_excise_number=movement.consignor.number if movement.consignor else ""
        )
        changed = self._save_fields(movement, bound.cleaned("office"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


def missing_consignor(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Consignor."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    errors += address("consignor", traders.get(TraderRole.CONSIGNOR), "de l'expéditeur")
    if emcs and not movement.dispatch_office_code:
        errors.append(missing_field("dispatch_office_code", "Indiquez le bureau d'expédition."))
    return errors
