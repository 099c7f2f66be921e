"""« Notifications » of an EDI credential: its manager sets the HTTPS address, gets the signing key
once, sends a test event to a real local receiver; the office and the company's administrator see
the notifications' state and never a key; a private address is refused in French; whoever does
not see the credential gets a 404."""

import logging
import re

import pytest
from django.db import transaction

from edi import credentials, webhooks
from edi.models import Delivery, DeliveryStatus, Webhook
from gamma import feed
from gamma.models import MessageDirection, MovementMessage
from habilitations.models import AuditEvent
from tests.factories.gamma import MovementFactory
from tests.portal.test_pages import page

pytestmark = pytest.mark.django_db
PROVIDER_SIRET = "44306184100047"


@pytest.fixture
def own_credential(world):
    """A's own credential (A's adhesion has the EDI option), made by its administrator Marie."""
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.save()
    return credentials.issue(actor=world.marie, operator=world.company_a, label="ERP").credential


def url_of(credential, side="company"):
    prefix = "/bureau/edi" if side == "office" else "/guichet-edi"
    return f"{prefix}/identifiants/{credential.pk}/notifications/"


def key_in(html: str) -> str:
    return re.search(r"whsec_[A-Za-z0-9+/=]+", html).group(0)


def test_the_administrator_sets_the_address_gets_the_key_once_and_sends_a_test(
    client, world, own_credential, receiver, caplog
):
    client.force_login(world.marie)
    listing = page(client.get("/guichet-edi/identifiants/"))
    assert f'href="{url_of(own_credential)}"' in listing
    assert "Configurer les notifications" in listing

    with caplog.at_level(logging.DEBUG):
        response = client.post(url_of(own_credential), {"action": "save", "url": receiver.url()})
    assert response.status_code == 200
    html = page(response)
    key = key_in(html)
    assert "elle ne sera plus jamais affichée" in html
    assert {"no-store", "private"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert Webhook.objects.get().url == receiver.url()
    assert AuditEvent.objects.filter(action="edi_webhook_configured", operator=world.company_a).exists()

    with caplog.at_level(logging.DEBUG):
        tested = page(client.post(url_of(own_credential), {"action": "test"}))
    assert "Événement de test remis : votre logiciel a répondu HTTP 200" in tested
    assert len(receiver.requests) == 1
    # Never again: not on the pages, not in a log, not in the session.
    for later in (tested, page(client.get(url_of(own_credential))), page(client.get("/guichet-edi/identifiants/"))):
        assert "whsec_" not in later
    assert key not in caplog.text and key.removeprefix("whsec_") not in caplog.text
    assert all(key not in str(value) for value in client.session.values())

    renewed = page(client.post(url_of(own_credential), {"action": "rotate"}))
    assert key_in(renewed) != key and "Nouvelle clé de signature" in renewed


def test_a_private_or_plain_http_address_is_refused_in_french(client, world, own_credential, settings):
    settings.EDI_WEBHOOK_ALLOW_PRIVATE = False
    client.force_login(world.marie)
    for url, words in [
        ("https://127.0.0.1/hook", "mène à un réseau privé"),
        ("https://169.254.169.254/latest", "mène à un réseau privé"),
        ("http://8.8.8.8/hook", "doit commencer par « https:// »"),
        ("", "Indiquez l'adresse HTTPS"),
    ]:
        response = client.post(url_of(own_credential), {"action": "save", "url": url})
        assert response.status_code == 400
        assert words in page(response)
    assert not Webhook.objects.exists()


def publish_to_a(world):
    movement = MovementFactory(
        validated=True, complete=False, consignor=world.excise_a, consignee_identifier="FR009990F0005"
    )
    with transaction.atomic():
        stored = MovementMessage.objects.create(
            movement=movement,
            message_type="IE801",
            message_identifier=f"uuid:IE801-{movement.pk}",
            direction=MessageDirection.SENT,
            xml=b"<x/>",
            sha256="0" * 64,
        )
        feed.publish(stored, ["FR008777E0001"])


def test_the_office_and_the_administrator_see_the_deliveries_state_and_no_key(client, world, own_credential, receiver):
    client.force_login(world.marie)
    key = key_in(page(client.post(url_of(own_credential), {"action": "save", "url": receiver.url()})))
    receiver.answers = [500]
    publish_to_a(world)
    publish_to_a(world)
    assert webhooks.deliver_due() == (1, 1)
    assert sorted(Delivery.objects.values_list("status", flat=True)) == [
        DeliveryStatus.DELIVERED,
        DeliveryStatus.PENDING,
    ]

    for user, side in ((world.marie, "company"), (world.agent_a, "office")):
        client.force_login(user)
        html = page(client.get(url_of(own_credential, side)))
        table = html[html.index('id="notifications"') :]
        assert "En attente" in table and "Remise" in table and "Réponse HTTP 500" in table
        assert "IE801" in table and "FR008777E0001" in table
        listing = page(client.get("/bureau/edi/" if side == "office" else "/guichet-edi/identifiants/"))
        assert "1 en attente, 0 abandonnée(s), 1 remise(s)" in listing
        assert receiver.url() in listing
        for seen in (html, listing):
            assert key not in seen and "whsec_" not in seen


def test_whoever_does_not_see_the_credential_gets_a_404(client, world, own_credential):
    for outsider in (world.bob, world.agent_b):
        client.force_login(outsider)
        side = "office" if outsider == world.agent_b else "company"
        assert client.get(url_of(own_credential, side)).status_code == 404
        assert (
            client.post(url_of(own_credential, side), {"action": "save", "url": "https://8.8.8.8/"}).status_code == 404
        )
    assert not Webhook.objects.exists()


def test_a_revoked_credential_shows_its_notifications_without_the_form(client, world, own_credential):
    credentials.revoke(actor=world.marie, credential=own_credential)
    client.force_login(world.marie)
    html = page(client.get(url_of(own_credential)))
    assert "Dernières notifications" in html and "Activer les notifications" not in html
    response = client.post(url_of(own_credential), {"action": "save", "url": "https://8.8.8.8/"})
    assert response.status_code == 400 and "révoqué" in page(response)


def test_test_events_are_rate_limited(client, world, own_credential, receiver):
    client.force_login(world.marie)
    client.post(url_of(own_credential), {"action": "save", "url": receiver.url()})
    answers = [client.post(url_of(own_credential), {"action": "test"}).status_code for _ in range(6)]
    assert answers == [200] * 5 + [429]
    assert len(receiver.requests) == 5
