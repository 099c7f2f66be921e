"""A company administrator turns on the notifications of an EDI credential in real Chromium (each
page audited by axe): the HTTPS address, the signing key shown once, a test event received by a
local HTTPS receiver with a valid Standard Webhooks signature, and the key gone on reload. An office
agent sees the notifications' state of a provider's credential."""

import re

import pytest
from playwright.sync_api import expect

from edi import credentials, signatures, webhook_config, webhooks
from edi.models import Credential, Delivery, DeliveryStatus
from tests.browser.staff import enter_totp_code
from tests.browser.test_gamma_prepare import log_in
from tests.edi.conftest import (
    PROVIDER_SIRET,
    receiver,  # noqa: F401 - the local HTTPS receiver fixture
)
from tests.edi.test_webhooks import NUMBER_A, publish
from tests.factories.accounts import PASSWORD
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


def test_the_office_sees_the_notifications_state_of_a_providers_credential(page, world, receiver):  # noqa: F811
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    credential = credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="Prestataire").credential
    webhook_config.configure(actor=world.agent_a, credential=credential, url=receiver.url())
    receiver.answers = [500]
    publish(world, [NUMBER_A])
    publish(world, [NUMBER_A], n=1)
    # Each delivery was handed to its Celery task at the commit (eager here): one delivered, one
    # answered 500 and waiting for its retry; the sweep has nothing due yet.
    assert webhooks.deliver_due() == (0, 0)

    page.goto("/")
    page.locator("#header-identifiant").fill("agent.paris")
    page.locator("#header-password").fill(PASSWORD)
    page.get_by_role("button", name="Entrer").click()
    enter_totp_code(page, "agent.paris")
    page.goto("/bureau/edi/")
    row = page.locator(f"#identifiant-{credential.pk}")
    expect(row).to_contain_text("1 en attente, 0 abandonnée(s), 1 remise(s)")
    row.get_by_role("link", name=f"Configurer les notifications de {credential.client_id}").click()
    table = page.get_by_role("table", name="Dernières notifications envoyées (20 au plus)")
    expect(table).to_contain_text("En attente")
    expect(table).to_contain_text("Remise")
    expect(table).to_contain_text("Réponse HTTP 500")
    assert "whsec_" not in page.content()
