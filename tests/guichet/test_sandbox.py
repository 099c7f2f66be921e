"""The sandbox validator of the Guichet EDI page: the answer a message would get through the same
service as the endpoint, nothing stored; for logged-in people, limited per IP address."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from edi.models import InboundMessage
from gamma.models import Movement
from tests.portal.test_pages import page

pytestmark = pytest.mark.django_db
URL = "/guichet-edi/bac-a-sable/"


def test_a_valid_message_would_be_accepted_and_nothing_is_stored(client, world, ie815):
    client.force_login(world.antoine)
    response = client.post(URL, {"fichier": SimpleUploadedFile("dae.xml", ie815, "application/xml")})
    assert response.status_code == 200
    html = page(response)
    assert "Message valide : il serait accepté (IE815)" in html
    assert "Rien n'a été enregistré." in html
    assert not Movement.objects.exists() and not InboundMessage.objects.exists()
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_a_pasted_message_breaking_a_rule_gets_its_faults_at_their_xpath(client, world, late_ie815):
    client.force_login(world.antoine)
    html = page(client.post(URL, {"message": late_ie815.decode()}))
    assert "Le message serait refusé (IE815)" in html
    assert '<th scope="row">DATE-EXP</th>' in html
    assert "/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/DateOfDispatch" in html
    assert "La date d'expédition ne peut pas être antérieure à aujourd'hui" in html
    # The IE704 the endpoint would send is shown: the code before the reason, the XPath, the value.
    assert "Réponse 422 : IE704, 1 erreur." in html
    assert "<ErrorReason>[DATE-EXP] La date d'expédition ne peut pas être antérieure" in html
    assert "<ErrorLocation>/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/DateOfDispatch</ErrorLocation>" in html
    assert "<LocalReferenceNumber>LRN-DEPOT-2</LocalReferenceNumber>" in html
    assert not Movement.objects.exists() and not InboundMessage.objects.exists()
    # The pasted text comes back in the form, to be corrected.
    assert "LRN-DEPOT-2" in html


def test_a_message_that_is_not_emcs_gets_the_schema_refusal(client, world):
    client.force_login(world.antoine)
    response = client.post(URL, {"message": "<commande><article/></commande>"})
    html = page(response)
    assert response.status_code == 200
    assert "Le message serait refusé" in html
    assert "Espace de noms non pris en charge" in html
    # The IE917 the endpoint would send: where (line 1, the root) and why, in French.
    assert "Réponse 400 : IE917, 1 erreur." in html
    assert "<ErrorLineNumber>1</ErrorLineNumber>" in html
    assert "<ErrorLocation>/commande</ErrorLocation>" in html
    assert "<ErrorReason>Espace de noms non pris en charge pour le message commande" in html
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({}, "Collez un message XML ou choisissez son fichier"),
        ({"message": "   "}, "Collez un message XML ou choisissez son fichier"),
        (
            {"fichier": SimpleUploadedFile("gros.xml", b"<a>" + b" " * (5 * 1024 * 1024) + b"</a>")},
            "Chaque fichier doit faire 5 Mo au plus : « gros.xml » est trop volumineux.",
        ),
    ],
)
def test_nothing_to_test_is_said_in_french(client, world, data, error):
    client.force_login(world.antoine)
    response = client.post(URL, data)
    assert response.status_code == 400
    assert error in page(response)


def test_the_sandbox_is_limited_per_ip_address(client, world, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "edi_sandbox": "2/m/ip"}
    client.force_login(world.antoine)
    for _ in range(2):
        assert client.post(URL, {"message": "<a/>"}).status_code == 200
    response = client.post(URL, {"message": "<a/>"})
    assert response.status_code == 429
    assert "Trop de messages ont été testés depuis votre adresse" in page(response)


def test_a_visitor_is_asked_to_log_in(client, world):
    html = page(client.get("/guichet-edi/"))
    assert "connectez-vous" in html and 'action="/guichet-edi/bac-a-sable/"' not in html
    response = client.post(URL, {"message": "<a/>"})
    assert response.status_code == 302 and "/compte/" in response["Location"]


def test_the_sandbox_address_alone_leads_to_the_form(client, world):
    client.force_login(world.antoine)
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"] == "/guichet-edi/#bac-a-sable"


def test_a_message_the_user_may_not_send_says_why(client, world, ie815):
    client.force_login(world.luc)  # prepares and searches, may not issue
    html = page(client.post(URL, {"message": ie815.decode()}))
    assert "Le message serait refusé (IE815)" in html
    assert "Réponse 403." in html
    assert (
        "Votre compte n'a pas le droit « Emettre un DAA / DAA secours » pour le numéro d'accise FR008777E0001." in html
    )


def test_a_status_request_would_get_the_ie905_of_the_movement(client, world, ie815):
    from tests.edi.test_status_request import status_request

    client.force_login(world.antoine)
    issued = client.post("/gamma/FR008777E0001/depot-xml/", {"fichiers": [SimpleUploadedFile("dae.xml", ie815)]})
    assert "1 fichier : 1 accepté, 0 refusé." in page(issued)
    movement = Movement.objects.get()
    html = page(client.post(URL, {"message": status_request(movement.arc).decode()}))
    assert "Message valide : il serait accepté (IE904)" in html
    assert "Réponse 200 : IE905." in html
    assert f"<AdministrativeReferenceCode>{movement.arc}</AdministrativeReferenceCode>" in html
    assert "<Status>X01</Status>" in html and "<LastReceivedMessageType>IE801</LastReceivedMessageType>" in html
