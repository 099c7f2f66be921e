"""The company's administrator manages its habilitations on GAMMA: within the company, never their
own, never beyond what GAMMA offers; forged posts are refused with a message and change nothing."""

import logging

import pytest

from habilitations import rights
from habilitations.models import AuditEvent, Delegation, DelegationKind
from tests.factories.habilitations import ALL_GAMMA

pytestmark = pytest.mark.django_db

URL = "/adhesions/habilitations/FR008777E0001/"
SEED_LUC = {"prepare_daa", "prepare_dsa", "search_daa", "search_dsa"}


def held(world):
    return {
        user.username: rights.rights_for(user, "gamma", number)
        for user in (world.antoine, world.luc, world.marie, world.newcomer_a, world.bob)
        for number in (world.excise_a, world.excise_b)
    }


def table_post(world, **per_user):
    """The table as posted: every row but the administrator's own, with ``per_user`` changes."""
    current = {world.antoine: set(ALL_GAMMA), world.luc: set(SEED_LUC)}
    current.update(per_user)
    data = {"action": "enregistrer", "comptes": [str(user.pk) for user in current]}
    for user, codes in current.items():
        data[f"droits-{user.pk}"] = sorted(codes)
    return data


def test_only_the_company_administrator_reaches_the_pages(world, as_user):
    page = as_user(world.marie).get("/adhesions/habilitations/").content.decode()
    assert URL in page and "FR009990F0005" not in page
    for user in (world.antoine, world.luc, world.bob, world.agent_a):
        client = as_user(user)
        assert client.get("/adhesions/habilitations/").status_code == 404
        assert client.get(URL).status_code == 404


def test_one_card_per_account_with_its_rights(world, as_user):
    page = as_user(world.marie).get(URL).content.decode()
    assert "<table" not in page  # nothing to scroll sideways
    assert 'aria-label="Comptes habilités pour FR008777E0001 et leurs droits"' in page
    antoine, luc = world.antoine.pk, world.luc.pk
    assert f'id="droit-{antoine}-issue_daa" name="droits-{antoine}" value="issue_daa" checked' in page
    assert f'id="droit-{luc}-issue_daa" name="droits-{luc}" value="issue_daa">' in page
    assert '>Emettre un DAA / DAA secours<span class="fr-sr-only"> pour lucferrier</span></label>' in page
    # Her own row is read-only.
    assert "Vous ne pouvez pas modifier vos propres habilitations" in page
    assert f'name="droits-{world.marie.pk}"' not in page


def test_saving_changes_only_the_changed_users(world, as_user):
    response = as_user(world.marie).post(URL, table_post(world, **{}) | {f"droits-{world.luc.pk}": ["search_daa"]})
    assert response.status_code == 302
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == {"search_daa"}
    assert rights.rights_for(world.antoine, "gamma", world.excise_a) == frozenset(ALL_GAMMA)
    event = AuditEvent.objects.get(action="habilitations_changed")
    assert event.before["user"] == "lucferrier" and event.screen == "portail — habilitations de l'entreprise"
    page = as_user(world.marie).get(URL).content.decode()
    assert "Habilitations enregistrées pour FR008777E0001 : lucferrier." in page


@pytest.mark.parametrize(
    ("forgery", "message"),
    [
        ("own_account", "Vous ne pouvez pas modifier vos propres habilitations"),
        # Another company's account is not even looked up: its identifiant does not show.
        ("other_company_user", "Cette opération ne vous est pas permise."),
        ("right_not_offered", "Cette opération ne vous est pas permise."),
        ("unknown_account", "Cette opération ne vous est pas permise."),
    ],
)
def test_forged_table_posts_are_refused_and_change_nothing(world, as_user, caplog, forgery, message):
    data = table_post(world) | {f"droits-{world.luc.pk}": ["search_daa"]}  # a legitimate change too
    if forgery == "own_account":
        data["comptes"].append(str(world.marie.pk))
        data[f"droits-{world.marie.pk}"] = ALL_GAMMA
    elif forgery == "other_company_user":
        data["comptes"].append(str(world.bob.pk))
        data[f"droits-{world.bob.pk}"] = ["search_daa"]
    elif forgery == "right_not_offered":
        data[f"droits-{world.antoine.pk}"] = [*ALL_GAMMA, "superuser"]
    elif forgery == "unknown_account":
        data["comptes"].append("nimporte")
    before = held(world)
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = as_user(world.marie).post(URL, data, follow=True)
    assert message in response.content.decode()
    assert "« bob »" not in response.content.decode()
    assert held(world) == before
    assert not AuditEvent.objects.filter(action="habilitations_changed").exists()
    if forgery != "unknown_account":
        assert "Refused forged request" in caplog.text


def test_another_company_number_is_404_and_unchanged(world, as_user):
    before = held(world)
    client = as_user(world.marie)
    assert client.get("/adhesions/habilitations/FR009990F0005/").status_code == 404
    data = {"action": "enregistrer", "comptes": [str(world.bob.pk)], f"droits-{world.bob.pk}": []}
    assert client.post("/adhesions/habilitations/FR009990F0005/", data).status_code == 404
    assert held(world) == before


def test_adding_an_account_of_the_company(world, as_user):
    response = as_user(world.marie).post(
        URL,
        {"action": "ajouter", "username": "nouveau", "email": "NOUVEAU@example.org", "droits": ["search_daa"]},
    )
    assert response.status_code == 302
    assert rights.rights_for(world.newcomer_a, "gamma", world.excise_a) == {"search_daa"}


