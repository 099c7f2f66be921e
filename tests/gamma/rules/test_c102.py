import pytest

from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c102

ARRANGER = MovementTrader(trader_name="Transports Martin", street_name="1 rue", postcode="69001", city="Lyon")


@pytest.mark.parametrize("arrangement", [3, 4])
def test_an_owner_or_another_arranger_is_named(arrangement):
    assert c102.check(kind=rules.DAE, transport_arrangement=arrangement, transport_arranger=ARRANGER) == []
    errors = c102.check(kind=rules.DAE, transport_arrangement=arrangement, transport_arranger=None)
    assert [(e.code, e.field) for e in errors] == [
        ("C102", "transport_arranger.trader_name"),
        ("C102", "transport_arranger.street_name"),
        ("C102", "transport_arranger.postcode"),
        ("C102", "transport_arranger.city"),
    ]
    assert errors[0].message == "Indiquez le nom de l'organisateur du transport."


@pytest.mark.parametrize("arrangement", [1, 2])
def test_the_consignor_or_the_consignee_is_not_named_again(arrangement):
    assert c102.check(kind=rules.DAES, transport_arrangement=arrangement, transport_arranger=None) == []
    assert c102.check(kind=rules.DAES, transport_arrangement=arrangement, transport_arranger=ARRANGER) == [
        rules.RuleError(
            "C102",
            "transport_arranger.trader_name",
            "L'organisateur du transport n'est à indiquer que s'il n'est ni l'expéditeur ni le destinataire : "
            "laissez ces champs vides.",
        )
    ]


def test_before_the_arrangement_is_chosen_or_for_a_dsa_nothing_is_checked():
    assert c102.check(kind=rules.DAE, transport_arrangement=None, transport_arranger=ARRANGER) == []
    assert c102.check(kind=rules.DSA, transport_arrangement=4, transport_arranger=None) == []
