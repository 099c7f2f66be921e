"""C116: the consignee is required, except for an unknown destination, where it does not apply.

Official text (``emcs/spec/C116.md``)::

    IF <Destination Type> is "8: Unknown destination (consignee unknown)",
    THEN <TRADER Consignee> does not apply
    ELSE <TRADER Consignee> is 'R';

Before the destination type is chosen, a consignee already typed in is checked as if it were
required. A DSA (national) always names its consignee, without this code."""

from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, Trader, address, has_data, not_applicable

CODE = "C116"
GROUP = "consignee"
UNKNOWN_DESTINATION = 8
NOT_APPLICABLE = "Le destinataire ne s'applique pas à une destination inconnue (type 8) : laissez ces champs vides."


def check(*, kind: str, destination_type_code: int | None, consignee: Trader | None) -> list[RuleError]:
    if kind not in EMCS_KINDS:
        return []
    if destination_type_code == UNKNOWN_DESTINATION:
        return [not_applicable(CODE, f"{GROUP}.trader_name", NOT_APPLICABLE)] if has_data(consignee) else []
    if destination_type_code is not None or has_data(consignee):
        return address(CODE, GROUP, consignee, "du destinataire")
    return []
