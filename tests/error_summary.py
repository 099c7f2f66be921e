"""Reading the DSFR error summary (templates/includes/error_summary.html) of a page: its title,
its links, and whether each link leads to an element of the page it names."""

from urllib.parse import urlsplit

import lxml.html


def summary_of(page: str):
    """The summary block of ``page`` (an lxml element), None when there is none."""
    found = lxml.html.fromstring(page).xpath('//div[@id="erreurs"]')
    return found[0] if found else None


def summary_links(page: str) -> list[tuple[str, str]]:
    """(href, text) of each link of the summary, in order."""
    summary = summary_of(page)
    assert summary is not None, "no error summary on the page"
    return [(link.get("href"), link.text_content().strip()) for link in summary.xpath(".//ul/li/a")]


def ids_of(page: str) -> set[str]:
    return set(lxml.html.fromstring(page).xpath("//@id"))


def target(href: str) -> tuple[str, str]:
    """``/x/?verifier=1#id_a`` → (``/x/?verifier=1``, ``id_a``); a same-page link has no path."""
    parts = urlsplit(href)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return path, parts.fragment
