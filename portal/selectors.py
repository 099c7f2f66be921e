"""Reads of the portal content, as the public pages show it."""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from portal.models import AccessMode, AgendaEntry, FocusBlock, NewsItem, Teleservice, internal_url

HOME_NEWS_LIMIT = 10


@dataclass(frozen=True)
class ServiceLink:
    """An entry of the « Services accessibles » column: always a working link."""

    name: str
    url: str
    description: str = ""


# Portal tools that are not rows of the catalogue but are open to everyone: (name, URL name, description).
PORTAL_TOOLS = [
    (
        "Recherche d'établissement (SIRET)",
        "lookups:siret",
        "Afficher la fiche d'un établissement à partir de son numéro SIRET.",
    ),
]

# Extension point for the services of a logged-in user (the teleservices they are habilitated to):
# an app registers a function ``provider(user) -> Iterable[ServiceLink]`` with
# ``register_service_provider`` (typically in its ``AppConfig.ready``); its links are added to the
# « Services accessibles » column of that user's home page, after the free ones.
_service_providers: list[Callable[..., Iterable[ServiceLink]]] = []


def register_service_provider(provider: Callable[..., Iterable[ServiceLink]]) -> None:
    if provider not in _service_providers:
        _service_providers.append(provider)


def unregister_service_provider(provider: Callable[..., Iterable[ServiceLink]]) -> None:
    if provider in _service_providers:
        _service_providers.remove(provider)


def catalogue(*, domain: str | None = None) -> QuerySet[Teleservice]:
    services = Teleservice.objects.all()
    if domain:
        services = services.filter(domain=domain)
    return services.order_by("position", "name")


def accessible_services(*, user) -> list[ServiceLink]:
    """The home page's « Services accessibles »: the free teleservices online on this portal, the
    portal's free tools, then, for a logged-in user, what the registered providers grant them."""
    links = [
        ServiceLink(service.name, url, service.description)
        for service in catalogue().filter(access_mode=AccessMode.FREE)
        if (url := service.get_url())
    ]
    links += [
        ServiceLink(name, url, description)
        for name, url_name, description in PORTAL_TOOLS
        if (url := internal_url(url_name))
    ]
    if user.is_authenticated:
        seen = {link.url for link in links}
        for provider in _service_providers:
            for link in provider(user):
                if link.url not in seen:
                    seen.add(link.url)
                    links.append(link)
    return links


def published_news(*, today: datetime.date | None = None) -> QuerySet[NewsItem]:
    """Published news dated today or earlier, newest first."""
    today = today or timezone.localdate()
    return NewsItem.objects.filter(is_published=True, published_on__lte=today).order_by("-published_on", "-pk")


def news_by_rubric(*, limit: int = HOME_NEWS_LIMIT) -> list[tuple[str, list[NewsItem]]]:
    """The latest news grouped by rubric: the rubric with the newest item first, newest first within."""
    groups: dict[str, list[NewsItem]] = {}
    for item in published_news()[:limit]:
        groups.setdefault(item.get_rubric_display(), []).append(item)
    return list(groups.items())


def published_agenda() -> QuerySet[AgendaEntry]:
    return AgendaEntry.objects.filter(is_published=True).order_by("-starts_on", "-pk")


def published_focus_blocks() -> QuerySet[FocusBlock]:
    return FocusBlock.objects.filter(is_published=True).order_by("position", "pk")
