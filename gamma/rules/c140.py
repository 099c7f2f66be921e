"""C140: a report of receipt (IE818) accepted and satisfactory has no line; any other conclusion
details one line at least (what is short, in excess or refused).

Official text (``emcs/spec/C140.md``)::

    IF <Global Conclusion of Receipt> is anything but "1: Receipt accepted and satisfactory"
    and "21: Exit accepted and satisfactory"
    THEN at least one <REPORT OF RECEIPT/EXPORT Body> shall be present.
    Otherwise, the <REPORT OF RECEIPT/EXPORT Body> is not applicable.

The portal reports receipts, not exits: its conclusions are TC16's 1 to 4 (an unknown one is the
form's to refuse, not this rule's)."""

from gamma.rules.base import RuleError

CODE = "C140"
FIELD = "global_conclusion"
ACCEPTED_SATISFACTORY = 1  # TC16
NOT_SATISFACTORY = (2, 3, 4)  # TC16: accepted though unsatisfactory, refused, partially refused
NO_LINE_APPLIES = (
    "Une réception « acceptée et satisfaisante » ne signale ni manquant, ni excédent, ni refus : "
    "choisissez « acceptée bien que non satisfaisante » (C140)."
)
LINE_REQUIRED = "Détaillez au moins une ligne : ce qui manque, excède ou est refusé (C140)."


def check(*, global_conclusion: int | None, lines_reported: int, field: str = FIELD) -> list[RuleError]:
    """``lines_reported``: how many lines the report details."""
    if global_conclusion == ACCEPTED_SATISFACTORY and lines_reported:
        return [RuleError(CODE, field, NO_LINE_APPLIES)]
    if global_conclusion in NOT_SATISFACTORY and not lines_reported:
        return [RuleError(CODE, field, LINE_REQUIRED)]
    return []
