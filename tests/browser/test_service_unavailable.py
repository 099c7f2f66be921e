"""The page a person gets when the database is down: French, accessible, « réessayez » (issue 13)."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_gets_the_french_503_page_when_the_database_is_down(page, accessibility_audit, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    # Every connection of the live server (and of this thread, unused until the end) fails.
    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse)
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
