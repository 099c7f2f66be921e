"""The audit every browser test relies on must itself catch a blocking violation."""

import pytest

from tests.browser.fixtures import AccessibilityAudit, csp_violations
from tests.browser.staff import enter_totp_code

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


def test_audit_flags_a_button_label_cut_off_by_its_box(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.goto("/")
    # An icon button in a DSFR group without --icon-left: drawn as an icon-only square.
    page.evaluate(
        """document.querySelector('main').insertAdjacentHTML('afterbegin',
        '<ul class="fr-btns-group"><li><a class="fr-btn fr-icon-add-line fr-btn--icon-left" href="#">'
        + 'Préparer un DAE</a></li></ul>')"""
    )
    audit = AccessibilityAudit()
    audit.audit(page)
    context.close()
    assert [problem for problem in audit.problems if "cut off" in problem] == [
        f"{live_server.url}/: text cut off by its box: « Préparer un DAE »"
    ]


@pytest.mark.parametrize("width", [1024, 1280])
def test_a_staff_members_header_keeps_the_brand_whole(browser, live_server, transactional_db, width):
    """An office agent's header has four links (Espace personnel, Espace bureau de douane, Mon
    compte (identifiant), Déconnexion): they wrap rather than squeeze « République Française »."""
    from tests.factories.accounts import PASSWORD
    from tests.factories.habilitations import office_agent
    from tests.factories.register import CustomsOfficeFactory

    office_agent(CustomsOfficeFactory(), "agent.bureau.de.paris")
    context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto("/")
    page.locator("#header-identifiant").fill("agent.bureau.de.paris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.bureau.de.paris")
    page.get_by_role("banner").get_by_role("link", name="Espace bureau de douane").wait_for()
    audit = AccessibilityAudit()
    audit.audit(page)
    context.close()
    assert [problem for problem in audit.problems if "cut off" in problem] == []


def test_audit_flags_a_page_that_scrolls_sideways_on_a_phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto("/")
    audit = AccessibilityAudit()
    audit.audit(page)
    assert audit.problems == []
    page.evaluate(
        """document.querySelector('main').insertAdjacentHTML('afterbegin',
        '<pre>26FRV9WC4KFKDVFP7TH06 26FRV9WC4KFKDVFP7TH06 26FRV9WC4KFKDVFP7TH06</pre>')"""
    )
    audit.audit(page)
    assert page.viewport_size == {"width": 1280, "height": 800}  # put back for the test
    context.close()
    assert len(audit.problems) == 1 and "scrolls sideways at 320 px" in audit.problems[0], audit.problems


def test_the_content_security_policy_blocks_an_injected_script_and_the_fixture_sees_it(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    blocked = csp_violations(page)
    page.goto("/")
    assert blocked == []
    page.evaluate(
        """const script = document.createElement('script');
        script.textContent = 'document.body.dataset.injected = "yes"';
        document.body.appendChild(script);"""
    )
    page.wait_for_timeout(100)
    injected = page.evaluate("() => document.body.dataset.injected")
    context.close()
    assert injected is None  # the inline script did not run
    assert len(blocked) == 1 and "inline script" in blocked[0], blocked
