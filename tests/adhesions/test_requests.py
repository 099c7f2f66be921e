"""The company's requests: list, read-only detail, withdrawal, and the PDF of the filled form."""

import io
import logging

import pytest
from pypdf import PdfReader

from habilitations.models import AdhesionStatus
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(world, new_number):
    return AdhesionFactory(
        excise_number=new_number,
        submitted=True,
        prepared_by=world.luc,
        software_name="Logiciel DTI+ 2.1",
        lines={world.antoine: ALL_GAMMA, world.luc: ["prepare_daa", "search_dsa"]},
    )


def test_the_list_shows_the_company_requests_only(world, submitted, as_user):
    draft_of_antoine = AdhesionFactory(excise_number=submitted.excise_number, prepared_by=world.antoine)
    page = as_user(world.luc).get("/adhesions/").content.decode()
    assert f"/adhesions/{submitted.pk}/" in page and f"/adhesions/{world.adhesion_a.pk}/" in page
    assert f"/adhesions/{world.adhesion_b.pk}/" not in page  # company B
    assert f"/adhesions/{draft_of_antoine.pk}/" not in page  # another user's draft
    assert "Transmise au bureau" in page and "Acceptée" in page


def test_the_detail_shows_the_filled_form_read_only(world, submitted, as_user):
    page = as_user(world.antoine).get(f"/adhesions/{submitted.pk}/").content.decode()
    assert "Transmise au bureau" in page
    assert "Logiciel DTI+ 2.1" in page
    assert '<th scope="row">lucferrier</th>' in page
    row = page.split('<th scope="row">lucferrier</th>')[1].split("</tr>")[0]
    assert "<li>Préparer un DAA</li><li>Rechercher DSA</li></ul>" in row  # the rights given, in words
    assert "<input" not in page.split("<h1>")[1].split("Historique")[0].replace('name="csrfmiddlewaretoken"', "")
    assert "Retirer la demande" not in page  # antoine neither prepared it nor administers GAMMA
    assert f"/adhesions/{submitted.pk}/formulaire.pdf" in page


def test_a_rejected_request_shows_its_reason(world, new_number, as_user):
    rejected = AdhesionFactory(
        excise_number=new_number,
        status=AdhesionStatus.REJECTED,
        rejection_reason="Le numéro d'accises n'est plus valide.",
        prepared_by=world.luc,
    )
    page = as_user(world.luc).get(f"/adhesions/{rejected.pk}/").content.decode()
    assert "Refusée" in page and "Motif du refus" in page
    assert "Le numéro d&#x27;accises n&#x27;est plus valide." in page


def test_the_preparer_withdraws_a_transmitted_request(world, submitted, as_user):
    client = as_user(world.luc)
    assert "Retirer la demande" in client.get(f"/adhesions/{submitted.pk}/").content.decode()
    response = client.post(f"/adhesions/{submitted.pk}/retrait/", follow=True)
    assert "est retirée" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == AdhesionStatus.WITHDRAWN
    assert submitted.audit_events.get(action="adhesion_withdrawn").screen == "portail — mes demandes d'adhésion"


def test_a_refused_withdrawal_says_why_and_changes_nothing(world, as_user, caplog):
    with caplog.at_level(logging.WARNING, logger="prodouane.security"):
        response = as_user(world.antoine).post(f"/adhesions/{world.adhesion_a.pk}/retrait/", follow=True)
    assert "Cette opération ne vous est pas permise." in response.content.decode()
    world.adhesion_a.refresh_from_db()
    assert world.adhesion_a.status == AdhesionStatus.APPROVED


def test_another_company_s_request_is_404_everywhere(world, as_user):
    client = as_user(world.luc)
    pk = world.adhesion_b.pk
    assert client.get(f"/adhesions/{pk}/").status_code == 404
    assert client.get(f"/adhesions/{pk}/formulaire.pdf").status_code == 404
    assert client.post(f"/adhesions/{pk}/retrait/").status_code == 404
    world.adhesion_b.refresh_from_db()
    assert world.adhesion_b.status == AdhesionStatus.APPROVED


def test_the_pdf_of_the_filled_form(world, submitted, as_user):
    response = as_user(world.luc).get(f"/adhesions/{submitted.pk}/formulaire.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="adhesion-gamma-FR008777E0002.pdf"'
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for expected in [
        "Formulaire de demande d'adhésion à la téléprocédure GAMMA",
        "FR008777E0002",
        "SOCIETE DE DISTRIBUTION D'ALCOOLS",
        world.company_a.siren,
        "antoineleris",
        "lucferrier",
        "Logiciel DTI+ 2.1",
        "4- Dispense de signature",
        "Marie Durand",
        "20/11/2026",
    ]:
        assert expected in text, expected
    assert reader.metadata.title == "Demande d'adhésion à GAMMA — FR008777E0002"
