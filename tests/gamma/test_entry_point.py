"""GAMMA's entry point reads the rights on every request; another company's number is a 404."""

import pytest

from habilitations.models import Habilitation
from tests.factories.accounts import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, user):
    client.post("/compte/login/", {"login": user.username, "password": PASSWORD})


def test_habilitated_users_see_emcs_gamma_in_their_personal_space(client, world):
    log_in(client, world.luc)
    page = client.get("/compte/espace-personnel/").content.decode()
    assert "EMCS Gamma" in page
    assert "FR008777E0001" in page
    response = client.get("/compte/espace-personnel/acces/EMCS Gamma/")
    assert response.status_code == 302 and response.url == "/gamma/"


def test_users_without_habilitation_do_not_see_gamma(client, world):
    log_in(client, world.newcomer_a)
    assert "EMCS Gamma" not in client.get("/compte/espace-personnel/").content.decode()
    assert client.get("/compte/espace-personnel/acces/EMCS Gamma/").status_code == 404


def test_the_gamma_home_of_a_number_shows_exactly_the_users_rights(client, world):
    log_in(client, world.luc)
    page = client.get("/gamma/FR008777E0001/").content.decode()
    table = page[page.index('id="droits-gamma"') :]
    for label in ("Préparer un DAA", "Rechercher DSA"):
        assert f'<td>{label}</td><td><p class="fr-badge fr-badge--success' in table
    assert '<td>Apurer un DAA</td><td><p class="fr-badge fr-badge--sm">Non' in table


def test_a_revoked_right_stops_working_on_the_next_request(client, world):
    log_in(client, world.luc)
    assert client.get("/gamma/FR008777E0001/").status_code == 200
    Habilitation.objects.filter(user=world.luc).delete()
    response = client.get("/gamma/FR008777E0001/")
    assert response.status_code == 403
    assert "Accès à GAMMA refusé" in response.content.decode()


def test_another_companys_number_is_not_found(client, world):
    log_in(client, world.luc)
    assert client.get("/gamma/FR009990F0005/").status_code == 404
    assert client.get("/gamma/FR000000X0000/").status_code == 404


def test_gamma_requires_login(client, world):
    assert client.get("/gamma/").status_code == 302
