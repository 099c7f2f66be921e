import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import ConnectionEvent
from tests.factories.accounts import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jdupont(client):
    user = UserFactory(username="jdupont", first_name="Jean", last_name="Dupont")
    client.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    return user


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/compte/", "Mon compte"),
        ("/compte/situation/", "Vos dernières connexions à ProDou@ne"),
        ("/compte/securite/", "Codes à usage unique"),
        ("/compte/password/change/", "Mot de passe"),
        ("/compte/email/", "Courriel"),
        ("/compte/references/", "Vos références"),
        ("/compte/sessions/", "Sessions"),
        ("/compte/espace-personnel/", "Espace personnel"),
    ],
)
def test_every_tab_renders_in_french(client, jdupont, path, text):
    response = client.get(path)
    assert response.status_code == 200, path
    assert text in response.content.decode()


def test_account_pages_require_login(client):
    for path in ("/compte/", "/compte/situation/", "/compte/securite/", "/compte/references/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.url.startswith("/compte/login/")


def test_situation_lists_connections_and_the_security_level(client, jdupont):
    ConnectionEvent.objects.create(user=jdupont, succeeded=False, ip_address="198.51.100.7")
    page = client.get("/compte/situation/").content.decode()
    assert "198.51.100.7" in page
    assert "Échouée" in page and "Réussie" in page
    assert f"Inscription sur ProDou@ne le {timezone.localtime(jdupont.date_joined):%d/%m/%Y}" in page
    assert "Identifiant + Mot de Passe" in page


def test_references_update_contact_details_but_not_the_identifiant(client, jdupont):
    response = client.post(
        "/compte/references/",
        {
            "first_name": "Jean",
            "last_name": "Dupont",
            "sms_number": "06 12 34 56 78",
            "phone_number": "",
            "username": "pirate",
        },
    )
    assert response.status_code == 302
    jdupont.refresh_from_db()
    assert jdupont.sms_number == "+33612345678"
    assert jdupont.username == "jdupont"


def test_references_refuse_a_bad_phone_number_and_keep_the_data(client, jdupont):
    response = client.post("/compte/references/", {"first_name": "Jean", "last_name": "Dupont", "sms_number": "abc"})
    assert "Ce numéro de téléphone n&#x27;est pas valide" in response.content.decode()
    jdupont.refresh_from_db()
    assert jdupont.sms_number == ""


def test_password_change_requires_the_current_one(client, jdupont):
    page = client.post(
        "/compte/password/change/",
        {"oldpassword": "pas le bon", "password1": "nouvelle phrase de passe", "password2": "nouvelle phrase de passe"},
    ).content.decode()
    assert "mot de passe actuel" in page.lower()
    jdupont.refresh_from_db()
    assert jdupont.check_password(PASSWORD)

    client.post(
        "/compte/password/change/",
        {"oldpassword": PASSWORD, "password1": "nouvelle phrase de passe", "password2": "nouvelle phrase de passe"},
    )
    jdupont.refresh_from_db()
    assert jdupont.check_password("nouvelle phrase de passe")


def test_password_change_ends_the_other_sessions(client, jdupont):
    from django.test import Client

    other = Client()
    other.post("/compte/login/", {"login": "jdupont", "password": PASSWORD})
    assert other.get("/compte/").status_code == 200
    client.post(
        "/compte/password/change/",
        {"oldpassword": PASSWORD, "password1": "nouvelle phrase de passe", "password2": "nouvelle phrase de passe"},
    )
    assert client.get("/compte/").status_code == 200
    assert other.get("/compte/").status_code == 302


def test_a_new_email_replaces_the_old_one_only_once_verified(client, jdupont, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/email/", {"action_add": "", "email": "nouvelle@example.org"})
    jdupont.refresh_from_db()
    assert jdupont.email == "jdupont@example.org"  # unchanged until verified
    [verification] = [m for m in mail.outbox if m.to == ["nouvelle@example.org"]]
    link = next(word for word in verification.body.split() if "/compte/confirm-email/" in word)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.replace("http://testserver", ""))
    jdupont.refresh_from_db()
    assert jdupont.email == "nouvelle@example.org"
    assert any(m.to == ["jdupont@example.org"] for m in mail.outbox)  # the old address is told


def test_personal_space_records_each_entry_into_a_teleservice(client, jdupont):
    from accounts.models import TeleserviceEntry

    page = client.get("/compte/espace-personnel/").content.decode()
    assert "Inscrit le" in page and "Connecté à" in page
    assert "InfoAccises" in page
    response = client.get("/compte/espace-personnel/acces/InfoAccises/")
    assert response.status_code == 302
    assert response.url == "/services/infoaccises/"
    assert TeleserviceEntry.objects.get().service == "InfoAccises"
    assert client.get("/compte/espace-personnel/acces/Inconnu/").status_code == 404
