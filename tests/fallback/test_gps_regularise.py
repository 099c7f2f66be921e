"""Issue 12 item 11: the blank « DAA suivi P.S. » form, downloadable before any outage, and
« Régulariser dans GAMMA » from a GPS document: one draft prefilled with what the number holds."""

import datetime
import html
import io

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from fallback.models import DocumentStatus
from fallback.services import issue_fallback_document
from gamma import services
from gamma.models import Movement, MovementStatus
from habilitations.models import Habilitation
from tests.factories.habilitations import company_user
from tests.fallback.factories import IncidentFactory

BLANK = "/gps/formulaire-daa-vierge.pdf"
NOW = datetime.datetime(2026, 11, 24, 14, 30, tzinfo=datetime.UTC)  # 15:30 in Paris


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def issue(world, *, actor=None, number="FR008777E0001", vehicle="AB-123-CD"):
    IncidentFactory(starts_at=NOW - datetime.timedelta(hours=3))
    return issue_fallback_document(
        actor=actor or world.antoine,
        nature="DAA",
        excise_number=number,
        vehicle_registration=vehicle,
        dispatch_at=NOW - datetime.timedelta(hours=1),
        now=NOW - datetime.timedelta(minutes=90),
    )


def issuer_only(world):
    """A user of company A holding « Emettre un DAA » but not « Préparer un DAA »."""
    user = company_user(world.company_a, "emetteur")
    Habilitation.objects.create(
        user=user,
        teleservice="gamma",
        excise_number=world.excise_a,
        right="issue_daa",
        adhesion=world.adhesion_a,
        granted_by=world.marie,
    )
    return user


# --- The blank form -----------------------------------------------------------------------------------------


def test_the_blank_form_downloads_before_any_outage(client, world):
    client.force_login(world.antoine)

    response = client.get(BLANK)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"] and ".pdf" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"] and "max-age=86400" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content)
    assert "DOCUMENT ADMINISTRATIF D'ACCOMPAGNEMENT SUIVI" in text and "P.S." in text
    labels = ["1 Expéditeur", "3 Numéro de référence (numéro GPS)", "7 Destinataire", "16 Date d'expédition"]
    positions = [text.index(label) for label in labels]
    assert positions == sorted(positions)  # the boxes in the seed's order
    assert "Formulaire vierge" in text and "FR008777E0001" not in text


def test_a_user_with_only_a_gamma_preparing_right_downloads_it_too(client, world):
    client.force_login(world.luc)
    assert client.get(BLANK).status_code == 200


def test_the_blank_form_is_refused_without_any_right(client, world):
    client.force_login(world.newcomer_a)
    response = client.get(BLANK)
    assert response.status_code == 403
    assert "Accès à GPS refusé" in html.unescape(response.content.decode())


def test_the_blank_form_asks_to_log_in(client, world):
    response = client.get(BLANK)
    assert response.status_code == 302 and "next=" in response["Location"]


def test_the_home_page_links_the_blank_form_with_its_size(client, world):
    client.force_login(world.antoine)
    page = html.unescape(client.get("/gps/").content.decode())
    size = len(client.get(BLANK).content)
    assert 'href="/gps/formulaire-daa-vierge.pdf"' in page
    assert f"PDF \N{EN DASH} {max(1, round(size / 1000))} Ko" in page


# --- Régulariser dans GAMMA ---------------------------------------------------------------------------------


