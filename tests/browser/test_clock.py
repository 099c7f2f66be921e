"""The browser tests' clock (tests/conftest.py): from noon in Paris on the real day, ticking on from
one test to the next, so no test straddles midnight in Paris while Chromium and the live server
exchange dates, and the clock never goes back."""

import datetime
import zoneinfo

import pytest
from django.utils import timezone
from time_machine import escape_hatch

from tests import conftest

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

pytestmark = pytest.mark.browser


def test_a_browser_test_runs_in_the_afternoon_in_paris_on_the_real_day():
    real_day = escape_hatch.datetime.datetime.now(PARIS).date()
    now = timezone.localtime()
    assert now.tzinfo.key == "Europe/Paris"
    assert 12 <= now.hour < 18  # a browser session lasts minutes, not hours
    # The real day, unless the real clock crossed midnight in Paris between the two readings.
    assert now.date() in (real_day, real_day - datetime.timedelta(days=1))


def test_the_clock_ticks_during_a_browser_test():
    first = timezone.now()
    while timezone.now() == first:
        pass
    assert timezone.now() - first < datetime.timedelta(seconds=1)


def test_the_clock_goes_on_from_one_browser_test_to_the_next():
    """It shows noon plus the real time gone since the process's first browser test, so it never
    comes back to noon: what the portal counts over a while (login attempts) runs out."""
    real_start, noon = conftest._browser_clock
    gone = escape_hatch.datetime.datetime.now(PARIS) - real_start
    assert abs((timezone.now() - noon) - gone) < datetime.timedelta(seconds=2)
