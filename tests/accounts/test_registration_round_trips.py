"""Registration keeps what was typed (issue 12, item 5): « Tester », the SIRET check and a refused
submission give both passwords back, ``no-store``, and nowhere else (no log, no session)."""

import logging

import pytest
from django.core import mail

from accounts.models import User

pytestmark = pytest.mark.django_db

PASSWORD = 'value="une phrase de passe solide"'


def post(client, data, **overrides):
    return client.post("/compte/inscription/", {**data, **overrides})


def password_values(page: str) -> int:
    return page.count(PASSWORD)


@pytest.mark.parametrize("action", ["test_email", "show_siret", "confirm_siret", "change_siret"])
def test_a_round_trip_keeps_both_passwords_and_is_kept_by_no_cache(client, registration_data, action):
    response = post(client, registration_data, action=action)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_password1"' in page
    assert password_values(page) == 2
    assert "no-store" in {part.strip() for part in response["Cache-Control"].split(",")}
    assert User.objects.count() == 0


def test_the_round_trip_buttons_bring_the_user_back_to_their_section(client):
    page = client.get("/compte/inscription/").content.decode()
    assert 'value="test_email" formaction="/compte/inscription/#rubrique-courriel"' in page
    assert 'value="show_siret" formaction="/compte/inscription/#rubrique-siret"' in page
    assert 'id="rubrique-courriel"' in page
    assert 'id="rubrique-siret"' in page


def test_the_empty_form_shows_no_password(client):
    response = client.get("/compte/inscription/")
    assert 'type="password" value' not in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_a_refused_submission_keeps_both_passwords_and_links_each_error_to_its_field(client, registration_data):
    response = post(client, registration_data, last_name="", email="pas-une-adresse")
    assert response.status_code == 200
    page = response.content.decode()
    assert password_values(page) == 2
    assert "no-store" in response["Cache-Control"]
    assert "Votre inscription n'est pas enregistrée : 2 erreurs à corriger" in page
    assert '<a href="#id_last_name">' in page
    assert '<a href="#id_email">' in page
    assert page.index('href="#id_last_name"') < page.index('href="#id_email"')
    assert User.objects.count() == 0


def test_a_refused_siret_links_to_its_section(client, registration_data):
    page = post(client, registration_data, siret="1234").content.decode()
    assert '<a href="#rubrique-siret">' in page
    assert password_values(page) == 2


def test_mismatched_passwords_come_back_as_typed(client, registration_data):
    page = post(client, registration_data, password2="une autre phrase bien longue").content.decode()
    assert 'value="une autre phrase bien longue"' in page
    assert password_values(page) == 1
    assert '<a href="#id_password2">Les deux mots de passe ne sont pas identiques.</a>' in page


def test_the_success_path_is_unchanged_and_leaves_no_password_behind(client, registration_data, caplog):
    caplog.set_level(logging.DEBUG)
    post(client, registration_data, action="test_email")
    post(client, registration_data, action="show_siret")
    post(client, registration_data, last_name="")
    response = post(client, registration_data)
    assert response.status_code == 302
    assert response["Location"] == "/compte/inscription/recapitulatif/"
    assert "#" not in response["Location"]
    assert User.objects.get(username="jdupont").check_password("une phrase de passe solide")
    assert "une phrase de passe solide" not in caplog.text
    session = client.session
    assert "une phrase de passe solide" not in repr(dict(session.items()))


def test_other_password_forms_still_never_show_a_password(
    client, registration_data, django_capture_on_commit_callbacks
):
    # The shared field template shows a password only where a form asked for it: not the activation's.
    with django_capture_on_commit_callbacks(execute=True):
        post(client, registration_data)
    path = "/compte/activation/" + mail.outbox[-1].body.split("/compte/activation/")[1].split("/")[0] + "/"
    page = client.post(path, {"username": "jdupont", "password": "pas le bon secret-123"}).content.decode()
    assert 'id="id_password"' in page
    assert "pas le bon secret-123" not in page
