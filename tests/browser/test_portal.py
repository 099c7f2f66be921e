"""The public portal in a real browser: home columns, menu, catalogue, FAQ (axe-audited by `page`)."""

import io
import re
from importlib import import_module

import pytest
from playwright.sync_api import expect

from portal import demo
from portal.models import AccessMode, Teleservice

pytestmark = pytest.mark.browser

MENU = [
    ("Présentation", "Présentation du portail"),
    ("Services disponibles", "Services disponibles"),
    ("Guichet EDI", "Guichet EDI"),
    ("Assistance en ligne", "Assistance en ligne"),
    ("Accueil", "PRODOU@NE, la douane au service des professionnels"),
]


def audited(page, audit, action) -> None:
    """Runs an action that loads a page, then waits for the page's accessibility audit to finish,
    so that two audits of the same page never overlap."""
    done = len(audit.audited_urls)
    action()
    for _ in range(200):
        if len(audit.audited_urls) > done:
            return
        page.wait_for_timeout(50)
    pytest.fail(f"the accessibility audit of {page.url} did not finish")


@pytest.fixture(autouse=True)
def catalogue(transactional_db):
    """The catalogue comes from a data migration, which the flush after each live-server test erases."""
    from django.apps import apps

    import_module("portal.migrations.0002_seed_catalogue").seed_catalogue(apps, None)


@pytest.fixture
def demo_content(transactional_db):
    demo.load(io.StringIO())


def test_home_shows_the_three_columns(page, accessibility_audit, demo_content):
    # One more free service online here, so the column is checked whatever the other areas provide.
    Teleservice.objects.filter(slug="taux-de-change").update(url_name="portal:services")
    audited(page, accessibility_audit, lambda: page.goto("/"))

    services = page.get_by_role("region", name="Services accessibles")
    expect(services.get_by_role("link", name="Taux de change")).to_be_visible()
    for service in Teleservice.objects.filter(access_mode=AccessMode.FREE):
        link = services.get_by_role("link", name=service.name, exact=True)
        expect(link).to_have_count(1 if service.get_url() else 0)
    expect(services.get_by_role("link", name="Tous les services disponibles")).to_be_visible()
    for name in ("InfoAccises", "TVA Intracom", "Recherche d'établissement (SIRET)"):
        expect(services.get_by_role("link", name=name, exact=True)).to_be_visible()

    focus = page.get_by_role("region", name="Focus")
    expect(focus.get_by_role("link", name="Découvrez l'inscription sur le portail")).to_be_visible()
    expect(focus.get_by_role("heading", name="Actualités des e-services")).to_be_visible()
    expect(focus.get_by_text("Nouvelles fiches de procédure de secours Delt@-D et Delt@-C")).to_be_visible()
    expect(focus.get_by_text("[25/07/2008]")).to_be_visible()

    agenda = page.get_by_role("region", name="Agenda")
    expect(agenda.get_by_role("heading", name="GAMMA VERSION 1")).to_be_visible()

    audited(page, accessibility_audit, services.get_by_role("link", name="Taux de change").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Services disponibles")


def test_the_menu_reaches_each_page(page, accessibility_audit):
    audited(page, accessibility_audit, lambda: page.goto("/"))
    nav = page.get_by_role("navigation", name="Menu principal")
    for label, heading in MENU:
        audited(page, accessibility_audit, nav.get_by_role("link", name=label, exact=True).click)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute("aria-current", "page")

    footer = page.get_by_role("contentinfo")
    audited(page, accessibility_audit, footer.get_by_role("link", name="Mentions légales").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentions légales")
    audited(page, accessibility_audit, footer.get_by_role("link", name=re.compile("Accessibilité")).click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Déclaration d'accessibilité")
    # The header's « Inscription » opens the registration form (the seed's « fiche d'inscription »).
    audited(page, accessibility_audit, page.get_by_role("banner").get_by_role("link", name="Inscription").click)
    expect(page.get_by_role("heading", level=1)).to_have_text("Fiche d'inscription")


def test_the_catalogue_table_shows_gamma_on_habilitation_and_filters_by_domain(page, accessibility_audit):
    audited(page, accessibility_audit, lambda: page.goto("/services-disponibles/"))

    table = page.get_by_role("table", name=re.compile("Téléservices du portail ProDou@ne"))
    gamma = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="GAMMA", exact=True))
    expect(gamma).to_contain_text("Sur habilitation")
    expect(gamma).to_contain_text("Fiscalités indirectes")
    expect(gamma.get_by_role("cell").nth(4)).to_have_text("Oui")  # DTI
    expect(table.get_by_role("row")).to_have_count(14)  # header + 13 services

    page.get_by_label("Domaine").select_option(label="Statistiques")
    audited(page, accessibility_audit, page.get_by_role("button", name="Filtrer").click)
    expect(page).to_have_url(re.compile(r"domaine=statistiques"))
    expect(page.get_by_role("table")).to_have_accessible_name(re.compile("Statistiques"))
    expect(page.get_by_role("table").get_by_role("row")).to_have_count(3)


def test_the_faq_accordion_opens(page, accessibility_audit):
    audited(page, accessibility_audit, lambda: page.goto("/assistance/"))
    button = page.get_by_role("button", name="Qu'est-ce que l'identifiant ?")
    answer = page.locator("#faq-identifiant")
    expect(answer).to_be_hidden()

    button.click()

    expect(button).to_have_attribute("aria-expanded", "true")
    expect(answer).to_be_visible()
    expect(answer).to_contain_text("invariable")


def test_the_faq_answers_are_readable_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/assistance/")
    expect(page.locator("#faq-identifiant")).to_be_visible()
    expect(page.locator("#faq-gamma")).to_contain_text("formulaire d'adhésion")
    context.close()


def test_a_mistyped_address_gets_the_french_404_and_a_way_home(page, accessibility_audit):
    audited(page, accessibility_audit, lambda: page.goto("/gamma/FR000000X0000/mouvementz/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Page non trouvée")
    expect(page.get_by_text("Erreur 404")).to_be_visible()
    audited(page, accessibility_audit, page.get_by_role("main").get_by_role("link", name="Page d'accueil").click)
    expect(page.get_by_role("heading", name="Services accessibles")).to_be_visible()


def test_too_many_logins_from_one_address_get_the_french_429(page, accessibility_audit, settings):
    """The live server's visitors all come from 127.0.0.1: the limit, lowered here, is reached at
    the second attempt, or at the first if another test just logged in."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    page.goto("/compte/login/")
    for _ in range(2):
        page.locator("main").get_by_label("Identifiant").fill("jdupont")
        page.locator("main").get_by_label("Mot de passe").fill("pas le bon")
        page.locator("main").get_by_role("button", name="Entrer").click()
        if page.get_by_role("heading", level=1).inner_text() == "Trop de tentatives":
            break
    expect(page.get_by_role("heading", level=1)).to_have_text("Trop de tentatives")
    expect(page.get_by_text("Erreur 429")).to_be_visible()
    audited(page, accessibility_audit, page.get_by_role("main").get_by_role("link", name="Page d'accueil").click)
    expect(page.get_by_role("heading", name="Services accessibles")).to_be_visible()
