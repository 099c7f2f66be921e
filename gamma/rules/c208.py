"""C208: the reference of the tax warehouse of dispatch is required for goods under duty suspension
(a DAE) and does not apply to a duty paid movement (a DAES).

Official text (``emcs/spec/C208.md``)::

    IF it is related to a Duty Paid B2B movement
    THEN <Tax Warehouse Reference> is N/A
    ELSE <Tax Warehouse Reference> is 'R'

The kind of document (the IE815's submission message type) tells which, as the rule's note says.
Imported goods have no place of dispatch at all (C012)."""

from gamma.rules.base import RuleError
from gamma.rules.c012 import imported
from gamma.rules.draft import DAE, DAES
from gamma.rules.presence import not_applicable, required

CODE = "C208"
FIELD = "place_of_dispatch.reference_of_tax_warehouse"
REQUIRED = "Indiquez la référence de l'entrepôt fiscal d'expédition."
NOT_APPLICABLE = "Un DAES (droits acquittés) ne part pas d'un entrepôt fiscal : laissez ce champ vide."


def check(*, kind: str, origin_type_code: int | None, reference_of_tax_warehouse: str) -> list[RuleError]:
    if imported(origin_type_code):
        return []
    if kind == DAE and not reference_of_tax_warehouse:
        return [required(CODE, FIELD, REQUIRED)]
    if kind == DAES and reference_of_tax_warehouse:
        return [not_applicable(CODE, FIELD, NOT_APPLICABLE)]
    return []
