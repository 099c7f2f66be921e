import pytest

from gamma import rules
from gamma.models import WineProductCategory
from gamma.rules import c045

FIELD = "lines.1.wine_third_country_of_origin"


def test_an_imported_wine_gives_its_third_country():
    assert c045.IMPORTED_WINE == WineProductCategory.IMPORTED
    assert c045.check(wine_product_category=4, third_country_of_origin="ZA", field=FIELD) == []
    assert c045.check(wine_product_category=4, third_country_of_origin="", field=FIELD) == [
        rules.RuleError("C045", FIELD, "Indiquez le pays tiers d'origine du vin importé.")
    ]


@pytest.mark.parametrize("category", [None, 1, 2, 3, 5])
def test_the_third_country_does_not_apply_to_another_wine(category):
    assert c045.check(wine_product_category=category, third_country_of_origin="", field=FIELD) == []
    assert c045.check(wine_product_category=category, third_country_of_origin="ZA", field=FIELD) == [
        rules.RuleError(
            "C045", FIELD, "Le pays tiers d'origine ne s'applique qu'à un vin importé : laissez ce champ vide."
        )
    ]
