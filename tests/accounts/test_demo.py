import io

import pytest
from django.core.management import call_command

from accounts.demo import DEMO_PASSWORD, current_totp_code
from accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_accounts_exist_for_every_role_and_staff_see_the_admin(client):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent
    assert User.objects.filter(username="jdupont").count() == 1
    jdupont = User.objects.get(username="jdupont")
    assert jdupont.company_name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"

    # Demo staff log in with the demo TOTP secret's code (README).
    client.post("/compte/login/", {"login": "agent.bureau", "password": DEMO_PASSWORD})
    client.post("/compte/2fa/authenticate/", {"code": current_totp_code()})
    admin = client.get("/admin/")
    assert admin.status_code == 200
    page = admin.content.decode()
    assert "Opérateurs" in page  # the office reads the register
    assert client.get("/admin/register/operator/").status_code == 200
    assert client.get("/admin/register/operator/add/").status_code == 403  # the CID edits it
    assert client.get("/admin/portal/newsitem/add/").status_code == 403  # news belong to the CID

    client.post("/compte/logout/")
    client.post("/compte/login/", {"login": "jdupont", "password": DEMO_PASSWORD})
    assert client.get("/admin/").status_code == 302  # operators' staff never see the admin


def test_the_demo_adhesion_gives_the_seed_users_their_rights():
    from habilitations import rights

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    antoine = User.objects.get(username="antoineleris")
    luc = User.objects.get(username="lucferrier")
    assert len(rights.rights_for(antoine, "gamma", "FR008777E0001")) == 7
    assert rights.rights_for(luc, "gamma", "FR008777E0001") == {
        "prepare_daa",
        "prepare_dsa",
        "search_daa",
        "search_dsa",
    }
    assert rights.can_manage_habilitations(antoine, rights.company_of(antoine), "gamma")
    agent = User.objects.get(username="agent.bureau")
    assert rights.office_of(agent).code == "FR000690"


def test_the_demo_has_a_request_waiting_in_the_auch_office():
    from habilitations import rights
    from habilitations.models import AdhesionStatus

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())
    agent = User.objects.get(username="agent.auch")
    waiting = rights.visible_adhesions(agent).filter(status=AdhesionStatus.SUBMITTED)
    assert [adhesion.excise_number.number for adhesion in waiting] == ["FR009990F0005"]


def test_demo_totp_code_prints_the_demo_agents_code_and_refuses_in_production(settings):
    from django.core.management.base import CommandError

    from accounts.demo import DEMO_TOTP_SECRET, current_totp_code

    out = io.StringIO()
    call_command("demo_totp_code", stdout=out)
    assert current_totp_code() in out.getvalue() and DEMO_TOTP_SECRET in out.getvalue()
    settings.PRODUCTION = True
    with pytest.raises(CommandError):
        call_command("demo_totp_code", stdout=io.StringIO())
