"""Seed, case 2: the user's « Demande d'assistance », the SAU's diagnosis, the office's individual
authorisation; each step e-mailed to those involved and visible to each of them."""

import datetime
import html

import pytest
from django.conf import settings
from django.utils import timezone

from fallback.models import AssistanceRequest, AssistanceStatus, FallbackAuthorisation, FallbackDocument
from mail.models import OutboxMessage
from tests.fallback.factories import AssistanceRequestFactory

NEW = "/demandes-assistance/nouvelle/"


def text(response) -> str:
    return html.unescape(response.content.decode())


def request_data(**overrides) -> dict:
    before = timezone.localtime(timezone.now() - datetime.timedelta(minutes=30))
    data = {
        "excise_number": "FR009990F0005",
        "teleservice": "gamma",
        "occurred_on": f"{before:%Y-%m-%d}",
        "occurred_time": f"{before:%H:%M}",
        "problem": "L'impression du DAA échoue depuis ce matin : « erreur réseau ».",
        "contact_phone": "05 62 00 00 00",
    }
    return {**data, **overrides}


def mails_to(address: str) -> list[OutboxMessage]:
    return [message for message in OutboxMessage.objects.order_by("pk") if address in message.to]


@pytest.fixture
def open_request(world):
    return AssistanceRequestFactory(requester=world.bob, excise_number=world.excise_b)


@pytest.fixture
def escalated(world, sau):
    return AssistanceRequestFactory(requester=world.bob, excise_number=world.excise_b, escalated=True, diagnosed_by=sau)


# --- The user's request ----------------------------------------------------------------------------------------


