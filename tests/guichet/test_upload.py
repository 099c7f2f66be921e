"""« Déposer des messages XML »: one or many files, each judged by the same service as the Guichet
EDI endpoint; per file the ARC and its movement, or the faults at their XPath and, for a refused
IE815, the draft kept, opened with each error at its field."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from edi.models import InboundMessage
from gamma.models import Movement, MovementStatus
from tests.portal.test_pages import page

pytestmark = pytest.mark.django_db
URL = "/gamma/FR008777E0001/depot-xml/"


def xml_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, "application/xml")


def test_the_number_home_links_to_the_upload(client, world):
    client.force_login(world.antoine)
    assert f'href="{URL}"' in page(client.get("/gamma/FR008777E0001/"))
    response = client.get(URL)
    assert response.status_code == 200
    assert '<input class="fr-upload" type="file" id="fichiers" name="fichiers" multiple' in page(response)


def test_two_files_one_accepted_one_refused_with_its_draft_to_correct(client, world, ie815, late_ie815):
    client.force_login(world.antoine)
    response = client.post(URL, {"fichiers": [xml_file("bon.xml", ie815), xml_file("en-retard.xml", late_ie815)]})
    assert response.status_code == 200
    html = page(response)
    assert "2 fichiers : 1 accepté, 1 refusé." in html

    accepted = Movement.objects.get(local_reference_number="LRN-DEPOT-1")
    assert accepted.status == MovementStatus.ACCEPTED and accepted.created_by == world.antoine
    assert f"IE815 accepté : ARC <strong>{accepted.arc}</strong>" in html
    assert f'href="/gamma/FR008777E0001/mouvements/{accepted.pk}/">Voir le document {accepted.arc}</a>' in html

    refused = html[html.index("« en-retard.xml »") :]
    assert '<th scope="row">DATE-EXP</th>' in refused
    assert "Réponse 422 : IE704, 1 erreur." in refused
    assert "<ErrorReason>[DATE-EXP] La date d'expédition" in refused
    assert "/IE815/Body/SubmittedDraftOfEADESAD/EadEsadDraft/DateOfDispatch" in refused
    draft = Movement.objects.get(local_reference_number="LRN-DEPOT-2")
    assert draft.status == MovementStatus.DRAFT
    draft_url = f"/gamma/FR008777E0001/brouillons/{draft.pk}/?verifier=1"
    assert f'href="{draft_url}"' in refused

    # The draft opens with the error at the top, linking to its field, as the web form's validation.
    task_list = page(client.get(draft_url))
    assert "Le document n'est pas émis : 1 erreur à corriger" in task_list
    assert "[DATE-EXP] La date d'expédition ne peut pas être antérieure" in task_list
    assert "?verifier=1#id_" in task_list
    # Both messages are kept as evidence, on the upload channel.
    assert sorted(InboundMessage.objects.values_list("channel", "status")) == [("upload", 201), ("upload", 422)]


def test_sent_again_a_message_gets_its_first_answer(client, world, ie815):
    client.force_login(world.antoine)
    client.post(URL, {"fichiers": [xml_file("bon.xml", ie815)]})
    html = page(client.post(URL, {"fichiers": [xml_file("encore.xml", ie815)]}))
    assert Movement.objects.filter(local_reference_number="LRN-DEPOT-1").count() == 1
    assert "Ce message avait déjà été reçu : voici sa première réponse." in html


def test_a_message_for_a_number_the_user_may_not_issue_for_is_refused_in_french(client, world, ie815):
    client.force_login(world.luc)  # prepares and searches, may not issue
    html = page(client.post(URL, {"fichiers": [xml_file("bon.xml", ie815)]}))
    assert "1 fichier : 0 accepté, 1 refusé." in html
    assert "IE815 refusé : Votre compte n'a pas le droit" in html
    assert not Movement.objects.exists()


@pytest.mark.parametrize(
    ("files", "error"),
    [
        ([], "Choisissez au moins un fichier XML"),
        ([xml_file("gros.xml", b"<a>" + b" " * (5 * 1024 * 1024) + b"</a>")], "« gros.xml » est trop volumineux."),
        ([xml_file(f"m{n}.xml", b"<a/>") for n in range(21)], "Déposez 20 fichiers au plus à la fois (21 reçus)."),
    ],
)
def test_refusals_of_the_whole_upload_are_in_french_and_store_nothing(client, world, files, error):
    client.force_login(world.antoine)
    response = client.post(URL, {"fichiers": files})
    assert response.status_code == 400
    assert error in page(response)
    assert not InboundMessage.objects.exists()


def test_an_upload_bigger_than_allowed_in_total_is_refused_before_reading(client, world):
    client.force_login(world.antoine)
    five = b"<a>" + b" " * (4 * 1024 * 1024) + b"</a>"
    response = client.post(URL, {"fichiers": [xml_file(f"m{n}.xml", five) for n in range(6)]})
    assert response.status_code == 400
    assert "L'envoi dépasse la taille maximale (20 Mo en tout)" in page(response)


def test_another_company_number_is_a_404(client, world):
    client.force_login(world.bob)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"fichiers": [xml_file("x.xml", b"<a/>")]}).status_code == 404
    assert not InboundMessage.objects.exists()


def test_files_over_the_total_once_read_are_refused_too(client, world):
    client.force_login(world.antoine)
    four = b"<a>" + b" " * (4 * 1024 * 1024) + b"</a>"
    response = client.post(URL, {"fichiers": [xml_file(f"m{n}.xml", four) for n in range(5)]})
    assert response.status_code == 400
    assert "Les fichiers font plus de 20 Mo en tout : déposez-les en plusieurs fois." in page(response)
    assert not InboundMessage.objects.exists()
