from decimal import Decimal

from gamma import rules
from gamma.rules import c048
from tests.gamma.rules.conftest import BEER, WINE


def beer_to(state, plato=None):
    return rules.Draft(
        dispatch_member_state="FR",
        destination_member_state=state,
        lines=[rules.Line(excise_product_code="B000", alcoholic_strength=Decimal("5"), degree_plato=plato)],
    )


def test_beer_to_a_state_taxing_by_plato_needs_it(ctx):
    assert c048.check_draft(beer_to("DE"), ctx) == [
        rules.RuleError(
            "C048",
            "lines.0.degree_plato",
            "Le degré Plato est obligatoire pour ce produit (B000) : l'État membre de destination (Allemagne) taxe "
            "la bière selon le degré Plato.",
        )
    ]
    assert c048.check_draft(beer_to("DE", plato=Decimal("12")), ctx) == []


def test_beer_from_a_state_taxing_by_plato_needs_it():
    errors = c048.check(
        product=BEER,
        degree_plato=None,
        dispatch_member_state="BE",
        destination_member_state="FR",
        plato_states={"BE"},
        field="f",
    )
    assert [error.message for error in errors] == [
        "Le degré Plato est obligatoire pour ce produit (B000) : l'État membre d'expédition (Belgique) taxe la bière "
        "selon le degré Plato."
    ]


def test_beer_within_france_may_leave_it_out_or_give_it(ctx):
    assert c048.check_draft(beer_to("FR"), ctx) == []
    assert c048.check_draft(beer_to("FR", plato=Decimal("11.5")), ctx) == []
    assert c048.check_draft(beer_to(""), ctx) == []  # destination unknown


def test_degree_plato_does_not_apply_to_wine():
    errors = c048.check(
        product=WINE,
        degree_plato=Decimal("12"),
        dispatch_member_state="FR",
        destination_member_state="DE",
        plato_states={"DE"},
        field="f",
    )
    assert errors == [
        rules.RuleError("C048", "f", "Le degré Plato ne s'applique pas au produit W200 : laissez ce champ vide.")
    ]
