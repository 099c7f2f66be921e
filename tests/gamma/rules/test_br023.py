import datetime

from gamma.rules import br023
from gamma.rules.base import RuleError

TODAY = datetime.date(2026, 3, 12)


def test_a_date_of_arrival_in_the_future_is_refused():
    assert br023.check(date_of_arrival=TODAY + datetime.timedelta(days=1), today=TODAY) == [
        RuleError("BR023", "date_of_arrival", "La date d'arrivée ne peut pas être dans le futur (BR023).")
    ]


def test_today_or_before_passes_and_a_missing_date_is_not_this_rules():
    assert br023.check(date_of_arrival=TODAY, today=TODAY) == []
    assert br023.check(date_of_arrival=TODAY - datetime.timedelta(days=9), today=TODAY) == []
    assert br023.check(date_of_arrival=None, today=TODAY) == []
