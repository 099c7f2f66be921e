"""No dead link: every internal link reachable from the home page answers."""

import io
from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.urls import reverse

from portal import demo
from tests.portal.factories import FocusBlockFactory

pytestmark = pytest.mark.django_db


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href is not None:
            self.hrefs.append(href)


def internal_links(page_url: str, html: str) -> set[str]:
    collector = LinkCollector()
    collector.feed(html)
    links = set()
    for href in collector.hrefs:
        url, _fragment = urldefrag(urljoin(page_url, href))
        parts = urlsplit(url)
        if parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver") and url:
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links


def crawl(client) -> dict[str, int]:
    """Visits every internal page linked from the home page, transitively; returns each URL's status.
    A redirect must lead to an internal page, which is then checked like the others."""
    seen: dict[str, int] = {}
    queue = ["/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code in (301, 302):
            target = urlsplit(urljoin(url, response["Location"]))
            assert target.netloc in ("", "testserver"), f"{url} redirects outside the portal"
            queue.append(target.path + (f"?{target.query}" if target.query else ""))
            continue
        assert response.status_code == 200, f"{url} answers {response.status_code}"
        if "text/html" in response.get("Content-Type", ""):
            queue.extend(internal_links(url, response.content.decode()) - seen.keys())
    return seen


def test_every_internal_link_answers_for_a_visitor(client):
    demo.load(io.StringIO())

    visited = crawl(client)

    # The crawl really went through the site: every menu page and a news page.
    for name in ("portal:presentation", "portal:services", "portal:edi", "portal:assistance", "portal:inscription"):
        assert reverse(name) in visited
    assert reverse("portal:accessibility") in visited and reverse("portal:legal") in visited
    assert any(url.startswith("/actualites/") and url != "/actualites/" for url in visited)


def test_every_internal_link_answers_for_a_logged_in_user(client, django_user_model):
    demo.load(io.StringIO())
    client.force_login(django_user_model.objects.create_user(username="jdupont", password="x" * 12))

    visited = crawl(client)

    assert reverse("portal:services") in visited


def test_the_crawler_catches_a_dead_link(client):
    # A path that matches a URL pattern but leads to no content: the crawl must fail on it.
    FocusBlockFactory(title="Actualité disparue", link="/actualites/999999/")

    with pytest.raises(AssertionError, match="/actualites/999999/ answers 404"):
        crawl(client)
