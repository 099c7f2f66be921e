"""Who may change the register in the admin (issue 10, item 3): an office agent could move an
operator's excise number to his own office, then act on the company. Office agents only read it;
the CID or a superuser moves a number, and the audit trail says who did."""

import pytest
from django.contrib.auth.models import Group, Permission

from accounts import roles
from habilitations.models import AuditEvent
from register.models import ExciseNumber
from tests.factories.accounts import UserFactory
from tests.factories.register import CustomsOfficeFactory, ExciseNumberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    paris = CustomsOfficeFactory(code="FR000690", name="Paris Principal")
    auch = CustomsOfficeFactory(code="FR003200", name="Auch")
    number = ExciseNumberFactory(number="FR008777E0001", customs_office=paris, product_categories=["S"])
    groups = roles.sync_staff_groups()
    agent = UserFactory(username="agent.auch", is_staff=True, customs_office=auch, siret="", company_name="")
    agent.groups.add(groups[roles.OFFICE])
    cid = UserFactory(username="agent.cid", is_staff=True, siret="", company_name="")
    cid.groups.add(groups[roles.CID])
    return {"paris": paris, "auch": auch, "number": number, "agent": agent, "cid": cid}


def excise_number_form(number: ExciseNumber, office) -> dict:
    return {
        "number": number.number,
        "operator": number.operator.pk,
        "status": number.status,
        "tax_warehouse_reference": "",
        "product_categories": [category.pk for category in number.product_categories.all()],
        "customs_office": office.pk,
        "valid_from": "01/01/2009",
        "valid_until": "",
    }


def operator_form(number: ExciseNumber, office) -> dict:
    operator = number.operator
    data = {
        "siren": operator.siren,
        "name": operator.name,
        "address": operator.address,
        "postal_code": operator.postal_code,
        "city": operator.city,
        "excise_numbers-TOTAL_FORMS": "1",
        "excise_numbers-INITIAL_FORMS": "1",
        "excise_numbers-0-id": number.pk,
        "excise_numbers-0-operator": operator.pk,
    }
    data.update({f"excise_numbers-0-{key}": value for key, value in excise_number_form(number, office).items()})
    return data


def test_an_office_agent_cannot_move_an_excise_number_to_his_office(client, world):
    number, auch = world["number"], world["auch"]
    client.force_login(world["agent"])
    assert client.get(f"/admin/register/excisenumber/{number.pk}/change/").status_code == 200  # reads it
    change = client.post(f"/admin/register/excisenumber/{number.pk}/change/", excise_number_form(number, auch))
    through_operator = client.post(
        f"/admin/register/operator/{number.operator.pk}/change/", operator_form(number, auch)
    )
    assert change.status_code == through_operator.status_code == 403
    assert client.get("/admin/register/excisenumber/add/").status_code == 403
    number.refresh_from_db()
    assert number.customs_office == world["paris"]
    assert not AuditEvent.objects.exists()


def test_sync_takes_back_the_write_rights_office_agents_had(world):
    office = Group.objects.get(name=roles.OFFICE)
    office.permissions.add(*Permission.objects.filter(codename__in=["change_excisenumber", "add_operator"]))
    roles.sync_staff_groups()
    codenames = set(office.permissions.values_list("codename", flat=True))
    assert codenames == {
        "view_operator",
        "view_excisenumber",
        "view_customsoffice",
        "view_legalunit",
        "view_establishment",
    }


def test_the_cid_moves_an_excise_number_and_the_audit_trail_says_who(client, world):
    number, auch = world["number"], world["auch"]
    client.force_login(world["cid"])
    response = client.post(f"/admin/register/excisenumber/{number.pk}/change/", excise_number_form(number, auch))
    assert response.status_code == 302, response.content.decode()[:3000]
    number.refresh_from_db()
    assert number.customs_office == auch
    event = AuditEvent.objects.get()
    assert event.actor == world["cid"]
    assert event.operator == number.operator
    assert event.customs_office == auch
    assert event.before["customs_office"] == "FR000690 Paris Principal"
    assert event.after["customs_office"] == "FR003200 Auch"
    assert event.screen == "administration — référentiel"

    # Saving it again unchanged writes nothing more.
    client.post(f"/admin/register/excisenumber/{number.pk}/change/", excise_number_form(number, auch))
    assert AuditEvent.objects.count() == 1


def test_a_move_through_the_operator_page_is_audited_too(admin_client, admin_user, world):
    number, auch = world["number"], world["auch"]
    response = admin_client.post(f"/admin/register/operator/{number.operator.pk}/change/", operator_form(number, auch))
    assert response.status_code == 302, response.content.decode()[:3000]
    number.refresh_from_db()
    assert number.customs_office == auch
    event = AuditEvent.objects.get()
    assert (event.actor, event.before["customs_office"], event.after["customs_office"]) == (
        admin_user,
        "FR000690 Paris Principal",
        "FR003200 Auch",
    )


def test_a_staff_member_with_change_rights_but_not_cid_sees_the_office_read_only(client, world):
    """A group given the change right by hand still cannot move a number: the field is read only."""
    agent = world["agent"]
    agent.user_permissions.add(Permission.objects.get(codename="change_excisenumber"))
    number = world["number"]
    client.force_login(agent)
    client.post(f"/admin/register/excisenumber/{number.pk}/change/", excise_number_form(number, world["auch"]))
    number.refresh_from_db()
    assert number.customs_office == world["paris"]
    assert not AuditEvent.objects.exists()


def test_changing_an_operator_s_siren_is_audited_as_moving_its_excise_numbers(admin_client, admin_user, world):
    """A new SIREN gives the operator's excise numbers (and their documents) to the accounts of
    another company: the CID's move, written in the audit trail as moving each number is."""
    from tests.factories.register import _valid_siren

    number, paris = world["number"], world["paris"]
    old_siren, new_siren = number.operator.siren, _valid_siren(44556677)
    response = admin_client.post(
        f"/admin/register/operator/{number.operator.pk}/change/", operator_form(number, paris) | {"siren": new_siren}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    number.refresh_from_db()
    assert number.operator.siren == new_siren
    event = AuditEvent.objects.get(action="excise_number_reassigned")
    assert event.actor == admin_user and event.operator == number.operator
    assert event.before["operator"].endswith(f"({old_siren})") and event.after["operator"].endswith(f"({new_siren})")


def test_only_the_cid_changes_an_operator_s_siren(client, world):
    """Even given the change right by hand, an office agent finds the SIREN read only."""
    from tests.factories.register import _valid_siren

    agent = world["agent"]
    agent.user_permissions.add(Permission.objects.get(codename="change_operator"))
    number = world["number"]
    old_siren = number.operator.siren
    client.force_login(agent)
    response = client.post(
        f"/admin/register/operator/{number.operator.pk}/change/",
        operator_form(number, world["paris"]) | {"siren": _valid_siren(44556677)},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    number.operator.refresh_from_db()
    assert number.operator.siren == old_siren
