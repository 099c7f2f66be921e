import pytest

from gamma import rules
from gamma.models import GuarantorType, MovementTrader
from gamma.rules import c017, tc29

KNOWN = MovementTrader(trader_excise_number="FR008777E0001")


def test_the_table_covers_the_eu_list():
    assert sorted(c017.NEEDED) == sorted(tc29.CODES) == sorted(GuarantorType.values)
    assert {code: c017.needed(code) for code in ("1", "2", "14", "23", "1234", "", None, "0")} == {
        "1": 0, "2": 1, "14": 0, "23": 2, "1234": 2, "": 0, None: 0, "0": 0,
    }  # fmt: skip


@pytest.mark.parametrize("code", ["1", "4", "5", "14"])
def test_no_guarantor_is_given_when_the_consignor_or_consignee_guarantees(code):
    assert c017.check(kind=rules.DAE, guarantor_type_code=code, guarantors=[None, None]) == []
    assert c017.check(kind=rules.DAE, guarantor_type_code=code, guarantors=[KNOWN, None]) == [
        rules.RuleError(
            "C017",
            "guarantor_1.trader_name",
            "Ce type de garantie ne prévoit pas ce garant : laissez ces champs vides.",
        )
    ]


def test_one_guarantor_required_is_checked_by_c101_and_a_second_does_not_apply():
    errors = c017.check(kind=rules.DAE, guarantor_type_code="2", guarantors=[None, MovementTrader(city="Lyon")])
    assert [(e.code, e.field) for e in errors] == [
        ("C101", "guarantor_1.trader_name"),
        ("C101", "guarantor_1.street_name"),
        ("C101", "guarantor_1.postcode"),
        ("C101", "guarantor_1.city"),
        ("C017", "guarantor_2.trader_name"),
    ]
    assert errors[0].message == "Indiquez le nom du garant."
    assert c017.check(kind=rules.DAE, guarantor_type_code="2", guarantors=[KNOWN, None]) == []


def test_two_guarantors():
    errors = c017.check(kind=rules.DAES, guarantor_type_code="23", guarantors=[KNOWN, None])
    assert {e.field for e in errors} == {
        f"guarantor_2.{name}" for name in ("trader_name", "street_name", "postcode", "city")
    }
    assert errors[0].message == "Indiquez le nom du second garant."
    assert c017.check(kind=rules.DAES, guarantor_type_code="23", guarantors=[KNOWN, KNOWN]) == []


def test_before_the_type_is_chosen_or_for_a_dsa_nothing_is_checked():
    assert c017.check(kind=rules.DAE, guarantor_type_code="", guarantors=[KNOWN, KNOWN]) == []
    assert c017.check(kind=rules.DSA, guarantor_type_code="2", guarantors=[None, None]) == []
