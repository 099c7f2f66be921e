"""Browser fixtures: real Debian Chromium through Playwright, every loaded page checked by axe-core.

Any test that takes the ``page`` fixture gets, for free, an accessibility audit of every page it
loads (and of the page it ends on): a violation of impact *serious* or *critical* fails the test.
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


def chromium_executable() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    pytest.fail(
        "Debian's chromium is needed for the browser tests: `make test` installs it (apt-get install chromium)."
    )


class AccessibilityAudit:
    """Runs axe-core on each page the browser loads and keeps the blocking violations."""

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


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_executable(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def accessibility_audit():
    return AccessibilityAudit()


@pytest.fixture
def page(browser, live_server, accessibility_audit):
    context = browser.new_context(base_url=live_server.url, locale="fr-FR", timezone_id="Europe/Paris")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("load", accessibility_audit.audit)
    yield page
    accessibility_audit.audit(page)
    context.close()
    assert accessibility_audit.audited_urls, "the browser test loaded no page"
    assert not accessibility_audit.problems, "Accessibility (axe-core):\n" + "\n".join(accessibility_audit.problems)
