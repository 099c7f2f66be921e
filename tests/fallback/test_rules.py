"""What a user types in GPS: registration, date and time of dispatch, each refusal in French."""

import datetime

import pytest
from django.utils import timezone

from fallback import rules
from fallback.errors import FallbackError


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("457TY24", "457TY24"),
        ("ab-123-cd", "AB-123-CD"),
        ("  AB  123   CD ", "AB 123 CD"),
        ("B 1234 XYZ", "B 1234 XYZ"),
    ],
)
def test_registrations_are_kept_in_capitals(typed, kept):
    assert rules.vehicle_registration(typed) == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", rules.REGISTRATION_EMPTY),
        ("   ", rules.REGISTRATION_EMPTY),
        ("AB/123", rules.REGISTRATION_CHARACTERS),
        ("AB_123", rules.REGISTRATION_CHARACTERS),
        ("<script>", rules.REGISTRATION_CHARACTERS),
        ("ÉTÉ-123", rules.REGISTRATION_CHARACTERS),
        ("-AB123", rules.REGISTRATION_CHARACTERS),
        ("AB123-", rules.REGISTRATION_CHARACTERS),
        ("=1+2", rules.REGISTRATION_CHARACTERS),
        ("A", rules.REGISTRATION_LENGTH),
        ("A" * 21, rules.REGISTRATION_LENGTH),
    ],
)
def test_bad_registrations_are_refused_at_their_field(typed, message):
    with pytest.raises(FallbackError) as refused:
        rules.vehicle_registration(typed)
    assert refused.value.message == message
    assert refused.value.field == "vehicle_registration"


def test_the_seed_date_and_time_are_read():
    assert rules.dispatch_date("10/04/2009") == datetime.date(2009, 4, 10)
    assert rules.dispatch_time("15:02") == datetime.time(15, 2)
    assert rules.dispatch_time("9h05") == datetime.time(9, 5)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", rules.DATE_EMPTY),
        ("2009-04-10", rules.DATE_FORMAT),
        ("10/04/09", rules.DATE_FORMAT),
        ("demain", rules.DATE_FORMAT),
        ("31/02/2026", "La date du 31/02/2026 n'existe pas"),
        ("29/02/2027", "La date du 29/02/2027 n'existe pas"),
        ("10/13/2026", "La date du 10/13/2026 n'existe pas"),
        ("00/01/2026", "n'existe pas"),
    ],
)
def test_impossible_dates_are_refused(typed, message):
    with pytest.raises(FallbackError, match=message) as refused:
        rules.dispatch_date(typed)
    assert refused.value.field == "dispatch_date"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", rules.TIME_EMPTY),
        ("24:00", rules.TIME_FORMAT),
        ("15:60", rules.TIME_FORMAT),
        ("1502", rules.TIME_FORMAT),
        ("15:2", rules.TIME_FORMAT),
    ],
)
def test_impossible_times_are_refused(typed, message):
    with pytest.raises(FallbackError) as refused:
        rules.dispatch_time(typed)
    assert (refused.value.message, refused.value.field) == (message, "dispatch_time")


def test_the_dispatch_is_read_in_paris_time():
    moment = rules.dispatch_moment(datetime.date(2009, 4, 10), datetime.time(15, 2))
    assert moment == datetime.datetime(2009, 4, 10, 13, 2, tzinfo=datetime.UTC)


def test_a_dispatch_more_than_a_day_back_or_a_week_ahead_is_refused():
    now = timezone.now()
    rules.dispatch_window(now - datetime.timedelta(hours=23), now=now)
    rules.dispatch_window(now + datetime.timedelta(days=6), now=now)
    with pytest.raises(FallbackError, match="plus de 24 heures"):
        rules.dispatch_window(now - datetime.timedelta(hours=25), now=now)
    with pytest.raises(FallbackError, match="plus de 7 jours"):
        rules.dispatch_window(now + datetime.timedelta(days=8), now=now)
