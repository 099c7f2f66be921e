from types import SimpleNamespace

import pytest

from gamma import rules, sections
from gamma.rules import r196


@pytest.mark.parametrize("code", [1, 2, 3, 4, 5, 6, 8])
def test_a_dae_goes_to_the_duty_suspension_destinations(code, ctx):
    assert r196.check_draft(rules.Draft(kind=rules.DAE, destination_type_code=code), ctx) == []


@pytest.mark.parametrize("code", [7, 9, 10, 11])
def test_a_dae_cannot_go_to_a_reserved_or_duty_paid_destination(code, ctx):
    assert r196.check_draft(rules.Draft(kind=rules.DAE, destination_type_code=code), ctx) == [
        rules.RuleError(
            "R196",
            "destination_type_code",
            "Ce type de destination n'est pas possible pour un DAE (droits suspendus) : "
            "choisissez entrepôt fiscal (1), "
            "destinataire enregistré (2), destinataire enregistré à titre temporaire (3), livraison directe (4), "
            "destinataire exonéré (5), exportation (6) ou destination inconnue (8).",
        )
    ]


@pytest.mark.parametrize("code", [9, 10])
def test_a_daes_goes_to_a_certified_consignee(code):
    assert r196.check(kind=rules.DAES, destination_type_code=code) == []


@pytest.mark.parametrize("code", [1, 6, 8, 11])
def test_a_daes_cannot_go_elsewhere(code):
    errors = r196.check(kind=rules.DAES, destination_type_code=code)
    assert [error.message for error in errors] == [
        "Ce type de destination n'est pas possible pour un DAES (droits acquittés) : choisissez destinataire "
        "certifié (9) ou destinataire certifié à titre temporaire (10)."
    ]


def test_a_dsa_or_a_missing_type_is_not_checked():
    assert r196.check(kind=rules.DSA, destination_type_code=4) == []
    assert r196.check(kind=rules.DAE, destination_type_code=None) == []


def test_the_destination_section_offers_exactly_the_types_the_rule_allows():
    for kind in (rules.DAE, rules.DAES):
        bound = sections.BY_KEY["destination"].bind(SimpleNamespace(kind=kind), {})
        offered = [value for value, _label in bound.forms["destination"].fields["destination_type_code"].choices]
        assert offered == ["", *(str(code) for code in r196.ALLOWED[kind])]
    assert (
        "destination_type_code"
        not in sections.BY_KEY["destination"].bind(SimpleNamespace(kind=rules.DSA), {}).forms["destination"].fields
    )
