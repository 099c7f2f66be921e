"""R219: the gross mass is at least the net mass.

Official text (``emcs/spec/R219.md``): "The <Gross Mass> must be equal or higher than <Net Mass>"."""

from decimal import Decimal

from gamma.rules.base import Context, RuleError, french_number, register
from gamma.rules.draft import Draft

CODE = "R219"
MESSAGE = "La masse brute ({gross} kg) doit être supérieure ou égale à la masse nette ({net} kg)."


def check(*, gross_mass: Decimal | None, net_mass: Decimal | None, field: str) -> list[RuleError]:
    if gross_mass is None or net_mass is None:
        return []
    if Decimal(gross_mass) < Decimal(net_mass):
        return [RuleError(CODE, field, MESSAGE.format(gross=french_number(gross_mass), net=french_number(net_mass)))]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(gross_mass=line.gross_mass, net_mass=line.net_mass, field=f"lines.{index}.gross_mass")
    return errors
