import pytest

from gamma.rules import c010
from gamma.rules.base import RuleError


@pytest.mark.parametrize("destination", [1, 2, 3, 4, 9, 10, 11])
def test_the_consignee_s_excise_number_is_required(destination):
    assert c010.required(destination)
    assert c010.check(destination_type_code=destination, traderid="") == [
        RuleError("C010", "consignee_traderid", "Saisissez le numéro d'accise du nouveau destinataire.")
    ]
    assert c010.check(destination_type_code=destination, traderid="FR012345E0009") == []


def test_optional_for_an_export():
    assert c010.check(destination_type_code=6, traderid="") == []
    assert c010.check(destination_type_code=6, traderid="GB123") == []


@pytest.mark.parametrize("destination", [5, 8])
def test_not_applicable_otherwise(destination):
    [error] = c010.check(destination_type_code=destination, traderid="DE00000000001")
    assert (error.code, error.field) == ("C010", "consignee_traderid")
    assert c010.check(destination_type_code=destination, traderid="") == []
