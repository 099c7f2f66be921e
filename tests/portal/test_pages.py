"""The public pages: each answers, with its title, and shows its content."""

import datetime
import html as html_lib
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from portal import demo
from tests.portal.factories import NewsItemFactory

pytestmark = pytest.mark.django_db

PAGES = [
    ("portal:home", "PRODOU@NE, la douane au service des professionnels"),
    ("portal:presentation", "Présentation du portail"),
    ("portal:services", "Services disponibles"),
    ("portal:edi", "Guichet EDI"),
    ("portal:assistance", "Assistance en ligne"),
    ("portal:inscription", "Inscription sur le portail"),
    ("portal:news_list", "Actualités des e-services"),
    ("portal:accessibility", "Déclaration d'accessibilité"),
    ("portal:legal", "Mentions légales"),
]


def page(response) -> str:
    """The page's HTML, entities decoded and whitespace collapsed, to search for its texts."""
    return re.sub(r"\s+", " ", html_lib.unescape(response.content.decode()))


def h1s(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>|\s+", " ", h).strip() for h in re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)]


@pytest.mark.parametrize(("url_name", "heading"), PAGES)
def test_each_page_answers_with_one_h1(client, url_name, heading):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert h1s(page(response)) == [heading]


def test_home_shows_the_three_columns_and_the_seed_content(client):
    demo.load(io.StringIO())
    html = page(client.get("/"))

    for column in ("Services accessibles", "Focus", "Actualités des e-services", "Agenda"):
        assert f">{column}</h2>" in html
    assert html.count('class="fr-col-12 fr-col-md-4"') == 3
    assert "Découvrez l'inscription sur le portail" in html
    services_column = html[html.index(">Services accessibles</h2>") : html.index(">Focus</h2>")]
    for name, url_name in (
        ("InfoAccises", "lookups:infoaccises"),
        ("TVA Intracom", "lookups:tva"),
        ("Recherche d'établissement (SIRET)", "lookups:siret"),
    ):
        assert f'href="{reverse(url_name)}">{name}</a>' in services_column
    assert "Taric Europa" not in services_column  # free, but not online on this portal
    assert f'href="{reverse("portal:inscription")}"' in html
    assert "GAMMA VERSION 1" in html and "1ER SEMESTRE 2009" in html
    assert "COMMERCE INTERNATIONAL" in html
    assert "Nouvelles fiches de procédure de secours Delt@-D et Delt@-C" in html
    assert "[25/07/2008]" in html
    assert "Ministère du Budget, des Comptes Publics et de la Fonction Publique - DGDDI" in html


def test_home_shows_only_published_and_current_news_newest_first(client):
    today = timezone.localdate()
    NewsItemFactory(title="Actualité plus ancienne", published_on=today - datetime.timedelta(days=10))
    NewsItemFactory(title="Actualité du jour", published_on=today)
    NewsItemFactory(title="Actualité non publiée", published_on=today, draft=True)
    NewsItemFactory(title="Actualité de demain", published_on=today + datetime.timedelta(days=1))

    html = page(client.get("/"))

    assert "Actualité non publiée" not in html
    assert "Actualité de demain" not in html
    assert html.index("Actualité du jour") < html.index("Actualité plus ancienne")


def test_a_news_item_has_its_own_page_only_once_published(client):
    published = NewsItemFactory(body="Le texte complet.")
    draft = NewsItemFactory(body="Texte du brouillon.", draft=True)
    future = NewsItemFactory(body="Texte à venir.", published_on=timezone.localdate() + datetime.timedelta(days=1))

    response = client.get(reverse("portal:news_detail", args=[published.pk]))
    assert response.status_code == 200
    assert h1s(page(response)) == [published.title]
    assert "Le texte complet." in page(response)
    for hidden in (draft, future):
        assert client.get(reverse("portal:news_detail", args=[hidden.pk])).status_code == 404


def test_services_page_lists_the_catalogue_in_a_table(client):
    html = page(client.get(reverse("portal:services")))

    assert "<caption>" in html and "(13 téléservices)" in html
    for column in ("Téléservice", "Domaine", "Date de sortie", "Commentaire", "Accès", "DTI", "EDI"):
        assert f'<th scope="col">{column}</th>' in html
    gamma_row = re.search(r"<tr> <th scope=\"row\"> GAMMA </th>(.*?)</tr>", html, re.S).group(1)
    assert "Sur habilitation" in gamma_row
    assert gamma_row.count("Oui") == 2
    gps_row = re.search(r"<tr> <th scope=\"row\"> GPS </th>(.*?)</tr>", html, re.S).group(1)
    assert "Oui" in gps_row and "Non" in gps_row
    assert "Démarche conventionnelle obligatoire" in html and "Libre accès" in html


def test_services_page_filters_by_domain_without_javascript(client):
    html = page(client.get(reverse("portal:services"), {"domaine": "statistiques"}))

    assert "Statistiques (2 téléservices)" in html
    assert "StatNC8" in html
    assert "GAMMA" not in re.search(r"<tbody>(.*)</tbody>", html, re.S).group(1)
    assert '<option value="statistiques" selected>' in html


def test_services_page_explains_an_unknown_domain_and_shows_everything(client):
    response = client.get(reverse("portal:services"), {"domaine": "inconnu"})

    assert response.status_code == 200
    html = page(response)
    assert "Choisissez un domaine dans la liste." in html
    assert 'aria-describedby="id_domaine-erreur"' in html
    assert "(13 téléservices)" in html


def test_assistance_page_gives_the_helpdesk_and_the_fallback_procedure(client, settings):
    settings.HELPDESK_PHONE = "01 23 45 67 89"
    settings.HELPDESK_EMAIL = "sau@example.org"
    html = page(client.get(reverse("portal:assistance")))

    assert "01 23 45 67 89" in html and 'href="mailto:sau@example.org"' in html
    assert "du lundi au vendredi de 8 h à 19 h" in html
    assert "alerte rouge ou noire" in html
    assert "diagnostic" in html
    assert html.count('class="fr-accordion"') >= 6
    # Every accordion button controls an existing panel.
    for panel in re.findall(r'aria-controls="(faq-[^"]+)"', html):
        assert f'id="{panel}"' in html


def test_edi_page_describes_the_messages_and_the_provider_steps(client):
    html = page(client.get(reverse("portal:edi")))

    for message in ("IE815", "IE801", "IE818"):
        assert message in html
    assert "V3.23" in html
    assert "SIRET de son prestataire EDI" in html
    assert "bientôt" not in html.lower()


def test_inscription_page_lists_what_is_needed_and_the_steps(client):
    html = page(client.get(reverse("portal:inscription")))

    for needed in ("adresse courriel", "SIRET", "invariable", "niveau de sécurité"):
        assert needed in html
    for step in ("La fiche d'inscription", "Le récapitulatif", "Le courriel d'activation", "Votre espace personnel"):
        assert step in html


def test_the_menu_marks_the_current_page(client):
    html = page(client.get(reverse("portal:services")))
    assert re.search(r'href="/services-disponibles/" aria-current="page"', html)
    assert not re.search(r'href="/presentation/" aria-current', html)
