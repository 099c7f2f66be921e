"""A NUL character in a request never reaches a view: PostgreSQL refuses it in a text value (an
office agent's company search answered 500 there), so every such request gets the French 400 page
and nothing is saved."""

import html

import pytest

from habilitations.models import Adhesion
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import office_agent
from tests.factories.register import CustomsOfficeFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_search_with_a_nul_character_gets_the_400_page(client):
    client.force_login(office_agent(CustomsOfficeFactory(), "agent.test"))
    assert client.get("/bureau/entreprises/", {"q": "ARMAGNAC"}).status_code == 200
    response = client.get("/bureau/entreprises/", {"q": "ARMA\x00GNAC"})
    assert response.status_code == 400
    assert "Demande invalide" in text(response)


@pytest.mark.parametrize("params", [{"q\x00": "x"}, {"page": "\x00"}])
def test_in_a_parameters_name_or_value_anywhere(client, params):
    assert client.get("/services/infoaccises/", params).status_code == 400


def test_a_form_posted_with_a_nul_character_saves_nothing(client):
    user = UserFactory()
    client.force_login(user)
    adhesions = Adhesion.objects.count()
    response = client.post("/adhesions/nouvelle/", {"excise_number": "FR008777E0001\x00"})
    assert response.status_code == 400
    assert "Rien n'a été enregistré" in text(response)
    assert Adhesion.objects.count() == adhesions


def test_the_refusal_is_logged_as_a_security_event(client, caplog):
    with caplog.at_level("ERROR", logger="django.security"):
        client.get("/", {"q": "\x00"})
    assert any("NUL character" in record.getMessage() for record in caplog.records)
