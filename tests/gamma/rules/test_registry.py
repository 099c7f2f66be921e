"""All the rules in one pass, on the real code lists."""

from datetime import date
from decimal import Decimal

import pytest

from emcs.models import ExciseProductCode
from gamma import rules
from tests.gamma.rules.conftest import BEER, CIGARETTES, GASOIL, WINE

TODAY = date(2025, 3, 12)


def wine_line(**overrides):
    values = {
        "excise_product_code": "W200",
        "cn_code": "22042109",
        "quantity": Decimal("750"),
        "gross_mass": Decimal("1200"),
        "net_mass": Decimal("1000"),
        "alcoholic_strength": Decimal("12.5"),
        "packages": [rules.Package("BO", 1000)],
    }
    values.update(overrides)
    return rules.Line(**values)


def good_draft(**overrides):
    values = {
        "kind": rules.DAE,
        "consignor_excise_number": "FR008777E0001",
        "local_reference_number": "LRN-2025-001",
        "destination_type_code": 1,
        "journey_time": "D02",
        "transport_mode_code": "3",
        "dispatch_date": TODAY,
        "destination_member_state": "DE",
        "lines": [
            wine_line(),
            rules.Line(
                excise_product_code="B000",
                cn_code="22030001",
                gross_mass=Decimal("550"),
                net_mass=Decimal("500"),
                alcoholic_strength=Decimal("5"),
                degree_plato=Decimal("12"),
                packages=[rules.Package("KG", 20)],
            ),
            rules.Line(
                excise_product_code="E430",
                cn_code="27101943",
                gross_mass=Decimal("30000"),
                net_mass=Decimal("30000"),
                density=Decimal("845"),
                packages=[rules.Package("VL")],
            ),
        ],
    }
    values.update(overrides)
    return rules.Draft(**values)


def never_used(number, lrn):
    return False


# The register's entry of the drafts' consignor: a warehousekeeper for their products (wine, beer,
# energy, spirits).
REGISTER = {
    "FR008777E0001": rules.Authorisation(
        number="FR008777E0001",
        status="EA",
        valid_from=date(2009, 4, 1),
        categories=frozenset({"W", "B", "E", "S"}),
        tax_warehouse="FR008777E0001",
    )
}


def test_every_rule_is_registered_under_its_code():
    assert list(rules.RULES) == [
        "BR001",
        "SECOURS",
        "R196",
        "R054",
        "DATE-EXP",
        "R263",
        "BR018",
        "C047",
        "R237",
        "C048",
        "C049",
        "R219",
        "C073",
        "TC29",
        "R044",
        "BR002",
        "BR003",
        "BR004",
        "BR006",
        "REG-EXP-CAT",
        "R045",
        "BR012",
        "BR011",
        "BR013",
        "BR016",
        "BR048",
        "BR049",
    ]


def test_registering_a_code_twice_is_a_programming_error():
    with pytest.raises(ValueError):
        rules.register("C047")(lambda draft, context: [])


@pytest.mark.django_db
def test_a_good_three_line_dae_passes_every_rule(emcs_codelists, django_assert_num_queries):
    draft = good_draft()
    with django_assert_num_queries(4):
        context = rules.context_for(draft, lrn_already_used=never_used, authorisations=REGISTER, today=TODAY)
    assert rules.check_all(draft, context) == []


@pytest.mark.django_db
def test_every_fault_is_reported_at_once_at_its_field(emcs_codelists):
    draft = good_draft(
        local_reference_number="USED",
        destination_type_code=9,
        journey_time="H30",
        dispatch_date=date(2025, 3, 1),
        lines=[
            wine_line(cn_code="22030001", alcoholic_strength=None, gross_mass=Decimal("900")),
            rules.Line(
                excise_product_code="B000",
                cn_code="22030001",
                alcoholic_strength=Decimal("150"),
                packages=[rules.Package("BO")],
            ),
            rules.Line(excise_product_code="S600", cn_code="22072000", alcoholic_strength=Decimal("95")),
            rules.Line(excise_product_code="E430", cn_code="27101943", density=None),
        ],
    )
    context = rules.context_for(
        draft, lrn_already_used=lambda number, lrn: lrn == "USED", authorisations=REGISTER, today=TODAY
    )

    errors = rules.check_all(draft, context)

    assert [(error.code, error.field) for error in errors] == [
        ("BR001", "local_reference_number"),
        ("R196", "destination_type_code"),
        ("R054", "journey_time"),
        ("DATE-EXP", "dispatch_date"),
        ("R263", "lines.2.excise_product_code"),
        ("BR018", "lines.0.cn_code"),
        ("C047", "lines.0.alcoholic_strength"),
        ("R237", "lines.1.alcoholic_strength"),
        ("C048", "lines.1.degree_plato"),
        ("C049", "lines.3.density"),
        ("R219", "lines.0.gross_mass"),
        ("C073", "lines.1.packages.0.number_of_packages"),
    ]
    assert all(error.message and error.message[0].isupper() for error in errors)
    grouped = rules.errors_by_field(errors)
    assert [error.code for error in grouped["lines.1.alcoholic_strength"]] == ["R237"]


@pytest.mark.django_db
def test_a_dsa_skips_the_emcs_only_rules(emcs_codelists):
    draft = good_draft(
        kind=rules.DSA,
        destination_type_code=None,
        destination_member_state="FR",
        lines=[wine_line(excise_product_code="S600", cn_code="22072000", alcoholic_strength=Decimal("95"))],
    )
    context = rules.context_for(draft, lrn_already_used=never_used, authorisations=REGISTER, today=TODAY)
    assert rules.check_all(draft, context) == []


def test_french_numbers():
    assert rules.french_number(Decimal("950.500000")) == "950,5"
    assert rules.french_number(Decimal("1E+3")) == "1000"
    assert rules.french_number(12) == "12"


@pytest.mark.django_db
def test_the_products_of_the_rule_tests_carry_the_real_flags(emcs_codelists):
    flags = ("alcoholic_strength_applicable", "degree_plato_applicable", "density_applicable")
    for product in (BEER, WINE, GASOIL, CIGARETTES):
        real = ExciseProductCode.objects.get(code=product.code)
        assert [getattr(real, flag) for flag in flags] == [getattr(product, flag) for flag in flags], product.code
