"""The audit every browser test relies on must itself catch a blocking violation."""

import pytest

from tests.browser.fixtures import AccessibilityAudit

pytestmark = pytest.mark.browser


def test_audit_flags_an_unlabelled_field(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    audit = AccessibilityAudit()
    audit.audit(page)
    assert audit.problems == []

    page.evaluate("const field = document.querySelector('#header-identifiant'); field.labels[0].remove();")
    audit.audit(page)
    context.close()
    assert any("label" in problem for problem in audit.problems), audit.problems
