"""C210: a change of destination (IE813) may give a new guarantee, but not for a duty-paid
movement, which has none to change.

Official text (``emcs/spec/C210.md``)::

    IF <IE813> is related to a Duty Paid movement (i.e. as derived from its structure)
    THEN <MOVEMENT GUARANTEE> does not apply
    ELSE <MOVEMENT GUARANTEE> is 'O'

The portal's duty-paid movements are the DAES (between member states) and the DSA (national)."""

from gamma.rules.base import RuleError
from gamma.rules.presence import not_applicable

CODE = "C210"
FIELD = "guarantor_type_code"
UNDER_SUSPENSION = frozenset({"DAE"})
NOT_APPLICABLE = (
    "Un document de circulation de produits soumis à accise déjà acquittée n'a pas de garantie à changer : "
    "laissez la garantie vide (C210)."
)


def check(*, kind: str, guarantee_given: bool, field: str = FIELD) -> list[RuleError]:
    if guarantee_given and kind not in UNDER_SUSPENSION:
        return [not_applicable(CODE, field, NOT_APPLICABLE)]
    return []
