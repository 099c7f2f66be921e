"""C207: the place of dispatch of a duty paid movement (a DAES) gives its name and address.

Official text (``emcs/spec/C207.md``)::

    IF it is related to a Duty Paid B2B movement
    THEN < Trader Name >, < Street Name >, < Post Code >, < City > are 'R'
    ELSE they are 'O'

The kind of document (the IE815's submission message type) tells which, as the rule's note says.
Imported goods have no place of dispatch at all (C012)."""

from gamma.rules.base import RuleError
from gamma.rules.c012 import imported
from gamma.rules.draft import DAES
from gamma.rules.presence import Trader, address

CODE = "C207"
GROUP = "place_of_dispatch"


def check(*, kind: str, origin_type_code: int | None, place_of_dispatch: Trader | None) -> list[RuleError]:
    if kind != DAES or imported(origin_type_code):
        return []
    return address(CODE, GROUP, place_of_dispatch, "du lieu d'expédition")
