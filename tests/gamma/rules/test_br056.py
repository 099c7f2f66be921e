import datetime

from gamma.rules import br056
from gamma.rules.base import RuleError

DISPATCH = datetime.date(2026, 3, 10)


def test_arriving_before_the_dispatch_is_refused_with_the_paris_date():
    assert br056.check(date_of_arrival=datetime.date(2026, 3, 9), dispatch_date=DISPATCH) == [
        RuleError(
            "BR056",
            "date_of_arrival",
            "La date d'arrivée ne peut pas précéder la date d'expédition du 10/03/2026 (BR056).",
        )
    ]


def test_arriving_on_the_day_of_dispatch_or_after_passes():
    assert br056.check(date_of_arrival=DISPATCH, dispatch_date=DISPATCH) == []
    assert br056.check(date_of_arrival=datetime.date(2026, 3, 11), dispatch_date=DISPATCH) == []
    assert br056.check(date_of_arrival=None, dispatch_date=DISPATCH) == []
    assert br056.check(date_of_arrival=DISPATCH, dispatch_date=None) == []
