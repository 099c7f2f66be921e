"""Issue 13, item 2, in real Chromium (every page audited by axe, and read at 320 px): the SAU
finds the pending and failed mails, EDI notifications and EU exchanges from its personal space,
filters, opens one and brings its next attempt forward; an office agent finds its operators' share
from the office's menu, and nothing of the other office's. No secret on any page."""

import pytest
from playwright.sync_api import expect

from mail.models import OutboxMessage, OutboxStatus
from tests.browser.staff import enter_totp_code
from tests.factories.accounts import PASSWORD
from tests.factories.habilitations import build_world
from tests.fallback.factories import sau_agent
from tests.outbox.factories import ACTIVATION_LINK, WEBHOOK_SECRET, WEBHOOK_TOKEN, build_outboxes

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(transactional_db, reference_data):
    world = build_world()
    sau_agent("agent.sau")
    return world, build_outboxes(world)


def log_in(page, username: str) -> None:
    page.goto("/")
    page.locator("#header-identifiant").fill(username)
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, username)
    expect(page.get_by_role("heading", name="Espace personnel", level=1)).to_be_visible()


def no_secret(page) -> None:
    html = page.content()
    for secret in (ACTIVATION_LINK, "cle-tres-secrete", WEBHOOK_SECRET, WEBHOOK_TOKEN, "/crochets/"):
        assert secret not in html


def test_the_sau_reads_the_outboxes_and_resends_a_failed_mail(page, setting):
    _world, outboxes = setting
    log_in(page, "agent.sau")
    page.get_by_role("link", name="Envois en attente (SAU)").click()
    expect(page.get_by_role("heading", name="Envois en attente", level=1)).to_be_visible()
    summary = page.get_by_role("table", name="Synthèse des envois en attente")
    expect(summary.get_by_role("row", name="Courriels")).to_contain_text("depuis 2 h 05 min")
    table = page.get_by_role("table", name="Courriels en attente ou en échec, les plus anciens d'abord")
    expect(table).to_contain_text("m***@example.org")
    expect(table).to_contain_text("Réinitialisation de votre mot de passe")
    no_secret(page)

    page.get_by_label("État").select_option("failed")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#resultats")).to_have_text("1 envoi.")
    page.get_by_role("link", name=f"Voir l'envoi n° {outboxes.mail_failed.pk}").click()
    expect(page.get_by_role("heading", name=f"Courriel n° {outboxes.mail_failed.pk}", level=1)).to_be_visible()
    expect(page.get_by_text("p***@example.com, a***@example.net")).to_be_visible()
    no_secret(page)
    page.get_by_role("button", name="Relancer maintenant").click()
    expect(page.get_by_text(f"Le courriel n° {outboxes.mail_failed.pk} sera de nouveau tenté")).to_be_visible()
    outboxes.mail_failed.refresh_from_db()
    assert outboxes.mail_failed.status == OutboxStatus.PENDING

    page.get_by_role("link", name="Notifications EDI (4)").click()
    table = page.get_by_role("table", name="Notifications EDI en attente ou en échec, les plus anciens d'abord")
    expect(table).to_contain_text("https://erp-a.example.com:8443")
    expect(table).to_contain_text(outboxes.b.credential.client_id)
    no_secret(page)
    page.get_by_role("link", name="Échanges avec les États membres (4)").click()
    expect(page.get_by_text("passerelle CCN injoignable").first).to_be_visible()
    assert OutboxMessage.objects.filter(status=OutboxStatus.FAILED).count() == 0


def test_an_office_agent_sees_only_its_operators_share(page, setting):
    _world, outboxes = setting
    log_in(page, "agent.paris")
    page.get_by_role("link", name="Espace bureau de douane").first.click()
    page.get_by_role("link", name="Envois en attente").click()
    expect(page.get_by_role("heading", name="Envois en attente", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Courriels", exact=False)).to_have_count(0)
    table = page.get_by_role("table", name="Notifications EDI en attente ou en échec, les plus anciens d'abord")
    expect(table).to_contain_text(outboxes.a.credential.client_id)
    expect(table).not_to_contain_text(outboxes.b.credential.client_id)
    expect(page.get_by_role("button", name="Relancer maintenant")).to_have_count(0)
    no_secret(page)
    page.get_by_role("link", name="Échanges avec les États membres (2)").click()
    page.get_by_role("link", name=f"Voir l'envoi n° {outboxes.a.failing_exchange.pk}").click()
    expect(
        page.get_by_role("heading", name=f"Message à un État membre n° {outboxes.a.failing_exchange.pk}")
    ).to_be_visible()
    expect(page.get_by_text(outboxes.a.movement.arc)).to_be_visible()
    page.goto(f"/bureau/envois/echanges/{outboxes.b.failing_exchange.pk}/")
    expect(page.get_by_role("heading", level=1)).not_to_have_text(
        f"Message à un État membre n° {outboxes.b.failing_exchange.pk}"
    )