@pytest.mark.parametrize(
    ("posted", "where", "message"),
    [
        ({"username": "", "email": "x@example.org"}, 'id="id_username-error"', "Indiquez l&#x27;identifiant"),
        (
            {"username": "nouveau", "email": "faux@example.org"},
            'id="id_username-error"',
            "Aucun compte ProDou@ne activé",
        ),
        (
            {"username": "nouveau", "email": "nouveau@example.org", "droits": []},
            'id="droits-nouveau-compte-messages"',
            "Cochez au moins un droit",
        ),
        ({"username": "lucferrier", "email": "lucferrier@example.org"}, 'id="id_username-error"', "déjà habilité"),
        (
            {"username": "bob", "email": "bob@example.org"},
            "fr-alert--error",
            "n&#x27;est pas rattaché à l&#x27;entreprise",
        ),
    ],
)
def test_adding_an_account_is_refused_with_the_reason_next_to_the_field(world, as_user, posted, where, message):
    data = {"action": "ajouter", "droits": ["search_daa"]} | posted
    before = held(world)
    response = as_user(world.marie).post(URL, data)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page.split(where)[1][:400]
    assert held(world) == before


def test_removing_all_the_rights_of_an_account(world, as_user):
    response = as_user(world.marie).post(URL, table_post(world) | {"retirer": str(world.luc.pk)}, follow=True)
    assert "Tous les droits de « lucferrier » sur FR008777E0001 sont retirés." in response.content.decode()
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == frozenset()
    assert rights.rights_for(world.antoine, "gamma", world.excise_a) == frozenset(ALL_GAMMA)
    before = held(world)
    response = as_user(world.marie).post(URL, {"retirer": str(world.marie.pk)}, follow=True)
    assert "Vous ne pouvez pas modifier vos propres habilitations" in response.content.decode()
    assert held(world) == before


def test_appointing_an_administrator_needs_the_office_s_leave(world, as_user, caplog):
    Delegation.objects.create(
        user=world.antoine, operator=world.company_a, kind=DelegationKind.CORRESPONDENT, granted_by=world.agent_a
    )
    client = as_user(world.marie)
    assert "Nommer un autre administrateur" not in client.get("/adhesions/habilitations/").content.decode()
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = client.post("/adhesions/habilitations/administrateurs/", {"compte": world.antoine.pk}, follow=True)
    assert "Cette opération ne vous est pas permise." in response.content.decode()
    assert not rights.can_manage_habilitations(world.antoine, world.company_a, "gamma")

    Delegation.objects.filter(user=world.marie, kind=DelegationKind.TELESERVICE_ADMIN).update(may_appoint_admins=True)
    page = client.get("/adhesions/habilitations/").content.decode()
    assert "Nommer un autre administrateur téléservice" in page
    assert f'<option value="{world.antoine.pk}">' in page and f'<option value="{world.luc.pk}">' not in page
    response = client.post("/adhesions/habilitations/administrateurs/", {"compte": world.antoine.pk}, follow=True)
    assert "« antoineleris » est désormais administrateur téléservice GAMMA." in response.content.decode()
    assert rights.can_manage_habilitations(world.antoine, world.company_a, "gamma")
    # Never someone of another company, whose identifiant is not even read (issue 10, item 7).
    response = client.post("/adhesions/habilitations/administrateurs/", {"compte": world.bob.pk}, follow=True)
    assert "Choisissez l&#x27;un des correspondants de votre entreprise." in response.content.decode()
    assert "« bob »" not in response.content.decode()
    assert not Delegation.objects.filter(user=world.bob).exists()


def test_a_deactivated_account_does_not_block_the_table(world, as_user):
    # Its rows give no right (rights_for), so the table neither shows nor re-saves them.
    world.antoine.is_active = False
    world.antoine.save()
    client = as_user(world.marie)
    assert f'name="droits-{world.antoine.pk}"' not in client.get(URL).content.decode()
    data = {"action": "enregistrer", "comptes": [str(world.luc.pk)], f"droits-{world.luc.pk}": ["search_daa"]}
    response = client.post(URL, data, follow=True)
    assert "Habilitations enregistrées pour FR008777E0001 : lucferrier." in response.content.decode()


def test_csrf_is_enforced_on_every_action(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.marie)
    before = held(world)
    for path, data in [
        (URL, table_post(world) | {f"droits-{world.luc.pk}": []}),
        (URL, {"retirer": str(world.luc.pk)}),
        (URL, {"action": "ajouter", "username": "nouveau", "email": "nouveau@example.org", "droits": ["search_daa"]}),
        ("/adhesions/habilitations/administrateurs/", {"compte": world.antoine.pk}),
        (f"/adhesions/{world.adhesion_a.pk}/retrait/", {}),
    ]:
        assert client.post(path, data).status_code == 403, path
    assert held(world) == before


def test_the_enter_key_saves_and_never_removes_an_account(world, as_user):
    """Implicit submission (Enter) uses the form's first submit button: it must be the save."""
    import re

    page = as_user(world.marie).get(URL).content.decode()
    table_form = page[page.index(f'action="{URL}"') :]
    first_button = re.search(r"<button[^>]*>", table_form).group(0)
    assert 'value="enregistrer"' in first_button
