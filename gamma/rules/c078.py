"""C078: the address of the place of delivery is required, except for a tax warehouse (whose
excise number says where it is).

Official text (``emcs/spec/C078.md``)::

    IF <Destination Type Code> is "Destination - Tax warehouse"
       THEN <Street Name>, <Postcode>, <City> are 'O'
       ELSE <Street Name>, <Postcode>, <City> are 'R'

Checked when the place of delivery is given (C164)."""

from gamma.rules.base import RuleError
from gamma.rules.c164 import delivery_place_given
from gamma.rules.presence import EMCS_KINDS, Trader, address

CODE = "C078"
GROUP = "delivery_place"
TAX_WAREHOUSE = 1
FIELDS = ("street_name", "postcode", "city")


def check(*, kind: str, destination_type_code: int | None, delivery_place: Trader | None) -> list[RuleError]:
    if kind not in EMCS_KINDS or not delivery_place_given(destination_type_code, delivery_place):
        return []
    if destination_type_code == TAX_WAREHOUSE:
        return []
    return address(CODE, GROUP, delivery_place, "du lieu de livraison", FIELDS)
