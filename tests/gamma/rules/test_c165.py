import pytest

from gamma.rules import c165
from gamma.rules.base import RuleError


@pytest.mark.parametrize("destination", [1, 4, 9, 10])
def test_the_place_of_delivery_is_required(destination):
    assert c165.place_applies(destination, given=False)


@pytest.mark.parametrize("destination", [2, 3, 5])
def test_the_place_of_delivery_is_optional(destination):
    assert c165.place_applies(destination, given=True)
    assert not c165.place_applies(destination, given=False)


@pytest.mark.parametrize("destination", [6, 8, 11, None])
def test_the_place_of_delivery_does_not_apply(destination):
    assert not c165.place_applies(destination, given=True)


def test_an_export_names_its_office():
    assert c165.office_applies(6) and not c165.office_applies(1)
    assert c165.check_office(destination_type_code=6, office="") == [
        RuleError(
            "C165", "delivery_office_code", "Saisissez le bureau d'exportation (8 caractères, par exemple FR000690)."
        )
    ]
    assert c165.check_office(destination_type_code=6, office="FR000690") == []
    assert c165.check_office(destination_type_code=2, office="") == []
