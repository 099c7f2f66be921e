"""Joining a company through the pages (issue 10, items 6 and 7): an account whose claim waits sees
nothing of the company; the correspondent accepts or refuses it on « Demandes de rattachement »;
the adhesion form refuses another company's account at its row; « Mon compte » changes the
company claimed; a company's administrator never reads another account's identifiant by its id."""

import html

import pytest

from accounts.models import ClaimStatus
from habilitations import rights
from habilitations.models import AuditEvent, Delegation, Habilitation
from tests.adhesions.test_form import form_data
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import company_user
from tests.factories.register import EstablishmentFactory, LegalUnitFactory, _valid_siret

pytestmark = pytest.mark.django_db

CLAIMS = "/adhesions/rattachements/"


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def claimant(world):
    return company_user(world.company_a, "candidat", claim_pending=True)


def test_an_unconfirmed_account_sees_nothing_of_the_company(world, claimant, as_user):
    client = as_user(claimant)
    for url in [
        f"/adhesions/{world.adhesion_a.pk}/",
        f"/adhesions/{world.adhesion_a.pk}/formulaire.pdf",
        "/adhesions/habilitations/",
        "/adhesions/habilitations/FR008777E0001/",
        "/adhesions/journal/",
        CLAIMS,
        "/gamma/FR008777E0001/",
        "/gamma/FR008777E0001/mouvements/",
    ]:
        assert client.get(url).status_code == 404, url
    listing = text(client.get("/adhesions/"))
    for leak in ("FR008777E0001", "antoineleris", "lucferrier@example.org", "marie"):
        assert leak not in listing
    start = text(client.get("/adhesions/nouvelle/"))
    assert "attend la confirmation de son correspondant" in start and "FR008777E0001" not in start
    space = text(client.get("/compte/espace-personnel/"))
    assert "rattachement à confirmer" in space
    assert 'id="mon-entreprise"' not in space and "EMCS Gamma" not in space


def test_the_correspondent_accepts_a_claim_and_the_account_sees_the_company(world, claimant, as_user):
    marie = as_user(world.marie)
    assert "Demandes pour rejoindre l'entreprise" in text(marie.get("/compte/espace-personnel/"))
    page = text(marie.get(CLAIMS))
    assert "candidat@example.org" in page and claimant.siret in page
    response = marie.post(CLAIMS, {"compte": claimant.pk, "decision": "accepter"}, follow=True)
    assert "« candidat » est désormais rattaché à SOCIETE DE DISTRIBUTION D'ALCOOLS." in text(response)
    assert "candidat@example.org" not in text(response)  # no longer pending
    claimant.refresh_from_db()
    assert claimant.siret_status == ClaimStatus.CONFIRMED and claimant.siret_decided_by == world.marie
    event = AuditEvent.objects.get(action="claim_confirmed")
    assert event.screen == "portail — demandes de rattachement"
    journal = text(marie.get("/adhesions/journal/"))
    assert "Rattachement à l'entreprise : confirmé" in journal
    assert as_user(claimant).get(f"/adhesions/{world.adhesion_a.pk}/").status_code == 200


def test_the_correspondent_refuses_a_claim(world, claimant, as_user):
    response = as_user(world.marie).post(CLAIMS, {"compte": claimant.pk, "decision": "refuser"}, follow=True)
    assert "La demande de rattachement de « candidat » est refusée." in text(response)
    claimant.refresh_from_db()
    assert claimant.siret_status == ClaimStatus.REFUSED
    assert as_user(claimant).get(f"/adhesions/{world.adhesion_a.pk}/").status_code == 404
    assert "refusé par l'entreprise" in text(as_user(claimant).get("/compte/references/"))


def test_the_claims_page_decides_only_pending_claims_of_the_company(world, claimant, as_user):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, siret="", company_name="")
    other_pending = company_user(world.company_b, "candidat.b", claim_pending=True)
    marie = as_user(world.marie)
    for forged in [admin.pk, other_pending.pk, world.bob.pk, world.luc.pk, "x", 10**30]:
        response = marie.post(CLAIMS, {"compte": forged, "decision": "accepter"})
        assert response.status_code == 404, forged
    assert marie.post(CLAIMS, {"compte": claimant.pk, "decision": "n'importe"}).status_code == 404
    other_pending.refresh_from_db()
    claimant.refresh_from_db()
    assert other_pending.siret_status == claimant.siret_status == ClaimStatus.CLAIMED
    assert not AuditEvent.objects.filter(action__startswith="claim_").exists()
    # Not a correspondent (luc), or one of another company: the page does not exist.
    assert as_user(world.luc).get(CLAIMS).status_code == 404
    assert as_user(world.luc).post(CLAIMS, {"compte": claimant.pk, "decision": "accepter"}).status_code == 404


