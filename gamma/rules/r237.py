"""R237: the alcoholic strength lies between 0.5 and 100 % vol.

Official text (``emcs/spec/R237.md``): "The value of the Data Item must be greater than or equal
to 0.5 and less than or equal to 100." (IE815: Alcoholic Strength by Volume in Percentage.)"""

from decimal import Decimal

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "R237"
MINIMUM = Decimal("0.5")
MAXIMUM = Decimal("100")
MESSAGE = "Le titre alcoométrique volumique doit être compris entre 0,5 et 100 % vol."


def check(*, alcoholic_strength: Decimal | None, field: str) -> list[RuleError]:
    if alcoholic_strength is None:
        return []
    if not MINIMUM <= Decimal(alcoholic_strength) <= MAXIMUM:
        return [RuleError(CODE, field, MESSAGE)]
    return []


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    errors = []
    for index, line in enumerate(draft.lines):
        errors += check(alcoholic_strength=line.alcoholic_strength, field=f"lines.{index}.alcoholic_strength")
    return errors
