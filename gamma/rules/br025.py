"""BR025: on each line of a report of receipt (IE818), the shortage observed plus the quantity refused
do not exceed the line's quantity.

Official text (``emcs/spec/BR025.md``): "It is obligatory that the sum of the observed shortage
and the refused quantity of each body report of receipt/manual closure that is included in the
draft report of receipt/manual closure is less or equal to the quantity of the body e-AD/e-SAD
with the same body record unique reference that is included in the last e-AD/e-SAD or the
refused quantity of the body report of receipt/manual closure with the same body record unique
reference that is included in the last, if any, report of receipt/manual closure that indicated
partial refusal."

The quantity compared is the e-AD line's (the caller's ``quantity``); an excess is not a shortage
and counts for nothing."""

from decimal import Decimal

from gamma.rules.base import RuleError, french_number

CODE = "BR025"
SHORTAGE = "S"  # TC47, Indicator of Shortage or Excess: S shortage, E excess
TOO_MUCH = "Le manquant et la quantité refusée dépassent la quantité de la ligne ({quantity}) (BR025)."


def check(
    *,
    quantity: Decimal | None,
    indicator: str,
    observed: Decimal | None,
    refused: Decimal | None,
    prefix: str = "",
) -> list[RuleError]:
    """The error is shown at the refused quantity when there is one, else at the shortage."""
    if quantity is None:
        return []
    shortage = observed if indicator == SHORTAGE and observed else Decimal(0)
    if shortage + (refused or Decimal(0)) <= quantity:
        return []
    field = f"{prefix}refused_quantity" if refused else f"{prefix}observed_quantity"
    return [RuleError(CODE, field, TOO_MUCH.format(quantity=french_number(quantity)))]
