"""C101: a trader identified by its excise number may leave its name and address out; one without
must give them. The task list applies it to the guarantors (C017 says how many there are).

Official text (``emcs/spec/C101.md``)::

    IF <Trader Excise Number> is given
    THEN <Trader Name>, <Street Name>, <Postcode>, <City> are 'O'
    ELSE <Trader Name>, <Street Name>, <Postcode>, <City> are 'R'"""

from gamma.rules.base import RuleError
from gamma.rules.presence import Trader, address

CODE = "C101"


def check(*, group: str, trader: Trader | None, who: str) -> list[RuleError]:
    """``group``: the trader group's path (``guarantor_1``); ``who`` completes the messages (« du garant »)."""
    if trader is not None and trader.trader_excise_number:
        return []
    return address(CODE, group, trader, who)
