import pytest

from gamma.models import MovementTrader
from gamma.rules import c103

ARRANGER = MovementTrader(trader_name="Logistique Sud", street_name="1 rue", postcode="13001", city="Marseille")


@pytest.mark.parametrize("arrangement", [3, 4])
def test_a_new_owner_or_other_arranger_is_named(arrangement):
    assert c103.check(changed_transport_arrangement=arrangement, transport_arranger=ARRANGER) == []
    errors = c103.check(changed_transport_arrangement=arrangement, transport_arranger=None)
    assert [(e.code, e.field) for e in errors] == [
        ("C103", "transport_arranger.trader_name"),
        ("C103", "transport_arranger.street_name"),
        ("C103", "transport_arranger.postcode"),
        ("C103", "transport_arranger.city"),
    ]
    assert errors[0].message == "Indiquez le nom du nouvel organisateur du transport (C103)."


@pytest.mark.parametrize("arrangement", [None, 1, 2])
def test_no_arranger_when_the_arrangement_is_unchanged_or_the_consignor_or_consignee(arrangement):
    assert c103.check(changed_transport_arrangement=arrangement, transport_arranger=None) == []
    (error,) = c103.check(changed_transport_arrangement=arrangement, transport_arranger=ARRANGER)
    assert (error.code, error.field) == ("C103", "transport_arranger.trader_name")
    assert "laissez ces champs vides" in error.message
