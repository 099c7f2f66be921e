"""TC29: the guarantor type code is one of the EU's list; HMRC's UK-only ``0`` is refused with the
rule's code by the form, by the validation (no ARC) and in the registry."""

from pathlib import Path

import pytest
from django.conf import settings
from lxml import etree

from gamma import rules, services
from gamma.models import GuarantorType, Movement, MovementStatus
from gamma.rules import tc29
from tests.gamma.drafting import complete_dae


def eu_codes() -> list[str]:
    tcl = etree.parse(str(Path(settings.EMCS_SCHEMA_DIR) / "tcl.xsd"))
    return tcl.xpath(
        "//xs:simpleType[@name='GuarantorTypeCode']//xs:enumeration/@value",
        namespaces={"xs": "http://www.w3.org/2001/XMLSchema"},
    )


def test_the_codes_are_the_eu_schemas_and_the_models_choices():
    assert list(tc29.CODES) == eu_codes()
    assert sorted(GuarantorType.values) == sorted(tc29.CODES)


@pytest.mark.parametrize("code", ["1", "5", "23", "1234", "", None])
def test_every_eu_code_passes_and_a_blank_is_left_to_the_required_fields(code):
    assert tc29.check(guarantor_type_code=code) == []


def test_the_uk_only_code_0_is_refused_with_its_reason():
    assert tc29.check(guarantor_type_code="0") == [rules.RuleError("TC29", "guarantor_type_code", tc29.UK_ONLY)]
    assert "Royaume-Uni" in tc29.UK_ONLY


def test_a_code_outside_the_list_is_refused():
    [error] = tc29.check(guarantor_type_code="21", field="x")
    assert (error.code, error.field) == ("TC29", "x")
    assert error.message == tc29.UNKNOWN.format(code="21")


def test_the_rule_is_registered_and_reads_the_draft(ctx):
    assert rules.RULES["TC29"] is tc29.check_draft
    assert [e.code for e in rules.check_all(rules.Draft(guarantor_type_code="0"), ctx) if e.code == "TC29"] == ["TC29"]


@pytest.mark.django_db
def test_the_guarantee_section_refuses_0_with_the_rules_code_and_saves_nothing(world, emcs_codelists):
    draft = complete_dae(world.antoine, world.excise_a)
    with pytest.raises(services.InvalidSection) as raised:
        services.draft_save_section(
            actor=world.antoine, movement=draft, section="guarantee", data={"guarantor_type_code": "0"}
        )
    assert raised.value.errors["guarantor_type_code"] == [f"[TC29] {tc29.UK_ONLY}"]
    assert Movement.objects.get(pk=draft.pk).guarantor_type_code == "1"


@pytest.mark.django_db
def test_a_draft_carrying_0_gets_no_arc(world, emcs_codelists):
    draft = complete_dae(world.antoine, world.excise_a)
    Movement.objects.filter(pk=draft.pk).update(guarantor_type_code="0")  # e.g. stored before this rule
    with pytest.raises(services.InvalidMovement) as raised:
        services.movement_validate(actor=world.antoine, movement=draft)
    assert [(e.code, e.field) for e in raised.value.errors] == [("TC29", "guarantor_type_code")]
    stored = Movement.objects.get(pk=draft.pk)
    assert stored.status == MovementStatus.DRAFT and stored.arc is None
