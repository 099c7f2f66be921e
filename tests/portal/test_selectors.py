import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from portal import selectors
from portal.models import FocusBlock, Rubric, Teleservice
from tests.portal.factories import AgendaEntryFactory, FocusBlockFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def test_published_news_hides_drafts_and_future_items_newest_first():
    today = timezone.localdate()
    old = NewsItemFactory(title="Ancienne", published_on=today - datetime.timedelta(days=30))
    recent = NewsItemFactory(title="Récente", published_on=today)
    NewsItemFactory(title="Brouillon", published_on=today - datetime.timedelta(days=1), draft=True)
    NewsItemFactory(title="Future", published_on=today + datetime.timedelta(days=1))

    assert list(selectors.published_news()) == [recent, old]


def test_news_are_grouped_by_rubric_the_newest_rubric_first():
    trade_old = NewsItemFactory(rubric=Rubric.INTERNATIONAL_TRADE, published_on=datetime.date(2008, 6, 2))
    portal = NewsItemFactory(rubric=Rubric.PORTAL, published_on=datetime.date(2008, 7, 1))
    trade_new = NewsItemFactory(rubric=Rubric.INTERNATIONAL_TRADE, published_on=datetime.date(2008, 7, 25))

    assert selectors.news_by_rubric() == [
        ("COMMERCE INTERNATIONAL", [trade_new, trade_old]),
        ("PORTAIL", [portal]),
    ]


def test_the_home_shows_at_most_the_latest_news():
    for day in range(1, selectors.HOME_NEWS_LIMIT + 3):
        NewsItemFactory(published_on=datetime.date(2008, 7, day))
    shown = [item for _, items in selectors.news_by_rubric() for item in items]
    assert len(shown) == selectors.HOME_NEWS_LIMIT
    assert shown[0].published_on == datetime.date(2008, 7, selectors.HOME_NEWS_LIMIT + 2)


def test_agenda_and_focus_show_only_published_entries():
    shown = AgendaEntryFactory(starts_on=datetime.date(2009, 4, 1))
    older = AgendaEntryFactory(starts_on=datetime.date(2008, 1, 22))
    AgendaEntryFactory(is_published=False)
    assert list(selectors.published_agenda()) == [shown, older]

    second = FocusBlockFactory(position=2)
    first = FocusBlockFactory(position=1)
    FocusBlockFactory(position=0, is_published=False)
    assert list(selectors.published_focus_blocks()) == [first, second]


def test_accessible_services_are_the_free_services_online_here():
    Teleservice.objects.filter(slug="taux-de-change").update(url_name="portal:services")
    Teleservice.objects.filter(slug="gamma").update(url_name="portal:edi")  # online, but on habilitation

    links = selectors.accessible_services(user=AnonymousUser())

    names = [link.name for link in links]
    assert "Taux de change" in names
    assert "GAMMA" not in names
    assert "Taric Europa" not in names  # free, but not online on this portal
    assert all(link.url for link in links)


def test_accessible_services_add_what_providers_grant_to_a_logged_in_user(django_user_model):
    user = django_user_model.objects.create_user(username="jdupont", password="x" * 12)

    def habilitated(user):
        return [selectors.ServiceLink("GAMMA", "/gamma/", "Vos mouvements")]

    selectors.register_service_provider(habilitated)
    try:
        assert "GAMMA" in [link.name for link in selectors.accessible_services(user=user)]
        assert "GAMMA" not in [link.name for link in selectors.accessible_services(user=AnonymousUser())]
    finally:
        selectors.unregister_service_provider(habilitated)
    assert "GAMMA" not in [link.name for link in selectors.accessible_services(user=user)]


def test_a_focus_block_must_point_to_a_page_of_the_portal():
    block = FocusBlock(title="Focus", text="Texte", link="/page-inexistante/")
    with pytest.raises(ValidationError, match="ne mène à aucune page du portail"):
        block.full_clean()
    block.link = "https://exemple.fr/"
    with pytest.raises(ValidationError, match="ne mène à aucune page du portail"):
        block.full_clean()

    block.link = "/inscription/"
    block.full_clean()
    assert block.get_url() == "/inscription/"
    block.link = "portal:services"
    block.full_clean()
    assert block.get_url() == "/services-disponibles/"
