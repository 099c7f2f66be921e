import pytest

from gamma import rules
from gamma.rules import c010

REQUIRED = rules.RuleError(
    "C010",
    "consignee.traderid",
    "Indiquez l'identifiant du destinataire (son numéro d'accise) pour ce type de destination.",
)
NOT_APPLICABLE = rules.RuleError(
    "C010",
    "consignee.traderid",
    "L'identifiant du destinataire ne s'applique pas à ce type de destination : laissez-le vide.",
)


@pytest.mark.parametrize("destination", [1, 2, 3, 4, 9, 10, 11])
def test_the_identification_is_required(destination):
    assert c010.check(kind=rules.DAE, destination_type_code=destination, consignee_traderid="") == [REQUIRED]
    assert c010.check(kind=rules.DAE, destination_type_code=destination, consignee_traderid="FR009990F0005") == []


def test_it_is_optional_for_an_export():
    assert c010.check(kind=rules.DAE, destination_type_code=6, consignee_traderid="") == []
    assert c010.check(kind=rules.DAE, destination_type_code=6, consignee_traderid="FR40303265045") == []


@pytest.mark.parametrize("destination", [5, 8])
def test_it_does_not_apply_to_an_exempted_consignee_or_an_unknown_destination(destination):
    assert c010.check(kind=rules.DAE, destination_type_code=destination, consignee_traderid="X") == [NOT_APPLICABLE]
    assert c010.check(kind=rules.DAE, destination_type_code=destination, consignee_traderid="") == []


def test_without_a_destination_or_for_a_dsa_nothing_is_checked():
    assert c010.check(kind=rules.DAES, destination_type_code=None, consignee_traderid="") == []
    assert c010.check(kind=rules.DSA, destination_type_code=1, consignee_traderid="") == []
