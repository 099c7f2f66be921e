import pytest

from gamma.rules import c116


@pytest.mark.parametrize("destination", [1, 2, 3, 4, 5, 6, 9, 10, 11, None])
def test_the_consignee_applies_but_to_an_unknown_destination(destination):
    assert c116.consignee_applies(destination)
    assert c116.check(destination_type_code=destination, consignee_given=True) == []
    [error] = c116.check(destination_type_code=destination, consignee_given=False)
    assert (error.code, error.field) == ("C116", "consignee_trader")


def test_an_unknown_destination_has_no_consignee():
    assert not c116.consignee_applies(8)
    assert c116.check(destination_type_code=8, consignee_given=False) == []
    [error] = c116.check(destination_type_code=8, consignee_given=True)
    assert error.message == "Le destinataire ne s'applique pas à une destination inconnue (type 8) (C116)."
