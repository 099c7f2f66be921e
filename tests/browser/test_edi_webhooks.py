"""A company administrator turns on the notifications of an EDI credential in real Chromium (each
page audited by axe): the HTTPS address, the signing key shown once, a test event received by a
local HTTPS receiver with a valid Standard Webhooks signature, and the key gone on reload."""

import re

import pytest
from playwright.sync_api import expect

from edi import signatures
from edi.models import Credential, Delivery, DeliveryStatus
from tests.browser.test_gamma_prepare import log_in
from tests.edi.conftest import receiver  # noqa: F401 - the local HTTPS receiver fixture
from tests.factories.habilitations import build_world

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db):
    built = build_world()
    built.adhesion_a.edi_enabled = True
    built.adhesion_a.save()
    return built


def test_the_administrator_configures_the_notifications_and_sends_a_test(page, world, receiver):  # noqa: F811
    log_in(page, "marie")
    page.get_by_role("link", name="Identifiants EDI").click()
    page.get_by_label("Libellé").fill("ERP de l'entrepôt")
    page.get_by_role("button", name="Créer l'identifiant").click()
    credential = Credential.objects.get()

    page.get_by_role("link", name=f"Configurer les notifications de {credential.client_id}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Notifications de l'identifiant {credential.client_id}")
    page.get_by_label("Adresse de notification (HTTPS)").fill("http://edi.exemple.fr/hook")
    page.get_by_role("button", name="Activer les notifications").click()
    expect(page.get_by_text("L'adresse doit commencer par « https:// »")).to_be_visible()

    page.get_by_label("Adresse de notification (HTTPS)").fill(receiver.url())
    page.get_by_role("button", name="Activer les notifications").click()
    expect(page.get_by_role("heading", name="Clé de signature des notifications")).to_be_visible()
    key = page.locator("#cle-webhook").inner_text()
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/=]{44}", key)

    page.get_by_role("button", name="Envoyer un événement de test").click()
    expect(page.get_by_text("Événement de test remis : votre logiciel a répondu HTTP 200.")).to_be_visible()
    expect(page.locator("#cle-webhook")).to_have_count(0)  # shown once, never again
    [request] = receiver.requests
    assert signatures.verify(
        key,
        msg_id=request.headers["webhook-id"],
        timestamp=int(request.headers["webhook-timestamp"]),
        body=request.body,
        signature_header=request.headers["webhook-signature"],
    )
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.DELIVERED
    expect(page.locator(f"#notification-{delivery.pk}")).to_contain_text("Remise")

    page.get_by_role("link", name="Revenir aux identifiants").click()
    row = page.locator(f"#identifiant-{credential.pk}")
    expect(row).to_contain_text(receiver.url())
    expect(row).to_contain_text("0 en attente, 0 abandonnée(s), 1 remise(s)")
    assert "whsec_" not in page.content()
