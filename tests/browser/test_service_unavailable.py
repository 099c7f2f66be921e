"""The page a person gets when the database is down: French, accessible, « réessayez » (issue 13)."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_gets_the_french_503_page_when_the_database_is_down(page, accessibility_audit, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    # Every query of the live server fails as with a server gone (and of this thread, unused until
    # the end). Not ``ensure_connection``: the live server's thread lives the whole session and may
    # hold a connection already, whose bookkeeping at the request's start (``close_old_connections``)
    # touches no server, as with a real outage.
    monkeypatch.setattr(BaseDatabaseWrapper, "_cursor", refuse)
    response = page.goto("/services-disponibles/")
    assert response.status == 503
    assert response.headers["retry-after"] == "30"
    expect(page).to_have_title("Service momentanément indisponible — PRODOU@NE")
    expect(page.get_by_role("heading", level=1)).to_have_text("Service momentanément indisponible")
    expect(page.get_by_text("Erreur 503")).to_be_visible()
    expect(page.get_by_text("la procédure de secours vous permet d'expédier vos marchandises")).to_be_visible()
    accessibility_audit.audit_if_new(page)
    monkeypatch.undo()  # the database back: the test's own clean-up needs it
    assert accessibility_audit.audited_urls
