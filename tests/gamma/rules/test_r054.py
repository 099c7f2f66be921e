import pytest

from gamma import rules
from gamma.rules import r054


@pytest.mark.parametrize(
    ("journey_time", "mode"),
    [("H01", "3"), ("H24", "3"), ("D35", "3"), ("D45", "1"), ("D20", "4"), ("D15", "7"), ("D92", ""), ("h12", "3")],
)
def test_journey_times_within_the_limits_pass(journey_time, mode):
    assert r054.check(journey_time=journey_time, transport_mode_code=mode) == []


@pytest.mark.parametrize("journey_time", ["12", "H1", "J05", "D100", "H-1", "D 5", "W01"])
def test_a_badly_written_journey_time_is_refused(journey_time):
    assert r054.check(journey_time=journey_time, transport_mode_code="3") == [
        rules.RuleError("R054", "journey_time", r054.FORMAT)
    ]
    assert "H12 ou D03" in r054.FORMAT


def test_more_than_24_hours_is_refused():
    assert r054.check(journey_time="H25", transport_mode_code="3") == [
        rules.RuleError(
            "R054",
            "journey_time",
            "La durée du transport en heures ne peut pas dépasser 24 heures : au-delà, indiquez-la en jours (D02…).",
        )
    ]


def test_days_beyond_the_transport_modes_maximum_are_refused(ctx):
    draft = rules.Draft(journey_time="D36", transport_mode_code="3")
    assert r054.check_draft(draft, ctx) == [
        rules.RuleError(
            "R054",
            "journey_time",
            "La durée du transport ne peut pas dépasser 35 jours pour le mode de transport « Transport routier ».",
        )
    ]
    assert r054.check(journey_time="D21", transport_mode_code="4")[0].message.endswith("« Transport aérien ».")


def test_without_a_known_mode_the_schemas_ceiling_applies():
    assert r054.check(journey_time="D93", transport_mode_code="") == [
        rules.RuleError("R054", "journey_time", "La durée du transport ne peut pas dépasser 92 jours.")
    ]


@pytest.mark.parametrize("journey_time", ["H00", "D00"])
def test_no_journey_takes_no_time(journey_time):
    assert r054.check(journey_time=journey_time, transport_mode_code="3") == [
        rules.RuleError("R054", "journey_time", "La durée du transport ne peut pas être nulle.")
    ]


def test_an_empty_journey_time_is_left_to_the_required_check():
    assert r054.check(journey_time="", transport_mode_code="3") == []