def test_a_user_sends_a_request_for_one_of_their_numbers(client, world):
    client.force_login(world.bob)
    response = client.post(NEW, request_data())

    assistance = AssistanceRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/demandes-assistance/{assistance.pk}/"
    assert (assistance.requester, assistance.excise_number, assistance.customs_office) == (
        world.bob,
        world.excise_b,
        world.office_b,
    )
    assert assistance.status == AssistanceStatus.OPEN and assistance.contact_phone == "05 62 00 00 00"
    assert [m.subject for m in mails_to(world.bob.email)] == [
        f"Demande d'assistance n° {assistance.pk} reçue — FR009990F0005"
    ]
    to_sau = mails_to(settings.HELPDESK_EMAIL)
    assert len(to_sau) == 1 and "L'impression du DAA échoue" in to_sau[0].body_text
    page = text(client.get(f"/demandes-assistance/{assistance.pk}/"))
    assert "En attente du diagnostic du SAU" in page
    assert "En attente du diagnostic du SAU" in text(client.get("/demandes-assistance/"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"excise_number": "FR008777E0001"}, "Vous n'agissez pas pour le numéro d'accises FR008777E0001"),
        ({"excise_number": "FR12"}, "comporte 13 caractères"),
        ({"problem": "   "}, "Décrivez le problème rencontré."),
        ({"contact_phone": "appelez-moi"}, "Saisissez un numéro de téléphone"),
        ({"occurred_on": "2026-13-01"}, "Saisissez une date valide"),
        ({"teleservice": "delta"}, "Choisissez GAMMA ou GPS."),
    ],
)
def test_bad_input_is_refused_at_its_field_and_nothing_is_sent(client, world, overrides, message):
    client.force_login(world.bob)
    response = client.post(NEW, request_data(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert not AssistanceRequest.objects.exists() and not OutboxMessage.objects.exists()


def test_a_problem_seen_in_the_future_is_refused(client, world):
    client.force_login(world.bob)
    later = timezone.localtime() + datetime.timedelta(days=1)
    response = client.post(NEW, request_data(occurred_on=f"{later:%Y-%m-%d}"))
    assert response.status_code == 400
    assert "Le problème ne peut pas avoir été constaté dans le futur." in text(response)


def test_a_user_acting_for_no_excise_number_is_told_whom_to_call(client, world):
    client.force_login(world.newcomer_a)  # attached to company A, no habilitation
    assert "contactez le SAU" in text(client.get(NEW))
    client.post(NEW, request_data(excise_number="FR008777E0001"))
    assert not AssistanceRequest.objects.exists()


def test_a_request_is_shown_to_its_requester_only(client, world, open_request):
    client.force_login(world.antoine)
    assert client.get(f"/demandes-assistance/{open_request.pk}/").status_code == 404
    assert str(open_request.problem) not in text(client.get("/demandes-assistance/"))


# --- The SAU -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["bob", "agent_b", "cid"])
def test_the_sau_pages_do_not_exist_for_anyone_else(client, world, cid, open_request, persona):
    client.force_login({"bob": world.bob, "agent_b": world.agent_b, "cid": cid}[persona])
    assert client.get("/demandes-assistance/sau/").status_code == 404
    assert client.get(f"/demandes-assistance/sau/{open_request.pk}/").status_code == 404
    response = client.post(
        f"/demandes-assistance/sau/{open_request.pk}/traiter/", {"diagnosis": "x", "action": "resoudre"}
    )
    assert response.status_code == 404
    open_request.refresh_from_db()
    assert open_request.status == AssistanceStatus.OPEN


def test_the_sau_queue_shows_the_requests_waiting_first(client, sau, open_request, world):
    solved = AssistanceRequestFactory(
        requester=world.antoine, excise_number=world.excise_a, status=AssistanceStatus.SOLVED, diagnosis="Réglé."
    )
    client.force_login(sau)
    page = text(client.get("/demandes-assistance/sau/"))
    assert f"Traiter la demande n° {open_request.pk}" in page and f"n° {solved.pk} " not in page
    assert f"Traiter la demande n° {solved.pk}" in text(client.get("/demandes-assistance/sau/", {"statut": "solved"}))


def test_the_sau_solves_a_request(client, sau, open_request, world):
    client.force_login(sau)
    response = client.post(
        f"/demandes-assistance/sau/{open_request.pk}/traiter/",
        {"diagnosis": "Cache du navigateur vidé : l'impression fonctionne.", "action": "resoudre"},
    )
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == AssistanceStatus.SOLVED
    assert (open_request.diagnosed_by, open_request.diagnosis) == (
        sau,
        "Cache du navigateur vidé : l'impression fonctionne.",
    )
    [mail] = mails_to(world.bob.email)
    assert "résolue" in mail.subject and "Cache du navigateur vidé" in mail.body_text
    assert not mails_to(world.agent_b.email)
    client.force_login(world.bob)
    assert "Résolue par le SAU" in text(client.get(f"/demandes-assistance/{open_request.pk}/"))


def test_the_sau_escalates_to_the_office_in_charge(client, sau, open_request, world):
    client.force_login(sau)
    response = client.post(
        f"/demandes-assistance/sau/{open_request.pk}/traiter/",
        {"diagnosis": "Le réseau de l'entreprise ne joint pas le service.", "action": "transmettre"},
    )
    assert response.status_code == 302
    open_request.refresh_from_db()
    assert open_request.status == AssistanceStatus.ESCALATED
    assert "transmise à votre bureau de douane" in mails_to(world.bob.email)[0].subject
    [to_office] = mails_to(world.agent_b.email)
    assert to_office.subject == "Procédure de secours à décider — FR009990F0005"
    assert not mails_to(world.agent_a.email)
    event = open_request.events.get()
    assert (event.actor, event.from_status, event.to_status) == (sau, "open", "escalated")
    assert event.note == "Le réseau de l'entreprise ne joint pas le service."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"diagnosis": "", "action": "resoudre"}, "Rédigez votre diagnostic"),
        ({"diagnosis": "Vu.", "action": "supprimer"}, "Choisissez de clore la demande ou de la transmettre"),
    ],
)
def test_the_sau_must_write_a_diagnosis_and_choose(client, sau, open_request, data, message):
    client.force_login(sau)
    response = client.post(f"/demandes-assistance/sau/{open_request.pk}/traiter/", data)
    assert response.status_code == 400 and message in text(response)
    open_request.refresh_from_db()
    assert open_request.status == AssistanceStatus.OPEN


def test_a_request_handled_once_cannot_be_handled_again(client, sau, escalated):
    client.force_login(sau)
    response = client.post(
        f"/demandes-assistance/sau/{escalated.pk}/traiter/", {"diagnosis": "Encore.", "action": "resoudre"}
    )
    assert response.status_code == 400
    assert "ne peut pas passer à « Résolue par le SAU »" in text(response)
    escalated.refresh_from_db()
    assert escalated.status == AssistanceStatus.ESCALATED


# --- The office decides ----------------------------------------------------------------------------------------


def grant_data(**overrides) -> dict:
    now = timezone.localtime()
    until = now + datetime.timedelta(days=2)
    data = {
        "valid_from_on": f"{now:%Y-%m-%d}",
        "valid_from_time": "00:00",
        "valid_until_on": f"{until:%Y-%m-%d}",
        "valid_until_time": "18:00",
        "note": "Le temps que votre prestataire rétablisse la ligne.",
    }
    return {**data, **overrides}


