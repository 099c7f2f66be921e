import pytest
from stdnum.fr import siren, siret

from tests.factories.register import EstablishmentFactory, ExciseNumberFactory


@pytest.mark.django_db
def test_factories_make_valid_identifiers():
    establishment = EstablishmentFactory()
    assert siret.is_valid(establishment.siret)
    assert siren.is_valid(establishment.legal_unit.siren)
    assert establishment.siret.startswith(establishment.legal_unit.siren)


@pytest.mark.django_db
def test_excise_number_factory_authorises_categories():
    excise = ExciseNumberFactory(product_categories=["S", "W"])
    assert sorted(excise.product_categories.values_list("code", flat=True)) == ["S", "W"]
