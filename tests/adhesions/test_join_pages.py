"""« Demander à rejoindre l'entreprise » through the pages (issue 12, item 8): the offer on the SIRET
look-up and on « Adhérer à GAMMA », the request, the personal space saying where it waits, its
withdrawal, and the administrator's « Demandes pour rejoindre l'entreprise »."""

import datetime
import html
import zoneinfo

import pytest
import time_machine

from accounts.models import ClaimStatus
from habilitations import join_requests
from habilitations.models import Delegation, DelegationKind
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import company_user
from tests.factories.register import EstablishmentFactory, LegalUnitFactory, _valid_siret

pytestmark = pytest.mark.django_db

CLAIMS = "/adhesions/rattachements/"
JOIN = "/adhesions/rejoindre/"
SPACE = "/compte/espace-personnel/"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def siret_a(world):
    world.marie.first_name, world.marie.last_name = "Marie", "Durand"
    world.marie.save()
    unit = LegalUnitFactory(siren=world.company_a.siren, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    return EstablishmentFactory(legal_unit=unit, nic="0029", siret=_valid_siret(world.company_a.siren, 29)).siret


@pytest.fixture
def julie(world):
    return UserFactory(username="julie", first_name="Julie", last_name="Martin", siret="", company_name="")


def test_the_siret_look_up_offers_to_join_with_the_administrator_masked(world, julie, siret_a, as_user, client):
    anonymous = text(client.get("/services/siret/", {"siret": siret_a}))
    assert "Demander à rejoindre l'entreprise" not in anonymous and "Durand" not in anonymous
    page = text(as_user(julie).get("/services/siret/", {"siret": siret_a}))
    assert "Son administrateur ProDou@ne est <strong>Marie Durand</strong> (m***@example.org)" in page
    assert "marie@example.org" not in page and "Demander à rejoindre l'entreprise" in page


def test_the_start_page_offers_to_join_the_company_named_at_registration(world, julie, siret_a, as_user):
    julie.siret, julie.siret_status = siret_a, ClaimStatus.WITHDRAWN
    julie.save()
    page = text(as_user(julie).get("/adhesions/nouvelle/"))
    assert "Son administrateur ProDou@ne est <strong>Marie Durand</strong> (m***@example.org)" in page
    assert f'name="siret" value="{siret_a}"' in page


def test_asking_then_withdrawing_from_the_personal_space(world, julie, siret_a, as_user):
    # The whole visit at 23:30 in Paris (logged in, asked, read back): a session begun at the suite's
    # own clock and used again at another would have expired.
    with time_machine.travel(datetime.datetime(2026, 12, 4, 23, 30, tzinfo=PARIS), tick=False):
        client = as_user(julie)
        response = client.post(JOIN, {"siret": siret_a, "message": "Service logistique."}, follow=True)
        assert response.redirect_chain[-1][0] == SPACE
        page = text(response)
        assert (
            "Votre demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS est transmise à son administrateur" in page
        )
        space = text(client.get(SPACE))
    assert (
        "Votre demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS est en attente auprès de son "
        "administrateur Marie Durand depuis le 04/12/2026." in space
    )  # 23:30 in Paris is 22:30 UTC: still the 4th
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED and julie.siret_claim_message == "Service logistique."
    assert "Service logistique." in text(as_user(world.marie).get(CLAIMS))
    client = as_user(julie)
    withdrawn = text(client.post("/adhesions/rejoindre/retrait/", follow=True))
    assert "Votre demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS est retirée." in withdrawn
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.WITHDRAWN
    assert "est en attente auprès" not in text(client.get(SPACE))


def test_a_refused_request_keeps_the_message_typed(world, julie, siret_a, as_user):
    response = as_user(julie).post(JOIN, {"siret": siret_a, "message": "x" * 501})
    assert response.status_code == 400
    page = text(response)
    assert "Votre message ne doit pas dépasser 500 caractères (il en compte 501)." in page
    assert 'href="#id_message"' in page and "x" * 501 in page
    julie.refresh_from_db()
    assert julie.siret == ""


@pytest.mark.parametrize("siret", ["", "abc", "1234\x00", "9" * 40])
def test_a_join_page_without_company_to_join_is_a_404_or_a_french_refusal(world, julie, as_user, siret):
    client = as_user(julie)
    assert client.get(JOIN, {"siret": siret}).status_code == 404
    response = client.post(JOIN, {"siret": siret})
    assert response.status_code == 400 and "erreur" in text(response)


def test_the_administrator_accepts_in_one_click_and_twice_is_harmless(world, julie, siret_a, as_user):
    join_requests.ask_to_join(actor=julie, siret=siret_a)
    marie = as_user(world.marie)
    page = text(marie.get(CLAIMS))
    assert "Demandes pour rejoindre l'entreprise" in page and "sans aucun droit" in page
    for _ in range(2):  # a double click
        response = marie.post(CLAIMS, {"compte": julie.pk, "decision": "accepter"}, follow=True)
        assert response.status_code == 200
        assert "« julie » est désormais rattaché à SOCIETE DE DISTRIBUTION D'ALCOOLS." in text(response)
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CONFIRMED
    space = text(as_user(julie).get(SPACE))
    assert 'id="mon-entreprise"' in space and "en attente auprès" not in space


def test_another_company_s_request_is_a_404(world, julie, as_user):
    unit_b = LegalUnitFactory(siren=world.company_b.siren, denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    siret_b = EstablishmentFactory(legal_unit=unit_b, nic="0017", siret=_valid_siret(world.company_b.siren, 17)).siret
    join_requests.ask_to_join(actor=julie, siret=siret_b)
    assert as_user(world.marie).post(CLAIMS, {"compte": julie.pk, "decision": "accepter"}).status_code == 404
    b_admin = company_user(world.company_b, "admin.b")
    Delegation.objects.create(
        user=b_admin, operator=world.company_b, kind=DelegationKind.CORRESPONDENT, granted_by=world.agent_b
    )
    assert as_user(world.luc).get(CLAIMS).status_code == 404  # not an administrator
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED
    response = as_user(b_admin).post(CLAIMS, {"compte": julie.pk, "decision": "accepter"}, follow=True)
    assert "« julie » est désormais rattaché à COMPAGNIE FRANCAISE DE L ARMAGNAC." in text(response)


def test_refusing_with_a_reason_and_a_too_long_one(world, julie, siret_a, as_user):
    join_requests.ask_to_join(actor=julie, siret=siret_a)
    marie = as_user(world.marie)
    response = marie.post(CLAIMS, {"compte": julie.pk, "decision": "refuser", "motif": "y" * 501})
    assert response.status_code == 400
    page = text(response)
    assert f'href="#motif-{julie.pk}"' in page and "y" * 501 in page
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED
    marie.post(CLAIMS, {"compte": julie.pk, "decision": "refuser", "motif": "Inconnue du service."})
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.REFUSED
    references = text(as_user(julie).get("/compte/references/"))
    assert "refusé par l'entreprise (motif : Inconnue du service.)" in references


def test_the_siren_look_up_offers_to_join_through_the_head_office(world, julie, siret_a, as_user):
    unit = world.company_a.siren
    head_office = EstablishmentFactory(
        legal_unit_id=unit, nic="0013", siret=_valid_siret(unit, 13), is_head_office=True
    ).siret
    client = as_user(julie)
    page = text(client.get("/services/tva-intracom/", {"siren": world.company_a.siren}))
    assert "Son administrateur ProDou@ne est <strong>Marie Durand</strong> (m***@example.org)" in page
    assert f'name="siret" value="{head_office}"' in page
    client.post(JOIN, {"siret": head_office})
    julie.refresh_from_db()
    assert julie.siret == head_office and julie.siret_status == ClaimStatus.CLAIMED
    assert join_requests.head_office_siret(siren="12345678\x00") == ""