def test_only_the_office_in_charge_sees_and_decides(client, world, escalated, open_request):
    client.force_login(world.agent_a)  # the other office
    assert client.get(f"/bureau/secours/demandes/{escalated.pk}/").status_code == 404
    assert client.post(f"/bureau/secours/demandes/{escalated.pk}/autoriser/", grant_data()).status_code == 404
    client.force_login(world.agent_b)
    assert client.get(f"/bureau/secours/demandes/{escalated.pk}/").status_code == 200
    # A request the SAU has not passed on is not the office's business.
    assert client.get(f"/bureau/secours/demandes/{open_request.pk}/").status_code == 404
    client.force_login(world.bob)
    assert client.get(f"/bureau/secours/demandes/{escalated.pk}/").status_code == 404
    assert not FallbackAuthorisation.objects.exists()


def test_the_office_grants_an_authorisation_and_gps_opens_for_that_number(client, world, escalated, sau):
    client.force_login(world.agent_b)
    response = client.post(f"/bureau/secours/demandes/{escalated.pk}/autoriser/", grant_data())

    assert response.status_code == 302
    authorisation = FallbackAuthorisation.objects.get()
    escalated.refresh_from_db()
    assert escalated.status == AssistanceStatus.AUTHORISED and escalated.decided_by == world.agent_b
    assert (authorisation.excise_number, authorisation.granted_by) == (world.excise_b, world.agent_b)
    assert timezone.localtime(authorisation.valid_until).strftime("%H:%M") == "18:00"
    [mail] = [m for m in OutboxMessage.objects.all() if "autorisée" in m.subject]
    assert set(mail.to) == {world.bob.email, sau.email}
    assert "/gps/generer/" in mail.body_text

    client.force_login(world.bob)
    page = text(client.get(f"/demandes-assistance/{escalated.pk}/"))
    assert "Procédure de secours autorisée" in page and "Le temps que votre prestataire" in page
    moment = timezone.localtime(timezone.now() + datetime.timedelta(minutes=30))
    client.post(
        "/gps/generer/",
        {
            "nature": "DAA",
            "excise_number": "FR009990F0005",
            "vehicle_registration": "457TY24",
            "dispatch_date": f"{moment:%d/%m/%Y}",
            "dispatch_time": f"{moment:%H:%M}",
        },
    )
    assert FallbackDocument.objects.get().authorisation == authorisation


def test_the_office_refuses_with_a_reason(client, world, escalated):
    client.force_login(world.agent_b)
    assert client.post(f"/bureau/secours/demandes/{escalated.pk}/refuser/", {"reason": " "}).status_code == 400
    response = client.post(
        f"/bureau/secours/demandes/{escalated.pk}/refuser/", {"reason": "Le problème vient d'un poste réparable."}
    )
    assert response.status_code == 302
    escalated.refresh_from_db()
    assert escalated.status == AssistanceStatus.REFUSED
    assert "refusée" in mails_to(world.bob.email)[-1].subject
    client.force_login(world.bob)
    assert "Le problème vient d'un poste réparable." in text(client.get(f"/demandes-assistance/{escalated.pk}/"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"valid_until_on": "2020-01-01"}, "La fin de validité doit être postérieure à son début."),
        ({"valid_from_on": "2020-01-01", "valid_until_on": "2020-01-02"}, "La fin de validité est déjà passée"),
        ({"valid_until_on": f"{timezone.localdate() + datetime.timedelta(days=40):%Y-%m-%d}"}, "31 jours au plus"),
        ({"valid_until_time": "24:00"}, "Saisissez une heure valide"),
    ],
)
def test_a_bad_validity_window_is_refused(client, world, escalated, overrides, message):
    client.force_login(world.agent_b)
    response = client.post(f"/bureau/secours/demandes/{escalated.pk}/autoriser/", grant_data(**overrides))
    assert response.status_code == 400 and message in text(response)
    assert not FallbackAuthorisation.objects.exists()
    escalated.refresh_from_db()
    assert escalated.status == AssistanceStatus.ESCALATED


def test_a_decided_request_cannot_be_decided_again(client, world, escalated):
    client.force_login(world.agent_b)
    client.post(f"/bureau/secours/demandes/{escalated.pk}/refuser/", {"reason": "Non."})
    response = client.post(f"/bureau/secours/demandes/{escalated.pk}/autoriser/", grant_data())
    assert response.status_code == 400
    assert "Une demande « Procédure de secours refusée » ne peut pas passer" in text(response)
    assert not FallbackAuthorisation.objects.exists()
