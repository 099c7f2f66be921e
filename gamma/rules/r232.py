"""R232: a quantity of a report of receipt (IE818) — the shortage or excess observed, the quantity
refused — is greater than zero; a zero is written by leaving the quantity out.

Official text (``emcs/spec/R232.md``): "The value of the Data Item must be greater than zero." """

from decimal import Decimal

from gamma.rules.base import RuleError

CODE = "R232"
ZERO = "Saisissez une quantité supérieure à zéro, ou laissez le champ vide (R232)."


def check(*, quantity: Decimal | None, field: str) -> list[RuleError]:
    if quantity is not None and quantity <= 0:
        return [RuleError(CODE, field, ZERO)]
    return []
