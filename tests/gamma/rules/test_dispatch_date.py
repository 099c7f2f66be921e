from datetime import date

import pytest

from gamma import rules
from gamma.rules import dispatch_date

TODAY = date(2025, 3, 12)


@pytest.mark.parametrize("day", [date(2025, 3, 12), date(2025, 3, 15), date(2025, 3, 19)])
def test_today_to_seven_days_ahead_passes(day, ctx):
    assert dispatch_date.check_draft(rules.Draft(dispatch_date=day), ctx) == []


def test_more_than_seven_days_ahead_is_refused(ctx):
    assert dispatch_date.check_draft(rules.Draft(dispatch_date=date(2025, 3, 20)), ctx) == [
        rules.RuleError(
            "DATE-EXP",
            "dispatch_date",
            "La date d'expédition ne peut pas dépasser de plus de 7 jours la date du jour : "
            "au plus tard le 19/03/2025.",
        )
    ]


def test_a_past_date_is_refused_for_a_normal_submission(ctx):
    assert dispatch_date.check_draft(rules.Draft(dispatch_date=date(2025, 3, 11)), ctx) == [
        rules.RuleError(
            "DATE-EXP",
            "dispatch_date",
            "La date d'expédition ne peut pas être antérieure à aujourd'hui (12/03/2025), sauf pour la régularisation "
            "d'un document établi en procédure de secours.",
        )
    ]


def test_a_past_date_passes_for_a_deferred_fallback_submission():
    assert dispatch_date.check(dispatch_date=date(2025, 2, 1), today=TODAY, deferred_submission=True) == []
    assert dispatch_date.check(dispatch_date=date(2025, 3, 25), today=TODAY, deferred_submission=True)[0].code == (
        "DATE-EXP"
    )


def test_a_missing_date_is_left_to_the_required_check():
    assert dispatch_date.check(dispatch_date=None, today=TODAY, deferred_submission=False) == []
