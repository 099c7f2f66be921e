"""C010: the consignee's identification (its excise number) by destination type.

Official text (``emcs/spec/C010.md``)::

    IF <Destination Type Code> is in: Tax warehouse, Registered consignee, Temporary registered
       consignee, Direct delivery, Certified Consignee, Temporary Certified Consignee,
       Return to the place of dispatch of the consignor (Duty Paid B2B)
    THEN <TRADER Consignee.Trader Identification> is 'R'
    ELSE IF <Destination Type Code> is "Destination - Export"
    THEN <TRADER Consignee.Trader Identification> is 'O'
    ELSE <TRADER Consignee.Trader Identification> does not apply

So required for 1, 2, 3, 4, 9, 10, 11; optional for 6 (export: a VAT number, say); not applicable
for 5 (exempted consignee) and 8 (unknown destination)."""

from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, not_applicable, required

CODE = "C010"
FIELD = "consignee.traderid"
REQUIRED_FOR = frozenset({1, 2, 3, 4, 9, 10, 11})
NOT_APPLICABLE_FOR = frozenset({5, 8})
REQUIRED = "Indiquez l'identifiant du destinataire (son numéro d'accise) pour ce type de destination."
NOT_APPLICABLE = "L'identifiant du destinataire ne s'applique pas à ce type de destination : laissez-le vide."


def check(
    *, kind: str, destination_type_code: int | None, consignee_traderid: str, field: str = FIELD
) -> list[RuleError]:
    if kind not in EMCS_KINDS or destination_type_code is None:
        return []
    if destination_type_code in REQUIRED_FOR and not consignee_traderid:
        return [required(CODE, field, REQUIRED)]
    if destination_type_code in NOT_APPLICABLE_FOR and consignee_traderid:
        return [not_applicable(CODE, field, NOT_APPLICABLE)]
    return []
