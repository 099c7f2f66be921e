"""C159: each line of a report of receipt (IE818) that is not accepted and satisfactory says why,
with one unsatisfactory reason at least (BC46).

Official text (``emcs/spec/C159.md``)::

    IF <Global Conclusion of Receipt> is anything but
    "1: Receipt accepted and satisfactory" and
    "21 = Exit accepted and satisfactory"
    THEN
    at least one <UNSATISFACTORY REASON>shall be present
    Otherwise,
    the <UNSATISFACTORY REASON> is not applicable

Checked on each line the report details; the portal's conclusions are TC16's 1 to 4."""

from gamma.rules.base import RuleError

CODE = "C159"
NOT_SATISFACTORY = (2, 3, 4)  # TC16: accepted though unsatisfactory, refused, partially refused
REASON_REQUIRED = "Indiquez pourquoi la réception n'est pas satisfaisante (C159)."


def check(*, global_conclusion: int | None, reasons: int, field: str) -> list[RuleError]:
    """``reasons``: how many unsatisfactory reasons the line gives."""
    if global_conclusion in NOT_SATISFACTORY and not reasons:
        return [RuleError(CODE, field, REASON_REQUIRED)]
    return []
