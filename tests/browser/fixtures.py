"""Browser fixtures: real Debian Chromium through Playwright, every page checked by axe-core.

Any test that takes the ``page`` fixture gets, for free, an accessibility audit of every document
it shows: a violation of impact *serious* or *critical* fails the test, and so does a DSFR button
or header brand whose text is cut off by its box, or a page that scrolls sideways on a 320 px
wide screen.

How: ``page`` is the Playwright page behind a thin proxy. Before each call the test makes on it
(``goto``, ``get_by_role``, ``locator``, ``content`` ...) and once more at the end of the test, the
proxy audits the current document if it has not been audited yet (a marker is set in the
document's ``window``, so a new document — navigation, form post — is audited once). Audits run
in the test's own flow, never concurrently with it, so they cannot overlap or race a navigation.
"""

import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
BLOCKING_IMPACTS = {"serious", "critical"}
# RGAA 10.11 (WCAG 1.4.10, reflow): at 320 CSS pixels wide, the page reads without scrolling sideways.
REFLOW_WIDTH = 320
AUDITED_MARKER = "__prodouaneAxeAudited"
# DSFR buttons and header brand whose text does not fit their box: a group without its
# ``--icon-left`` modifier turns an icon button into an icon-only square, its label cut off; a
# header with too many links squeezes « République Française ». axe-core sees the text and passes
# it; every sighted user meets the cut text.
CLIPPED_TEXT = """() => Array.from(
        document.querySelectorAll('.fr-btn, .fr-header__brand-top, .fr-header__service-title'))
    .filter(el => el.offsetParent !== null && el.textContent.trim() && el.scrollWidth > el.clientWidth + 1)
    .map(el => el.textContent.trim().replace(/\\s+/g, ' '))"""


def chromium_executable() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Debian's chromium is needed for the browser tests: `make test` installs it (apt-get install chromium)."
    )


class AccessibilityAudit:
    """Runs axe-core on a page and keeps the blocking violations."""

    def __init__(self) -> None:
        self.axe = Axe()
        self.problems: list[str] = []
        self.audited_urls: list[str] = []

    def audit(self, page) -> None:
        if page.is_closed() or not page.url.startswith("http"):
            return
        results = self.axe.run(page)
        self.audited_urls.append(page.url)
        for violation in results.response["violations"]:
            if violation.get("impact") in BLOCKING_IMPACTS:
                targets = ", ".join(str(node["target"]) for node in violation["nodes"][:5])
                self.problems.append(
                    f"{page.url}: [{violation['impact']}] {violation['id']} — {violation['help']} ({targets})"
                )
        for label in page.evaluate(CLIPPED_TEXT):
            self.problems.append(f"{page.url}: text cut off by its box: « {label} »")
        width = self.width_on_a_phone(page)
        if width > REFLOW_WIDTH:
            self.problems.append(f"{page.url}: scrolls sideways at {REFLOW_WIDTH} px ({width} px wide, RGAA 10.11)")

    @staticmethod
    def width_on_a_phone(page) -> int:
        """The document's width when the window is 320 px wide, the window then put back."""
        size = page.viewport_size
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
        try:
            return page.evaluate("() => document.documentElement.scrollWidth")
        finally:
            page.set_viewport_size(size)

    def audit_if_new(self, page) -> None:
        """Audit the current document unless it already was."""
        if page.is_closed() or not page.url.startswith("http"):
            return
        page.wait_for_load_state("load")
        if page.evaluate(f"() => window.{AUDITED_MARKER} === true"):
            return
        self.audit(page)
        page.evaluate(f"() => {{ window.{AUDITED_MARKER} = true; }}")


class AuditedPage:
    """The Playwright page, auditing each new document before the test goes on with it."""

    def __init__(self, page, audit: AccessibilityAudit) -> None:
        self._page = page
        self._audit = audit

    @property
    def __class__(self):
        # Lets Playwright's ``expect(page)`` (an isinstance check) take the proxy for a Page.
        return type(self._page)

    def __getattr__(self, name):
        value = getattr(self._page, name)
        if not callable(value):
            return value

        def audited_call(*args, **kwargs):
            self._audit.audit_if_new(self._page)
            return value(*args, **kwargs)

        return audited_call


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def csp_violations(page) -> list[str]:
    """What the portal's Content-Security-Policy will block on ``page`` (a script, style or image
    the page needs), as Chromium reports it on the console; filled as the page goes on."""
    blocked: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            blocked.append(f"{page.url}: {message.text}")

    page.on("console", on_console)
    return blocked


@pytest.fixture
def accessibility_audit():
    return AccessibilityAudit()


@pytest.fixture
def page(browser, live_server, accessibility_audit, reference_data):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(10_000)
    raw_page = context.new_page()
    blocked = csp_violations(raw_page)
    yield AuditedPage(raw_page, accessibility_audit)
    accessibility_audit.audit_if_new(raw_page)
    context.close()
    assert accessibility_audit.audited_urls, "the browser test loaded no page"
    assert not accessibility_audit.problems, "Accessibility (axe-core):\n" + "\n".join(accessibility_audit.problems)
    assert not blocked, "Content-Security-Policy violations:\n" + "\n".join(blocked)
