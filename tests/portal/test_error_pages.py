"""Error pages in French and in the DSFR, saying what to do: 400, 403, 404, 429, 500 and a refused
form (CSRF). The 500 page is rendered without touching the database, which may be what failed."""

import html

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.views.defaults import permission_denied

from accounts.models import User
from tests.factories.accounts import PASSWORD, UserFactory
from www.portal.views import server_error

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_missing_page_is_the_french_404_with_the_portal_around_it(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    page = text(response)
    assert "Page non trouvée" in page and "Erreur 404" in page
    assert 'class="fr-header"' in page and "Assistance en ligne" in page
    assert "Not Found" not in page


def test_another_companys_document_gets_the_same_404(client, settings):
    client.force_login(UserFactory())
    response = client.get("/gamma/FR009990F0005/mouvements/1/")
    assert response.status_code == 404
    assert "Page non trouvée" in text(response)


@pytest.mark.parametrize(
    "path",
    [
        "/gamma/FR008777E0001%00/",
        "/bureau/entreprises/123456782%00/",
        "/gps/documents/%00/formulaire.pdf",
        "/compte/activation/abc%01def/",
        "/bureau/entreprises/123456782%7F/journal/",
        "/adhesions/habilitations/FR008777E0001%C2%85/",
    ],
)
def test_an_address_with_a_control_character_is_the_french_404(client, path):
    """No address has one; PostgreSQL refuses NUL in text, so a view looking one up answered 500
    there. Refused before any view, for everyone, with the usual 404 page."""
    client.force_login(UserFactory())
    response = client.get(path)
    assert response.status_code == 404
    page = text(response)
    assert "Page non trouvée" in page and 'class="fr-header"' in page
    assert client.post(path, {"x": "1"}).status_code == 404


@pytest.mark.parametrize("value", ["35324915400017%00", "%01", "353249154%7F00017"])
def test_a_json_address_with_a_control_character_gets_the_json_refusal(client, value):
    response = client.get(f"/services/siret/{value}.json")
    assert response.status_code == 400
    assert response.json() == {"error": "L\u2019adresse contient un caractère non autorisé.", "code": "invalid"}


def test_too_many_logins_from_one_address_get_the_french_429(client, settings):
    """django-allauth's limit on login attempts per address (a company behind one address shares
    it) answered its bare English « Too Many Requests » page, without a language."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    address = "203.0.113.29"
    for _ in range(2):
        answer = client.post("/compte/login/", {"login": "jdupont", "password": "faux"}, REMOTE_ADDR=address)
        assert answer.status_code == 200
    response = client.post("/compte/login/", {"login": "jdupont", "password": "faux"}, REMOTE_ADDR=address)
    assert response.status_code == 429
    page = text(response)
    assert "Trop de tentatives" in page and "Erreur 429" in page
    assert '<html lang="fr"' in page and 'class="fr-header"' in page and "Assistance en ligne" in page
    assert "Too Many Requests" not in page
    assert not User.objects.exists()


def test_a_refused_access_is_the_french_403():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page and "Erreur 403" in page


def test_a_request_for_an_unknown_host_is_the_french_400(client):
    response = client.get("/", HTTP_HOST="portail-pirate.example")
    assert response.status_code == 400
    page = text(response)
    assert "Demande invalide" in page and "Rien n'a été enregistré" in page


def test_the_500_page_needs_no_database_and_gives_the_helpdesk(django_assert_num_queries, settings):
    request = RequestFactory().get("/gamma/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    page = html.unescape(response.content.decode())
    assert "Erreur inattendue" in page and "Erreur 500" in page
    assert settings.HELPDESK_PHONE in page and settings.HELPDESK_EMAIL in page
    assert '<html lang="fr"' in page


def test_a_form_refused_by_the_csrf_check_says_so_in_french_and_saves_nothing():
    user = UserFactory()
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post("/compte/password/change/", {"oldpassword": PASSWORD, "password1": "x" * 20})
    assert response.status_code == 403
    page = text(response)
    assert "Formulaire expiré" in page and "rien n'a été enregistré" in page
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
