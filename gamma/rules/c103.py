"""C103: a change of destination (IE813) that changes the transport arrangement names the new
transport arranger only when it is neither the consignor nor the consignee.

Official text (``emcs/spec/C103.md``)::

    IF <Changed Transport Arrangement> is not given
    THEN <(NEW TRANSPORT ARRANGER) TRADER> does not apply
    ELSE IF <Changed Transport Arrangement> is "Consignor" or "Consignee"
    THEN <(NEW TRANSPORT ARRANGER) TRADER> does not apply
    ELSE <(NEW TRANSPORT ARRANGER) TRADER> is 'R'.

The arrangement codes (TC70): 1 consignor, 2 consignee, 3 owner of the goods, 4 other. The IE815's
twin is C102."""

from gamma.rules.base import RuleError
from gamma.rules.presence import Trader, address, has_data, not_applicable

CODE = "C103"
GROUP = "transport_arranger"
REQUIRED_FOR = frozenset({3, 4})  # owner of the goods, other
NOT_APPLICABLE = (
    "Le nouvel organisateur du transport ne s'indique que si l'organisation du transport change et "
    "qu'il n'est ni l'expéditeur ni le destinataire : laissez ces champs vides (C103)."
)


def check(*, changed_transport_arrangement: int | None, transport_arranger: Trader | None) -> list[RuleError]:
    if changed_transport_arrangement in REQUIRED_FOR:
        return [
            RuleError(CODE, error.field, f"{error.message[:-1]} (C103).")
            for error in address(CODE, GROUP, transport_arranger, "du nouvel organisateur du transport")
        ]
    if has_data(transport_arranger):
        return [not_applicable(CODE, f"{GROUP}.trader_name", NOT_APPLICABLE)]
    return []
