import pytest

pytestmark = pytest.mark.browser


def test_home_page_shows_the_portal_menu(page):
    page.goto("/")
    nav = page.get_by_role("navigation", name="Menu principal")
    for label in ("Accueil", "Présentation", "Services disponibles", "Guichet EDI", "Assistance en ligne"):
        assert nav.get_by_role("link", name=label).is_visible()
