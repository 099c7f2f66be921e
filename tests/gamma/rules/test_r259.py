import pytest

from gamma import rules
from gamma.rules import r259


@pytest.mark.parametrize(
    ("kind", "code"),
    [("DAE", 1), ("DAE", 2), ("DAE", 3), ("DAE", 4), ("DAE", 6), ("DAES", 9), ("DAES", 10), ("DAES", 11)],
)
def test_allowed_new_destinations(kind, code):
    assert r259.check(kind=kind, destination_type_code=code) == []


@pytest.mark.parametrize(("kind", "code"), [("DAE", 5), ("DAE", 8), ("DAE", 11), ("DAES", 1), ("DAES", 8)])
def test_other_new_destinations_are_refused(kind, code):
    [error] = r259.check(kind=kind, destination_type_code=code)
    assert error.code == "R259"
    assert error.field == "destination_type_code"
    assert error.message.startswith("Ce type de destination n'est pas possible pour un changement de destination")


def test_a_daes_may_return_to_the_place_of_dispatch_only_by_a_change_of_destination():
    assert r259.check(kind=rules.DAES, destination_type_code=11) == []
    assert "retour au lieu d'expédition (11)" in r259.MESSAGES[rules.DAES]


def test_r259_is_not_a_draft_rule():
    assert "R259" not in rules.RULES
