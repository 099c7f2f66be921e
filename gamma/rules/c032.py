"""C032: a rejection of the e-AD (IE819) gives one reason at least (BC22); an alert may give none.

Official text (``emcs/spec/C032.md``)::

    IF <E-AD/E-SAD Rejected flag> is True
    THEN < Alert or Rejection of Movement Reason Code > is 'R'
    ELSE < Alert or Rejection of Movement Reason Code > is 'O'"""

from gamma.rules.base import RuleError

CODE = "C032"
FIELD = "reason_code"
REASON_REQUIRED = "Un refus indique au moins un motif (C032)."


def check(*, rejected: bool, reasons: int, field: str = FIELD) -> list[RuleError]:
    """``reasons``: how many reasons the alert or rejection gives."""
    if rejected and not reasons:
        return [RuleError(CODE, field, REASON_REQUIRED)]
    return []
