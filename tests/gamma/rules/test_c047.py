from decimal import Decimal

from gamma import rules
from gamma.rules import c047
from tests.gamma.rules.conftest import CIGARETTES, WINE


def test_wine_with_its_strength_passes(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="W200", alcoholic_strength=Decimal("12.5"))])
    assert c047.check_draft(draft, ctx) == []


def test_wine_without_strength_is_refused(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="W200"), rules.Line(excise_product_code="B000")])
    assert c047.check_draft(draft, ctx) == [
        rules.RuleError(
            "C047",
            "lines.0.alcoholic_strength",
            "Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit W200.",
        ),
        rules.RuleError(
            "C047",
            "lines.1.alcoholic_strength",
            "Le titre alcoométrique volumique (% vol.) est obligatoire pour le produit B000.",
        ),
    ]


def test_a_strength_on_tobacco_does_not_apply():
    assert c047.check(product=CIGARETTES, alcoholic_strength=Decimal("40"), field="f") == [
        rules.RuleError(
            "C047", "f", "Le titre alcoométrique volumique ne s'applique pas au produit T200 : laissez ce champ vide."
        )
    ]
    assert c047.check(product=CIGARETTES, alcoholic_strength=None, field="f") == []


def test_an_unknown_product_is_left_to_its_own_check(ctx):
    assert c047.check(product=None, alcoholic_strength=None, field="f") == []
    draft = rules.Draft(lines=[rules.Line(excise_product_code="Q000")])
    assert c047.check_draft(draft, ctx) == []


def test_zero_is_a_value_not_a_missing_one():
    assert c047.check(product=WINE, alcoholic_strength=Decimal("0"), field="f") == []
