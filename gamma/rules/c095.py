"""C095: a refused quantity is declared only in a report of receipt (IE818) partially refused.

Official text (``emcs/spec/C095.md``)::

    IF <Global Conclusion of Receipt> is "4 = Receipt partially refused"
    THEN <Refused Quantity> is 'O'
    ELSE <Refused Quantity> does not apply."""

from decimal import Decimal

from gamma.rules.base import RuleError

CODE = "C095"
PARTIALLY_REFUSED = 4  # TC16, Global Conclusion of Receipt
NOT_APPLICABLE = "Une quantité refusée ne se déclare qu'avec une réception partiellement refusée (C095)."


def check(*, global_conclusion: int | None, refused: Decimal | None, field: str) -> list[RuleError]:
    if refused is not None and global_conclusion != PARTIALLY_REFUSED:
        return [RuleError(CODE, field, NOT_APPLICABLE)]
    return []
