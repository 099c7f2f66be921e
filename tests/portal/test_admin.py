"""Customs staff edit the portal content in the admin, in French."""

import html

import pytest
from django.urls import reverse

from portal.models import NewsItem, Rubric

pytestmark = pytest.mark.django_db

MODELS = [
    ("teleservice", "téléservice", "téléservices"),
    ("newsitem", "actualité", "actualités"),
    ("agendaentry", "entrée d'agenda", "agenda"),
    ("focusblock", "bloc FOCUS", "blocs FOCUS"),
]


@pytest.fixture
def staff_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser(username="redacteur", password="x" * 12, email="r@example.org")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(("model", "verbose_name", "verbose_name_plural"), MODELS)
def test_changelist_and_add_pages_load_in_french(staff_client, model, verbose_name, verbose_name_plural):
    changelist = staff_client.get(reverse(f"admin:portal_{model}_changelist"))
    assert changelist.status_code == 200
    apostrophe = "\N{RIGHT SINGLE QUOTATION MARK}"  # Django's French admin typography
    assert f"Sélectionnez l{apostrophe}objet {verbose_name} à changer" in html.unescape(changelist.content.decode())

    add = staff_client.get(reverse(f"admin:portal_{model}_add"))
    assert add.status_code == 200
    assert f"Ajout de {verbose_name}" in html.unescape(add.content.decode())

    index = html.unescape(staff_client.get(reverse("admin:index")).content.decode())
    assert verbose_name_plural[0].upper() + verbose_name_plural[1:] in index


def test_the_catalogue_changelist_shows_the_thirteen_services(staff_client):
    response = staff_client.get(reverse("admin:portal_teleservice_changelist"))
    assert "13 téléservices" in html.unescape(response.content.decode())
    labels = html.unescape(response.content.decode())
    for column in ("Domaine", "Date de sortie", "Accès", "En ligne sur le portail"):
        assert column in labels


def test_staff_publish_a_news_item_from_the_admin(staff_client, client):
    response = staff_client.post(
        reverse("admin:portal_newsitem_add"),
        {
            "rubric": Rubric.PORTAL,
            "title": "Nouvelle version du portail",
            "summary": "Le portail évolue.",
            "body": "",
            "source": "DGDDI",
            "published_on": "01/06/2006",
            "is_published": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()
    assert NewsItem.objects.get().title == "Nouvelle version du portail"
    assert "Nouvelle version du portail" in staff_client.get("/").content.decode()


def test_a_focus_block_with_a_dead_link_is_refused_with_a_french_message(staff_client):
    response = staff_client.post(
        reverse("admin:portal_focusblock_add"),
        {"title": "Focus", "text": "Texte", "link": "/nulle-part/", "position": "1", "is_published": "on"},
    )
    assert response.status_code == 200
    assert "Ce lien ne mène à aucune page du portail" in html.unescape(response.content.decode())
