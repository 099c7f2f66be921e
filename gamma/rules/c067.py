"""C067: a line of a report of receipt (IE818) that says « shortage » or « excess » says how much; a
quantity without saying which does not apply.

Official text (``emcs/spec/C067.md``)::

    IF <Indicator of Shortage or Excess> is given
      THEN <Observed Shortage or Excess> is 'R'
      ELSE <Observed Shortage or Excess> does not apply

The indicator is TC47's ``S`` (shortage) or ``E`` (excess); a quantity of zero is no quantity."""

from decimal import Decimal

from gamma.rules.base import RuleError

CODE = "C067"
QUANTITY_REQUIRED = "Saisissez la quantité manquante ou excédentaire (C067)."
INDICATOR_REQUIRED = "Dites s'il s'agit d'un manquant ou d'un excédent."


def check(*, indicator: str | None, observed: Decimal | None, prefix: str = "") -> list[RuleError]:
    if indicator and not observed:
        return [RuleError(CODE, f"{prefix}observed_quantity", QUANTITY_REQUIRED)]
    if observed and not indicator:
        return [RuleError(CODE, f"{prefix}indicator", INDICATOR_REQUIRED)]
    return []