def test_the_adhesion_form_refuses_another_company_s_account_at_its_row(world, as_user):
    from tests.factories.register import ExciseNumberFactory

    number = ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    client = as_user(world.luc)
    adhesion_pk = int(client.post("/adhesions/nouvelle/", {"excise_number": number.number}).url.split("/")[2])
    response = client.post(
        f"/adhesions/{adhesion_pk}/formulaire/",
        form_data(
            "enregistrer",
            [("lucferrier", "lucferrier@example.org", ["search_daa"]), ("bob", "bob@example.org", ["search_daa"])],
        ),
    )
    assert response.status_code == 400
    page = text(response)
    row_error = page.split('id="ligne-2-identifiant-error"')[1].split("</p>")[0]
    assert "Ligne 2 : le compte « bob » n'est pas rattaché à SOCIETE DE DISTRIBUTION D'ALCOOLS" in row_error
    assert 'aria-describedby="ligne-2-identifiant-error"' in page
    assert not Habilitation.objects.filter(user=world.bob, excise_number=number).exists()


# --- Mon compte: changing employer -----------------------------------------------------------------


def test_changing_employer_from_my_account(world, as_user):
    unit = LegalUnitFactory(siren=world.company_b.siren, denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    establishment = EstablishmentFactory(legal_unit=unit, nic="0017", siret=_valid_siret(world.company_b.siren, 17))
    client = as_user(world.luc)
    assert "confirmé" in text(client.get("/compte/references/"))
    response = client.post("/compte/references/entreprise/", {"siret": establishment.siret}, follow=True)
    page = text(response)
    assert "Votre demande de rattachement à COMPAGNIE FRANCAISE DE L ARMAGNAC" in page
    assert "ancienne entreprise ont pris fin" in page
    world.luc.refresh_from_db()
    assert world.luc.siret == establishment.siret and world.luc.siret_status == ClaimStatus.CLAIMED
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == frozenset()
    assert not Habilitation.objects.filter(user=world.luc).exists()
    assert client.get("/gamma/FR008777E0001/").status_code == 404
    assert client.get(f"/adhesions/{world.adhesion_a.pk}/").status_code == 404
    assert client.get(f"/adhesions/{world.adhesion_b.pk}/").status_code == 404
    assert AuditEvent.objects.filter(action="claim_left", operator=world.company_a).exists()


def test_a_wrong_siret_in_my_account_is_refused_at_the_field(world, as_user):
    client = as_user(world.luc)
    response = client.post("/compte/references/entreprise/", {"siret": "1234"})
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_siret-error"' in page and "14 chiffres" in page.split('id="id_siret-error"')[1].split("</p>")[0]
    unit = LegalUnitFactory(siren=world.company_a.siren, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    EstablishmentFactory(legal_unit=unit, nic="0001", siret=world.luc.siret)
    response = client.post("/compte/references/entreprise/", {"siret": world.luc.siret})
    assert "C'est déjà le SIRET de votre entreprise de rattachement" in text(response)
    world.luc.refresh_from_db()
    assert world.luc.siret_status == ClaimStatus.CONFIRMED
    assert rights.rights_for(world.luc, "gamma", world.excise_a)


# --- Item 7: an administrator reads only his company's accounts ------------------------------------


def test_the_administrator_reads_no_identifiant_of_another_account_by_its_id(world, as_user):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, siret="", company_name="")
    Delegation.objects.filter(user=world.marie, kind="admin").update(may_appoint_admins=True)
    client = as_user(world.marie)
    for url, data in [
        ("/adhesions/habilitations/administrateurs/", {"compte": admin.pk}),
        ("/adhesions/habilitations/administrateurs/", {"compte": world.bob.pk}),
        ("/adhesions/habilitations/FR008777E0001/", {"retirer": admin.pk}),
        ("/adhesions/habilitations/FR008777E0001/", {"retirer": world.bob.pk}),
        (
            "/adhesions/habilitations/FR008777E0001/",
            {"action": "enregistrer", "comptes": [admin.pk], f"droits-{admin.pk}": ["search_daa"]},
        ),
    ]:
        page = text(client.post(url, data, follow=True))
        assert "« admin »" not in page and "« bob »" not in page, (url, data)
        assert "Cette opération ne vous est pas permise." in page or "Choisissez l'un des correspondants" in page
    assert not Delegation.objects.filter(user__in=[admin, world.bob], operator=world.company_a).exists()
    assert not Habilitation.objects.filter(user=admin).exists()


def test_an_unconfirmed_account_of_the_company_is_not_offered_nor_appointed(world, claimant, as_user):
    Delegation.objects.create(user=claimant, operator=world.company_a, kind="correspondent", granted_by=world.agent_a)
    Delegation.objects.filter(user=world.marie, kind="admin").update(may_appoint_admins=True)
    client = as_user(world.marie)
    assert f'<option value="{claimant.pk}">' not in client.get("/adhesions/habilitations/").content.decode()
    page = text(client.post("/adhesions/habilitations/administrateurs/", {"compte": claimant.pk}, follow=True))
    assert "Choisissez l'un des correspondants de votre entreprise." in page
    assert not rights.can_manage_habilitations(claimant, world.company_a, "gamma")


def test_the_first_adhesion_of_a_company_without_correspondent_confirms_its_preparer(world, as_user, client):
    """Company B has no correspondent: a newcomer claiming it fills the adhesion of its second
    number; the office sees the claim is not confirmed, accepts, and the claim is confirmed."""
    from habilitations.models import Adhesion
    from tests.factories.register import ExciseNumberFactory

    number = ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_b)
    newcomer = company_user(world.company_b, "nouveau.b", claim_pending=True)
    user_client = as_user(newcomer)
    start = text(user_client.get("/adhesions/nouvelle/"))
    assert "vous pouvez demander sa première adhésion" in start
    assert "Voir la demande" not in start  # bob's adhesion in force on FR009990F0005 stays hidden
    response = user_client.post("/adhesions/nouvelle/", {"excise_number": number.number})
    adhesion = Adhesion.objects.get(excise_number=number)
    response = user_client.post(
        f"/adhesions/{adhesion.pk}/formulaire/",
        form_data("transmettre_sans_droits", [("nouveau.b", "nouveau.b@example.org", ["search_daa"])])
        | {"company_name": world.company_b.name}
        # confirmed: told that no account would hold the six other rights
        | {"droits_absents": ["prepare_daa", "prepare_dsa", "issue_daa", "issue_dsa", "discharge_daa", "search_dsa"]},
    )
    assert response.status_code == 302, text(response)
    assert [a.pk for a in rights.visible_adhesions(newcomer)] == [adhesion.pk]

    user_client.logout()
    office = as_user(world.agent_b)
    page = text(office.get(f"/bureau/adhesions/{adhesion.pk}/"))
    assert "rattachement à l'entreprise non confirmé" in page
    assert "Accepter confirme le rattachement à l'entreprise du demandeur" in page
    office.post(f"/bureau/adhesions/{adhesion.pk}/accepter/")
    newcomer.refresh_from_db()
    assert newcomer.siret_status == ClaimStatus.CONFIRMED and newcomer.siret_decided_by == world.agent_b
    assert rights.rights_for(newcomer, "gamma", number) == {"search_daa"}
    assert rights.adhesion_abilities(newcomer, world.adhesion_b).view  # now of the company


