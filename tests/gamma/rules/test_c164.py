import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c164

PLACE = MovementTrader(traderid="FR009990F0005", trader_name="Chai")
TRADER_NOT_APPLICABLE = rules.RuleError(
    "C164",
    "delivery_place.trader_name",
    "Le lieu de livraison ne s'applique pas à ce type de destination : laissez ces champs vides.",
)
OFFICE_NOT_APPLICABLE = rules.RuleError(
    "C164",
    "delivery_place_customs_office_code",
    "Le bureau du lieu de livraison ne s'applique qu'à une exportation : laissez ce champ vide.",
)


def check(destination, place=None, office="", kind=rules.DAE):
    return c164.check(
        kind=kind, destination_type_code=destination, delivery_place=place, delivery_place_customs_office_code=office
    )


@pytest.mark.parametrize("destination", [2, 8])
def test_no_place_of_delivery_for_a_registered_consignee_or_an_unknown_destination(destination):
    assert check(destination) == []
    assert check(destination, place=PLACE, office="FR000690") == [TRADER_NOT_APPLICABLE, OFFICE_NOT_APPLICABLE]


def test_an_export_names_its_office_of_exit_and_no_trader():
    assert check(6, office="FR000690") == []
    assert check(6, place=PLACE) == [
        TRADER_NOT_APPLICABLE,
        rules.RuleError(
            "C164",
            "delivery_place_customs_office_code",
            "Indiquez le bureau de douane de sortie (lieu de livraison d'une exportation).",
        ),
    ]


@pytest.mark.parametrize("destination", [1, 3, 4, 5, 9, 10, 11])
def test_the_office_applies_only_to_an_export(destination):
    assert check(destination, place=PLACE) == []
    assert check(destination, office="FR000690") == [OFFICE_NOT_APPLICABLE]


def test_when_the_place_of_delivery_is_given():
    for destination in (1, 4, 9, 10, 11):
        assert c164.delivery_place_given(destination, None)
    for destination in (3, 5):
        assert not c164.delivery_place_given(destination, None)
        assert not c164.delivery_place_given(destination, MovementTrader())
        assert c164.delivery_place_given(destination, MovementTrader(city="Lyon"))
    for destination in (None, 2, 6, 8):
        assert not c164.delivery_place_given(destination, PLACE)


def test_a_dsa_or_a_missing_destination_is_not_checked():
    assert check(None, place=PLACE, office="FR000690") == []
    assert check(2, place=PLACE, kind=rules.DSA) == []