def test_regularise_creates_one_prefilled_draft_linked_to_the_gps_number(client, world):
    document = issue(world)
    client.force_login(world.antoine)
    url = f"/gps/documents/{document.number}/regulariser/"
    assert "Régulariser dans GAMMA" in html.unescape(client.get(f"/gps/documents/{document.number}/").content.decode())

    response = client.post(url)

    draft = Movement.objects.get(local_reference_number=document.number)
    assert response.status_code == 302 and response["Location"] == f"/gamma/FR008777E0001/brouillons/{draft.pk}/"
    assert draft.status == MovementStatus.DRAFT and draft.kind == "DAE" and draft.consignor == world.excise_a
    assert draft.deferred_submission is True
    assert draft.dispatch_date == datetime.date(2026, 11, 24)
    assert draft.dispatch_time == datetime.time(14, 30)  # Paris time of the dispatch (13:30 UTC)
    unit = draft.transport_details.get()
    assert (unit.transport_unit_code, unit.identity_of_transport_units) == ("2", "AB-123-CD")
    consignor = draft.traders.get(role="consignor")
    assert consignor.trader_excise_number == "FR008777E0001"

    again = client.post(url)

    assert again.status_code == 302 and again["Location"] == response["Location"]
    assert Movement.objects.filter(local_reference_number=document.number).count() == 1


def test_regularise_is_a_post(client, world):
    document = issue(world)
    client.force_login(world.antoine)
    assert client.get(f"/gps/documents/{document.number}/regulariser/").status_code == 405
    assert not Movement.objects.exists()


def test_regularise_needs_the_csrf_token(world):
    from django.test import Client

    document = issue(world)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.antoine)
    assert client.post(f"/gps/documents/{document.number}/regulariser/").status_code == 403
    assert not Movement.objects.exists()


def test_another_companys_gps_document_is_not_found(client, world):
    document = issue(world)
    client.force_login(world.bob)
    assert client.post(f"/gps/documents/{document.number}/regulariser/").status_code == 404
    assert not Movement.objects.exists()


def test_without_the_right_to_prepare_the_refusal_is_told_in_french(client, world):
    document = issue(world)
    client.force_login(issuer_only(world))

    response = client.post(f"/gps/documents/{document.number}/regulariser/")

    assert response.status_code == 403
    page = html.unescape(response.content.decode())
    assert "Régularisation refusée" in page and "« Préparer un DAA »" in page
    assert not Movement.objects.exists()


def test_a_regularised_document_gets_no_new_draft(world):
    document = issue(world)
    document.status = DocumentStatus.LATE
    document.save()
    draft, created = services.draft_from_fallback_document(actor=world.antoine, document=document)
    assert created
    draft.delete()
    movement = Movement.objects.create(kind="DAE", status=MovementStatus.ACCEPTED, consignor=world.excise_a)
    type(document).objects.filter(pk=document.pk).update(
        status=DocumentStatus.REGULARISED, movement=movement, regularised_at=timezone.now()
    )

    with pytest.raises(services.Refused, match="déjà régularisé"):
        services.draft_from_fallback_document(actor=world.antoine, document=document)


def test_the_help_page_links_the_blank_form_for_a_gamma_user_only(client, world):
    client.force_login(world.luc)  # prepares in GAMMA, cannot issue GPS numbers
    assert 'href="/gps/formulaire-daa-vierge.pdf"' in client.get("/gps/aide/").content.decode()
    client.force_login(world.newcomer_a)
    assert "formulaire-daa-vierge" not in client.get("/gps/aide/").content.decode()
    client.logout()
    assert "formulaire-daa-vierge" not in client.get("/gps/aide/").content.decode()


def test_a_dsa_number_opens_a_dsa_draft(world):
    IncidentFactory(starts_at=NOW - datetime.timedelta(hours=3))
    document = issue_fallback_document(
        actor=world.antoine,
        nature="DSA",
        excise_number="FR008777E0001",
        vehicle_registration="ZZ-999-ZZ",
        dispatch_at=NOW - datetime.timedelta(hours=1),
        now=NOW - datetime.timedelta(minutes=90),
    )

    draft, created = services.draft_from_fallback_document(actor=world.antoine, document=document)

    assert created and draft.kind == "DSA" and draft.local_reference_number == document.number
    assert draft.transport_details.get().identity_of_transport_units == "ZZ-999-ZZ"
