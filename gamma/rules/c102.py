"""C102: the transport arranger is named only when it is neither the consignor nor the consignee.

Official text (``emcs/spec/C102.md``)::

    IF (<E-AD/E-SAD Header.Transport Arrangement> (IE801) or (IE815) is "Consignor" or "Consignee")
    THEN <TRADER Transport Arranger> does not apply
    ELSE <TRADER Transport Arranger> is 'R'

The arrangement codes (``TransportArrangement`` of the schema's ``tcl.xsd``): 1 consignor, 2 consignee, 3 owner of the
goods, 4 other. Before the arrangement is chosen, the task list asks for it (no code)."""

from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, Trader, address, has_data, not_applicable

CODE = "C102"
GROUP = "transport_arranger"
REQUIRED_FOR = frozenset({3, 4})  # owner of the goods, other
NOT_APPLICABLE = (
    "L'organisateur du transport n'est à indiquer que s'il n'est ni l'expéditeur ni le destinataire : laissez ces "
    "champs vides."
)


def check(*, kind: str, transport_arrangement: int | None, transport_arranger: Trader | None) -> list[RuleError]:
    if kind not in EMCS_KINDS or transport_arrangement is None:
        return []
    if transport_arrangement in REQUIRED_FOR:
        return address(CODE, GROUP, transport_arranger, "de l'organisateur du transport")
    if has_data(transport_arranger):
        return [not_applicable(CODE, f"{GROUP}.trader_name", NOT_APPLICABLE)]
    return []