def test_adding_an_account_whose_claim_waits_says_to_accept_it_first(world, claimant, as_user):
    response = as_user(world.marie).post(
        "/adhesions/habilitations/FR008777E0001/",
        {"action": "ajouter", "username": "candidat", "email": "candidat@example.org", "droits": ["search_daa"]},
    )
    assert response.status_code == 400
    error = text(response).split('id="id_username-error"')[1].split("</p>")[0]
    assert "Le rattachement de « candidat » à l'entreprise n'est pas encore confirmé" in error
    assert not Habilitation.objects.filter(user=claimant).exists()


def test_a_former_member_claiming_the_company_again_sees_none_of_the_requests_he_prepared(world, as_user):
    """marie prepared A's adhesion (its lines name A's accounts and their e-mails), left A for B, then
    claims A again: until confirmed she sees nothing of A, her old requests included (nor their PDF,
    audit trail or withdrawal), though A, without correspondent now, lets her prepare a first adhesion."""
    from habilitations import claims as claim_services

    for company, nic in ((world.company_b, 17), (world.company_a, 21)):
        unit = LegalUnitFactory(siren=company.siren, denomination=company.name)
        EstablishmentFactory(legal_unit=unit, nic=f"{nic:04d}", siret=_valid_siret(company.siren, nic))
    claim_services.claim_change(actor=world.marie, siret=_valid_siret(world.company_b.siren, 17))
    claim_services.claim_change(actor=world.marie, siret=_valid_siret(world.company_a.siren, 21))
    world.marie.refresh_from_db()
    assert world.marie.siret_status == ClaimStatus.CLAIMED
    client = as_user(world.marie)
    for url in (
        f"/adhesions/{world.adhesion_a.pk}/",
        f"/adhesions/{world.adhesion_a.pk}/formulaire.pdf",
        f"/adhesions/{world.adhesion_a.pk}/formulaire/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/adhesions/{world.adhesion_a.pk}/retrait/").status_code == 404
    listing = text(client.get("/adhesions/"))
    assert "lucferrier" not in listing and f"/adhesions/{world.adhesion_a.pk}/" not in listing
    assert list(rights.visible_adhesions(world.marie)) == []
