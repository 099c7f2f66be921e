"""EMCS date-times (emcs.times): UTC as the schema implies, never read as Paris time, on both
days of 2026 the clocks change (29 March, 25 October), and kept as received to the last digit."""

import datetime as dt
import pickle
from copy import deepcopy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from emcs import messages, times, xml
from emcs.messages.binding import Header

EXAMPLES = Path(__file__).parent / "examples"
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize(
    ("text", "paris"),
    [
        # 29 March: Paris goes from 02:00 to 03:00; 02:30 does not exist there, it is UTC here.
        ("2026-03-29T00:30:00", "2026-03-29 01:30 CET"),
        ("2026-03-29T01:30:00", "2026-03-29 03:30 CEST"),
        ("2026-03-29T02:30:00", "2026-03-29 04:30 CEST"),
        # 25 October: Paris lives 02:00-03:00 twice; each UTC time is one instant.
        ("2026-10-25T00:30:00", "2026-10-25 02:30 CEST"),
        ("2026-10-25T01:30:00", "2026-10-25 02:30 CET"),
        ("2026-10-25T02:30:00", "2026-10-25 03:30 CET"),
    ],
)
def test_a_received_date_time_is_utc_on_both_days_the_clocks_change(text, paris):
    instant = times.from_emcs(times.ReceivedDateTime.parse(text))
    assert instant.tzinfo is dt.UTC
    assert instant.isoformat() == text + "+00:00"  # not shifted: 02:30 stays 02:30 (UTC)
    assert instant.astimezone(PARIS).strftime("%Y-%m-%d %H:%M %Z") == paris
    assert times.to_emcs(instant) == dt.datetime.fromisoformat(text)


def test_the_portals_instants_are_written_in_utc_on_both_days_the_clocks_change():
    spring = dt.datetime(2026, 3, 29, 3, 30, tzinfo=PARIS)  # summer time: 01:30 UTC
    autumn_first = dt.datetime(2026, 10, 25, 2, 30, tzinfo=PARIS)  # fold 0: still summer time
    autumn_second = dt.datetime(2026, 10, 25, 2, 30, fold=1, tzinfo=PARIS)
    assert times.to_emcs(spring) == dt.datetime(2026, 3, 29, 1, 30)
    assert times.to_emcs(autumn_first) == dt.datetime(2026, 10, 25, 0, 30)
    assert times.to_emcs(autumn_second) == dt.datetime(2026, 10, 25, 1, 30)


@pytest.mark.parametrize(
    ("at", "date", "time"),
    [
        (dt.datetime(2026, 3, 29, 1, 30, 5, 123456, tzinfo=dt.UTC), "2026-03-29", "01:30:05.123"),
        (dt.datetime(2026, 10, 25, 0, 30, tzinfo=dt.UTC), "2026-10-25", "00:30:00"),
        (dt.datetime(2026, 10, 25, 23, 30, tzinfo=dt.UTC), "2026-10-25", "23:30:00"),  # 26 October in Paris
    ],
)
def test_a_new_header_says_the_date_and_time_of_preparation_in_utc(at, date, time):
    message = messages.parse(xml.parse((EXAMPLES / "IE810.xml").read_bytes()))
    message.header = Header.new(at=at)
    root = messages.build(message)
    assert root.findtext(".//{*}DateOfPreparation") == date
    assert root.findtext(".//{*}TimeOfPreparation") == time


def test_fractions_beyond_the_microsecond_are_kept_and_written_back_unchanged():
    data = (EXAMPLES / "IE801.xml").read_bytes()
    data = data.replace(b"<urn:TimeOfDispatch>22:37:00<", b"<urn:TimeOfDispatch>22:37:00.123456789<")
    data = data.replace(
        b"<urn:DateAndTimeOfValidationOfEadEsad>2022-12-07T10:32:30",
        b"<urn:DateAndTimeOfValidationOfEadEsad>2026-03-29T02:30:00.1234567",
    )
    message = messages.parse(xml.parse_and_validate(data))
    validated = message.body.excise_movement.date_and_time_of_validation_of_ead_esad
    assert validated == dt.datetime(2026, 3, 29, 2, 30, 0, 123456)
    assert validated.text == "2026-03-29T02:30:00.1234567"
    assert message.body.ead_esad.time_of_dispatch.text == "22:37:00.123456789"

    rebuilt = messages.build(message)
    assert rebuilt.findtext(".//{*}DateAndTimeOfValidationOfEadEsad") == "2026-03-29T02:30:00.1234567"
    assert rebuilt.findtext(".//{*}TimeOfDispatch") == "22:37:00.123456789"


def test_a_received_value_keeps_its_text_through_copies_and_pickles():
    value = times.ReceivedDateTime.parse("2026-10-25T02:30:00.000000001")
    for copy in (deepcopy(value), pickle.loads(pickle.dumps(value))):  # noqa: S301 - our own bytes
        assert copy == value and copy.text == "2026-10-25T02:30:00.000000001"
    time = times.ReceivedTime.parse("02:30:00.1234567")
    assert pickle.loads(pickle.dumps(time)).text == "02:30:00.1234567"  # noqa: S301


def test_an_offset_is_not_an_emcs_date_time():
    with pytest.raises(ValueError):
        times.ReceivedDateTime.parse("2026-03-29T02:30:00+01:00")
    with pytest.raises(xml.InvalidMessage, match="Valeur illisible"):
        messages.parse(
            xml.parse(
                (EXAMPLES / "IE801.xml")
                .read_bytes()
                .replace(
                    b"<urn:DateAndTimeOfValidationOfEadEsad>2022-12-07T10:32:30",
                    b"<urn:DateAndTimeOfValidationOfEadEsad>2022-12-07T10:32:30Z",
                )
            )
        )
