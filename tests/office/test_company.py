"""Companies in charge: excise numbers, adhesions, habilitations in force (changed by the office on
its own numbers), delegations granted and revoked; and the company's audit trail in French."""

import html

import pytest

from habilitations import catalogue, rights
from habilitations.models import AuditEvent, Delegation, DelegationKind
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def company_url(world, suffix=""):
    return f"/bureau/entreprises/{world.company_a.siren}/{suffix}"


def test_companies_list_and_search(client, agent, world):
    page = text(client.get("/bureau/entreprises/"))
    assert "SOCIETE DE DISTRIBUTION D'ALCOOLS" in page
    assert "COMPAGNIE FRANCAISE DE L ARMAGNAC" not in page  # office B's company
    assert "SOCIETE DE DISTRIBUTION" in text(client.get("/bureau/entreprises/?q=732829"))
    assert "Aucune entreprise ne correspond." in text(client.get("/bureau/entreprises/?q=zzz"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("ARMA\x00GNAC", "Le caractère nul n\u2019est pas autorisé."),  # PostgreSQL would refuse it: was a 500
        ("A" * 121, "au plus 120 caractères"),
    ],
)
def test_a_company_search_that_cannot_be_run_is_refused_at_the_field(client, agent, world, typed, message):
    response = client.get("/bureau/entreprises/", {"q": typed})
    assert response.status_code == 200
    page = text(response)
    assert 'id="recherche-entreprise-erreur"' in page and message in page
    assert "SOCIETE DE DISTRIBUTION D'ALCOOLS" in page  # the unfiltered list, nothing lost


def test_the_company_page(client, agent, world):
    ExciseNumberFactory(number="FR003200E0009", operator=world.company_a, customs_office=world.office_b)
    response = client.get(company_url(world))
    assert response.status_code == 200
    page = text(response)
    assert "Bureau de Paris (FR007501) — votre bureau" in page
    assert "Bureau d'Auch (FR003200)</td>" in page  # another office's number, listed without its details
    table = page.split('id="habilitations-FR008777E0001"')[1].split("</table>")[0]
    for right in catalogue.rights_of(catalogue.GAMMA):
        assert f'<th scope="col">{right.label}</th>' in table
    luc = table.split('<th scope="row">lucferrier</th>')[1].split("</tr>")[0]
    assert luc.count("Oui") == 4 and luc.count("Non") == 3
    assert "habilitations-FR003200E0009" not in page  # the office manages only its own numbers
    delegations = page.split('id="table-delegations"')[1].split("</table>")[0]
    assert "Correspondant Prodou@ne" in delegations and "Administrateur téléservice GAMMA" in delegations


def test_grant_correspondent_then_administrator(client, agent, world):
    newcomer = world.newcomer_a
    response = client.post(
        company_url(world, "delegations/"), {"kind": "correspondent", "compte": newcomer.pk}, follow=True
    )
    assert "nouveau : statut « Correspondant Prodou@ne » accordé." in text(response)
    assert rights.is_correspondent(newcomer, world.company_a)
    response = client.post(
        company_url(world, "delegations/"),
        {"kind": "admin", "compte": newcomer.pk, "teleservice": "gamma", "may_appoint_admins": "on"},
        follow=True,
    )
    assert (
        "nouveau : statut « Administrateur téléservice GAMMA, qui peut nommer d'autres administrateurs » accordé."
        in text(response)
    )
    delegation = rights.admin_delegation(newcomer, world.company_a, "gamma")
    assert delegation is not None and delegation.may_appoint_admins
    assert AuditEvent.objects.filter(action="delegation_granted", screen="bureau — entreprise").count() == 2


def test_an_administrator_must_be_correspondent_first(client, agent, world):
    response = client.post(
        company_url(world, "delegations/"), {"kind": "admin", "compte": world.luc.pk, "teleservice": "gamma"}
    )
    assert response.status_code == 200
    assert "« lucferrier » doit d'abord recevoir le statut de correspondant Prodou@ne de l'entreprise." in text(
        response
    )
    assert 'id="administrateur_compte-error"' in response.content.decode()
    assert not Delegation.objects.filter(user=world.luc).exists()


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "correspondent"},
        {"kind": "correspondent", "compte": "abc"},
        {"kind": "correspondent", "compte": "999999"},
        {"kind": "admin", "compte": "", "teleservice": "gamma"},
    ],
)
def test_bad_or_foreign_accounts_are_told_next_to_the_field(client, agent, world, data):
    before = Delegation.objects.count()
    response = client.post(company_url(world, "delegations/"), data)
    assert response.status_code == 200
    page = text(response)
    assert "Choisissez un compte" in page
    assert Delegation.objects.count() == before


def test_another_company_user_cannot_be_named(client, agent, world):
    response = client.post(company_url(world, "delegations/"), {"kind": "correspondent", "compte": world.bob.pk})
    assert "Choisissez un compte rattaché à l'entreprise dans la liste." in text(response)
    assert not Delegation.objects.filter(user=world.bob).exists()


