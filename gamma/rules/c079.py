"""C079: the name of the place of delivery is required, except for a direct delivery.

Official text (``emcs/spec/C079.md``)::

    IF <Destination Type Code> is "Destination - Direct delivery"
       THEN <Trader Name> is 'O'
       ELSE <Trader Name> is 'R'

Checked when the place of delivery is given (C164)."""

from gamma.rules.base import RuleError
from gamma.rules.c164 import delivery_place_given
from gamma.rules.presence import EMCS_KINDS, Trader, address

CODE = "C079"
GROUP = "delivery_place"
DIRECT_DELIVERY = 4


def check(*, kind: str, destination_type_code: int | None, delivery_place: Trader | None) -> list[RuleError]:
    if kind not in EMCS_KINDS or not delivery_place_given(destination_type_code, delivery_place):
        return []
    if destination_type_code == DIRECT_DELIVERY:
        return []
    return address(CODE, GROUP, delivery_place, "du lieu de livraison", ("trader_name",))
