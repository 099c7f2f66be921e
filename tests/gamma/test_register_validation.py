"""The register's rules at validation (issue 10, item 11), through ``movement_validate``: the
consignor's excise number (R044), the consignee's (R045), the place of dispatch (BR003) and the
products each is authorised for (BR004, BR013 …), every error with its code and field, nothing
issued."""

import datetime

import pytest
from django.utils import timezone

from gamma import services
from gamma.models import MovementStatus
from register.models import ExciseStatus, ProductCategory
from tests.factories.habilitations import build_world
from tests.factories.register import ExciseNumberFactory, OperatorFactory
from tests.gamma.drafting import complete_dae, dae_sections


@pytest.fixture
def world(db, emcs_codelists):
    return build_world()


def refused(world, draft):
    with pytest.raises(services.InvalidMovement) as raised:
        services.movement_validate(actor=world.antoine, movement=draft)
    draft.refresh_from_db()
    assert draft.status == MovementStatus.DRAFT and draft.arc is None
    return {(error.code, error.field): error.message for error in raised.value.errors}


def save(world, draft, section, data):
    return services.draft_save_section(actor=world.antoine, movement=draft, section=section, data=data)


def test_the_complete_dae_of_the_tests_and_the_demo_validates(world):
    movement = services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    assert movement.status == MovementStatus.ACCEPTED


def test_a_consignor_number_expired_on_the_date_of_dispatch_is_refused(world):
    draft = complete_dae(world.antoine, world.excise_a)
    world.excise_a.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    world.excise_a.save()
    errors = refused(world, draft)
    assert "n'est plus valide depuis le" in errors[("R044", "consignor.trader_excise_number")]


def test_a_consignor_that_may_not_dispatch_under_duty_suspension_is_refused(world):
    draft = complete_dae(world.antoine, world.excise_a)
    world.excise_a.status = ExciseStatus.REGISTERED_CONSIGNEE
    world.excise_a.save()
    errors = refused(world, draft)
    assert "a le statut destinataire enregistré" in errors[("R044", "consignor.trader_excise_number")]


def test_a_consignor_not_authorised_for_a_line_s_products_is_refused(world):
    draft = complete_dae(world.antoine, world.excise_a, lines=2)
    world.excise_a.product_categories.set(ProductCategory.objects.filter(code="S"))
    errors = refused(world, draft)
    assert {key for key in errors if key[0] == "BR004"} == {
        ("BR004", "lines.0.excise_product_code"),
        ("BR004", "lines.1.excise_product_code"),
    }


def test_the_place_of_dispatch_must_be_the_consignor_s_tax_warehouse(world):
    draft = complete_dae(world.antoine, world.excise_a)
    save(world, draft, "place_of_dispatch", {"place_of_dispatch-reference_of_tax_warehouse": "FR009990F0005"})
    errors = refused(world, draft)
    assert ("BR003", "place_of_dispatch.reference_of_tax_warehouse") in errors


def test_a_french_consignee_must_be_in_the_register_of_the_status_and_products_of_the_destination(world):
    draft = complete_dae(world.antoine, world.excise_a)
    consignee = {**dae_sections()["consignee"], "consignee-traderid": "FR014940D0007"}
    save(world, draft, "consignee", consignee)
    save(world, draft, "destination", {"destination_type_code": "2", "delivery_place-trader_name": ""})
    assert "n'est pas connu du référentiel douanier" in refused(world, draft)[("R045", "consignee.traderid")]

    ExciseNumberFactory(
        number="FR014940D0007",
        operator=OperatorFactory(siren="552100554"),
        status=ExciseStatus.AUTHORISED_WAREHOUSEKEEPER,
        product_categories=["B"],
    )
    errors = refused(world, draft)
    assert "il faut le statut destinataire enregistré" in errors[("R045", "consignee.traderid")]
    assert ("BR011", "lines.0.excise_product_code") in errors


def test_a_foreign_consignee_is_only_checked_for_its_format(world):
    draft = complete_dae(world.antoine, world.excise_a)
    save(world, draft, "consignee", {**dae_sections()["consignee"], "consignee-traderid": "DE012345678AB"})
    save(world, draft, "destination", {"destination_type_code": "2"})
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    assert movement.status == MovementStatus.ACCEPTED


def test_the_register_is_read_in_one_query_keyed_by_number_and_by_tax_warehouse(world, django_assert_num_queries):
    ExciseNumberFactory(
        number="FR001111E0001",
        operator=OperatorFactory(siren="552100554"),
        tax_warehouse_reference="FR001111E0002",
        product_categories=["B", "T"],
    )
    with django_assert_num_queries(1):
        found = services.register_authorisations({"FR008777E0001", "FR001111E0002", "FR000000E0000"})
    assert set(found) == {"FR008777E0001", "FR001111E0001", "FR001111E0002"}
    assert found["FR001111E0002"] is found["FR001111E0001"]
    assert found["FR001111E0001"].categories == frozenset({"B", "T"})
    assert found["FR001111E0001"].tax_warehouse == "FR001111E0002"
    assert found["FR008777E0001"].categories == frozenset({"S", "W", "I"})
    assert found["FR008777E0001"].tax_warehouse == "FR008777E0001"  # none in the register: its own number
    with django_assert_num_queries(0):
        assert services.register_authorisations(set()) == {}