def test_unknown_teleservice_or_kind(client, agent, world):
    response = client.post(
        company_url(world, "delegations/"), {"kind": "admin", "compte": world.marie.pk, "teleservice": "root"}
    )
    assert "Choisissez un téléservice ouvert sur habilitation." in text(response)
    response = client.post(company_url(world, "delegations/"), {"kind": "superuser"}, follow=True)
    assert "Statut inconnu" in text(response)


def test_revoke_the_correspondent_takes_the_administrator_status_too(client, agent, world):
    correspondent = Delegation.objects.get(user=world.marie, kind=DelegationKind.CORRESPONDENT)
    url = company_url(world, f"delegations/{correspondent.pk}/retirer/")
    response = client.post(url, follow=True)
    assert "marie : statut « Correspondant Prodou@ne » retiré." in text(response)
    assert not Delegation.objects.filter(user=world.marie).exists()
    assert rights.admin_delegation(world.marie, world.company_a, "gamma") is None
    # A second click: told, nothing else.
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Ce statut a déjà été retiré" in text(response)


def test_a_delegation_of_another_company_cannot_be_revoked_from_here(client, agent, world):
    foreign = Delegation.objects.create(
        user=world.bob, operator=world.company_b, kind=DelegationKind.CORRESPONDENT, granted_by=world.agent_b
    )
    client.post(company_url(world, f"delegations/{foreign.pk}/retirer/"))
    assert Delegation.objects.filter(pk=foreign.pk).exists()


def test_the_office_changes_a_user_habilitations(client, agent, world):
    url = company_url(world, f"habilitations/?numero={world.excise_a.number}&compte={world.luc.pk}")
    page = text(client.get(url))
    assert 'value="prepare_daa" checked' in page and 'value="issue_daa">' in page
    response = client.post(
        company_url(world, "habilitations/"),
        {"numero": world.excise_a.number, "compte": world.luc.pk, "rights": ["prepare_daa", "issue_daa"]},
        follow=True,
    )
    assert "Habilitations de lucferrier sur FR008777E0001 enregistrées. Droits : Préparer un DAA, Emettre un DAA" in (
        text(response)
    )
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == {"prepare_daa", "issue_daa"}
    event = AuditEvent.objects.get(action="habilitations_changed")
    assert event.actor == world.agent_a and event.screen == "bureau — habilitations"
    # A newcomer of the company gets habilitated the same way; unticking everything removes all.
    client.post(
        company_url(world, "habilitations/"),
        {"numero": world.excise_a.number, "compte": world.newcomer_a.pk, "rights": ["search_daa"]},
    )
    assert rights.rights_for(world.newcomer_a, "gamma", world.excise_a) == {"search_daa"}
    client.post(company_url(world, "habilitations/"), {"numero": world.excise_a.number, "compte": world.luc.pk})
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == frozenset()


def test_habilitations_bad_input(client, agent, world):
    before = rights.rights_for(world.luc, "gamma", world.excise_a)
    response = client.post(
        company_url(world, "habilitations/"),
        {"numero": world.excise_a.number, "compte": world.luc.pk, "rights": ["root"]},
    )
    assert "Droit inconnu : cochez seulement les droits proposés." in text(response)
    for query, message in [
        ("?numero=FR009990F0005&compte=" + str(world.luc.pk), "Choisissez un numéro d'accise de l'entreprise"),
        ("?numero=garbage&compte=abc", "Choisissez un compte rattaché à l'entreprise"),
        (f"?numero={world.excise_a.number}&compte={world.bob.pk}", "Choisissez un compte rattaché à l'entreprise"),
        ("?numero=&compte=", "Choisissez un numéro d'accise."),
    ]:
        response = client.get(company_url(world, "habilitations/" + query))
        assert response.status_code == 200
        assert message in text(response), query
    response = client.post(
        company_url(world, "habilitations/"),
        {"numero": "FR009990F0005", "compte": world.bob.pk, "rights": ["issue_daa"]},
    )
    assert response.status_code == 200
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == before
    assert rights.rights_for(world.bob, "gamma", world.excise_b) == frozenset(
        r.code for r in catalogue.rights_of("gamma")
    )


def test_the_audit_trail_in_french(client, agent, world, waiting):
    client.post(f"/bureau/adhesions/{waiting.pk}/accepter/")
    client.post(
        company_url(world, "habilitations/"),
        {"numero": world.excise_a.number, "compte": world.luc.pk, "rights": ["search_daa"]},
    )
    response = client.get(company_url(world, "journal/"))
    assert response.status_code == 200
    page = text(response)
    journal = page.split('id="journal"')[1]
    assert "Adhésion acceptée, 2 compte(s) habilité(s)" in journal
    assert "État : Transmise au bureau" in journal and "État : Acceptée" in journal
    assert "antoineleris : Préparer un DAA, Préparer un DSA, Emettre un DAA / DAA secours" in journal
    assert "Droits : Préparer un DAA, Préparer un DSA, Rechercher DAA, Rechercher DSA" in journal  # before
    assert "Droits : Rechercher DAA" in journal  # after
    assert "Jean Dupont (agent.paris), agent des douanes" in journal
    assert "bureau — instruction" in journal and "bureau — habilitations" in journal
