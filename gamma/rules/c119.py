"""C119: a report of receipt (IE818) partially refused refuses a quantity on one line at least.

Official text (``emcs/spec/C119.md``)::

    IF <Global Conclusion of Receipt> is "4: Receipt Partially Refused"
    THEN at least one positive (greater than zero)
    <REPORT OF RECEIPT/EXPORT Body.Refused quantity> shall be present."""

from collections.abc import Iterable
from decimal import Decimal

from gamma.rules.base import RuleError

CODE = "C119"
FIELD = "global_conclusion"
PARTIALLY_REFUSED = 4  # TC16, Global Conclusion of Receipt
NO_REFUSED_QUANTITY = "Une réception partiellement refusée indique au moins une quantité refusée (C119)."


def check(
    *, global_conclusion: int | None, refused_quantities: Iterable[Decimal | None], field: str = FIELD
) -> list[RuleError]:
    if global_conclusion == PARTIALLY_REFUSED and not any(quantity and quantity > 0 for quantity in refused_quantities):
        return [RuleError(CODE, field, NO_REFUSED_QUANTITY)]
    return []
