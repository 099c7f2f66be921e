"""C010: the consignee's identification (its excise number) by destination type (TC32): required for a
tax warehouse, a (temporary) registered or certified consignee, a direct delivery and a return to
the place of dispatch; optional for an export; not applicable otherwise (exempted consignee,
unknown destination).

Official text (``emcs/spec/C010.md``)::

    IF <Destination Type Code> is in: 1, 2, 3, 4, 9, 10, 11
    THEN <TRADER Consignee.Trader Identification> is 'R'
    ELSE IF <Destination Type Code> is: 6 (Export)
    THEN <TRADER Consignee.Trader Identification> is 'O'
    ELSE <TRADER Consignee.Trader Identification> does not apply

A change of destination (IE813) calls :func:`check` on the new consignee (a return to the place of
dispatch, type 11, takes the consignor's own number); the number's format is ``identifiers.excise``'s."""

from gamma.rules.base import RuleError

CODE = "C010"
FIELD = "consignee_traderid"
REQUIRED = frozenset({1, 2, 3, 4, 9, 10, 11})
OPTIONAL = frozenset({6})
MISSING = "Saisissez le numéro d'accise du nouveau destinataire."
NOT_APPLICABLE = "L'identifiant du destinataire ne s'applique pas à ce type de destination : laissez-le vide."


def required(destination_type_code: int | None) -> bool:
    return destination_type_code in REQUIRED


def check(*, destination_type_code: int | None, traderid: str, field: str = FIELD) -> list[RuleError]:
    if destination_type_code is None:
        return []
    if required(destination_type_code) and not traderid:
        return [RuleError(CODE, field, MISSING)]
    if destination_type_code not in REQUIRED | OPTIONAL and traderid:
        return [RuleError(CODE, field, NOT_APPLICABLE)]
    return []
