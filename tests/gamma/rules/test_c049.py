from decimal import Decimal

from gamma import rules
from gamma.rules import c049
from tests.gamma.rules.conftest import GASOIL, WINE


def test_gasoil_with_its_density_passes(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="E430", density=Decimal("845"))])
    assert c049.check_draft(draft, ctx) == []


def test_gasoil_without_density_is_refused(ctx):
    draft = rules.Draft(lines=[rules.Line(excise_product_code="W200"), rules.Line(excise_product_code="E430")])
    assert c049.check_draft(draft, ctx) == [
        rules.RuleError("C049", "lines.1.density", "La masse volumique à 15 °C est obligatoire pour le produit E430.")
    ]


def test_density_does_not_apply_to_wine():
    assert c049.check(product=WINE, density=Decimal("990"), field="f") == [
        rules.RuleError("C049", "f", "La masse volumique ne s'applique pas au produit W200 : laissez ce champ vide.")
    ]
    assert c049.check(product=GASOIL, density=None, field="f")[0].code == "C049"
    assert c049.check(product=None, density=None, field="f") == []
