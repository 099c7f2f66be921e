"""EDI notifications (edi.webhooks): Standard Webhooks signatures, a delivery row written with each
feed entry for the credentials acting for its number only, posted to a real local HTTPS receiver,
retried with backoff, abandoned after 72 h, and addresses on private networks refused."""

import datetime as dt
import itertools
import json

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from edi import credentials, signatures, webhook_config, webhooks
from edi.credentials import CredentialError
from edi.models import Delivery, DeliveryKind, DeliveryStatus, Webhook
from edi.webhook_addresses import AddressRefused, check
from gamma import feed
from gamma.models import MessageDirection, MovementMessage
from habilitations.models import Habilitation
from tests.factories.gamma import MovementFactory

NUMBER_A, NUMBER_B = "FR008777E0001", "FR009990F0005"


# --- Signatures --------------------------------------------------------------------------------


def test_the_signature_is_the_standard_webhooks_reference_vector():
    # https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
    secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    body = b'{"test": 2432232314}'
    expected = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
    assert signatures.sign(secret, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=1614265330, body=body) == expected
    headers = signatures.headers(secret, msg_id="msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp=1614265330, body=body)
    assert headers == {
        "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
        "webhook-timestamp": "1614265330",
        "webhook-signature": expected,
    }
    check_args = {"msg_id": "msg_p5jXN8AQM9LWM0D4loKWxJek", "timestamp": 1614265330}
    assert signatures.verify(secret, body=body, signature_header=f"v1,bad {expected}", **check_args)
    assert not signatures.verify(secret, body=b'{"test": 2432232315}', signature_header=expected, **check_args)
    assert not signatures.verify(secret, msg_id="msg_other", timestamp=1614265330, body=body, signature_header=expected)


def test_a_new_secret_is_whsec_and_32_random_bytes():
    first, second = signatures.new_secret(), signatures.new_secret()
    assert first.startswith("whsec_") and first != second
    assert len(signatures.key_of(first)) == 32
    with pytest.raises(signatures.BadSecret):
        signatures.key_of("whsec_not base64!")


# --- Addresses (SSRF) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://8.8.8.8/hook", "https://"),
        ("ftp://8.8.8.8/hook", "https://"),
        ("https://127.0.0.1/hook", "réseau privé"),
        ("https://localhost:8443/hook", "réseau privé"),
        ("https://10.1.2.3/hook", "réseau privé"),
        ("https://192.168.0.10/hook", "réseau privé"),
        ("https://169.254.169.254/latest/meta-data", "réseau privé"),
        ("https://100.64.0.1/hook", "réseau privé"),
        ("https://[::1]/hook", "réseau privé"),
        ("https://[::ffff:127.0.0.1]/hook", "réseau privé"),
        ("https://[fe80::1]/hook", "réseau privé"),
        ("https://0.0.0.0/hook", "réseau privé"),
        ("https://user:pw@8.8.8.8/hook", "identifiant"),
        ("https://8.8.8.8/hook#x", "fragment"),
        ("https:///hook", "nom de serveur"),
        ("https://8.8.8.8:99999/hook", "port"),
        ("https://nowhere.invalid/hook", "introuvable"),
        ("", "Indiquez"),
        ("https://8.8.8.8/" + "a" * 500, "500 caractères"),
    ],
)
def test_an_address_off_the_public_internet_or_not_https_is_refused(url, words):
    with pytest.raises(AddressRefused) as refused:
        check(url, allow_private=False)
    assert words in refused.value.message


def test_a_public_https_address_is_accepted_and_pinned_to_what_was_checked():
    target = check("https://8.8.8.8/hooks/edi?x=1", allow_private=False)
    assert target.url == "https://8.8.8.8/hooks/edi?x=1"
    assert target.pinned_url() == "https://8.8.8.8:443/hooks/edi?x=1"
    assert target.host_header == "8.8.8.8"
    assert check("https://localhost:8443/h", allow_private=True).pinned_url() == "https://127.0.0.1:8443/h"


def test_configuring_a_private_address_is_refused_in_french_and_nothing_is_stored(edi, settings):
    settings.EDI_WEBHOOK_ALLOW_PRIVATE = False
    for url in ("https://127.0.0.1/hook", "http://8.8.8.8/hook"):
        with pytest.raises(CredentialError):
            webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=url)
    assert not Webhook.objects.exists()


# --- Rows written with the feed -----------------------------------------------------------------


def publish(world, recipients, message_type="IE801", n=0):
    movement = MovementFactory(
        validated=True, complete=False, consignor=world.excise_a, consignee_identifier=NUMBER_B, arc=f"26FR{n:017d}"
    )
    with transaction.atomic():
        stored = MovementMessage.objects.create(
            movement=movement,
            message_type=message_type,
            message_identifier=f"uuid:{message_type}-{movement.pk}-{n}",
            direction=MessageDirection.SENT,
            xml=b"<x/>",
            sha256="0" * 64,
        )
        entries = feed.publish(stored, recipients)
    return stored, entries


@pytest.fixture
def company_b_credential(world):
    """B's own credential (B's adhesion has the EDI option), issued by B's office, with a webhook."""
    world.adhesion_b.edi_enabled = True
    world.adhesion_b.save()
    issued = credentials.issue(actor=world.agent_b, operator=world.company_b, label="ERP B")
    webhook_config.configure(actor=world.agent_b, credential=issued.credential, url="https://8.8.4.4/b")
    return issued.credential


def test_a_feed_entry_writes_a_delivery_for_the_credentials_acting_for_its_number_only(edi, company_b_credential):
    world = edi.world
    webhook_config.configure(actor=world.agent_a, credential=edi.credential, url="https://8.8.8.8/a")
    no_webhook = credentials.issue(actor=world.agent_a, operator=world.company_a, label="sans notification")

    _, entries = publish(world, [NUMBER_A])
    delivery = Delivery.objects.get()
    assert (delivery.credential, delivery.feed_entry, delivery.status) == (
        edi.credential,
        entries[0],
        DeliveryStatus.PENDING,
    )
    assert not Delivery.objects.filter(credential__in=[company_b_credential, no_webhook.credential]).exists()

    _, entries = publish(world, [NUMBER_A, NUMBER_B], n=1)
    assert sorted(Delivery.objects.filter(feed_entry__in=entries).values_list("credential_id", "feed_entry_id")) == [
        (edi.credential.pk, entries[0].pk),
        (company_b_credential.pk, entries[1].pk),
    ]


def test_a_rolled_back_message_and_a_revoked_credential_notify_nobody(edi):
    world = edi.world
    webhook_config.configure(actor=world.agent_a, credential=edi.credential, url="https://8.8.8.8/a")
    with pytest.raises(ZeroDivisionError), transaction.atomic():
        publish(world, [NUMBER_A])
        raise ZeroDivisionError
    assert not Delivery.objects.exists()
    credentials.revoke(actor=world.agent_a, credential=edi.credential)
    publish(world, [NUMBER_A], n=1)
    assert not Delivery.objects.exists()


def test_without_the_edi_option_no_delivery(edi):
    webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url="https://8.8.8.8/a")
    edi.world.adhesion_a.edi_enabled = False
    edi.world.adhesion_a.save()
    publish(edi.world, [NUMBER_A])
    assert not Delivery.objects.exists()


def test_only_the_credentials_that_read_the_numbers_feed_are_notified(edi, receiver, hooked):
    # The EDI channel holds « Rechercher DAA » on A's number through A's users: take it away after
    # a first message, then publish a second one.
    publish(edi.world, [NUMBER_A])
    Habilitation.objects.filter(excise_number=edi.world.excise_a, right="search_daa").delete()
    publish(edi.world, [NUMBER_A], n=1)
    assert Delivery.objects.count() == 1  # none for the second message
    assert webhooks.deliver_due() == (0, 1)  # the first one: checked again before it is sent
    assert not receiver.requests
    assert "Rechercher DAA" in Delivery.objects.get().last_error


# --- Sending to a real receiver -----------------------------------------------------------------


@pytest.fixture
def hooked(edi, receiver):
    configured = webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=receiver.url())
    return configured.secret


def test_the_receiver_gets_the_thin_payload_with_valid_standard_webhooks_headers(edi, receiver, hooked, settings):
    settings.PORTAL_PUBLIC_URL = "https://portail.example.fr/"
    stored, _ = publish(edi.world, [NUMBER_A], n=7)
    delivery = Delivery.objects.get()
    assert webhooks.deliver_due() == (1, 0)

    [request] = receiver.requests
    assert request.path == "/hook"
    assert request.headers["content-type"] == "application/json"
    assert request.headers["webhook-id"] == str(delivery.event_id)
    assert signatures.verify(
        hooked,
        msg_id=request.headers["webhook-id"],
        timestamp=int(request.headers["webhook-timestamp"]),
        body=request.body,
        signature_header=request.headers["webhook-signature"],
    )
    document = json.loads(request.body)
    assert document["type"] == "message.available"
    assert document["data"] == {
        "id": stored.pk,
        "url": f"https://portail.example.fr/edi/v1/messages/{stored.pk}",
        "message_type": "IE801",
        "arc": stored.movement.arc,
        "excise_number": NUMBER_A,
    }
    assert hooked not in json.dumps(request.headers) + request.body.decode()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 1, 200)
    assert webhooks.deliver_due() == (0, 0)  # delivered once: nothing more to send
    assert len(receiver.requests) == 1


def test_a_name_is_resolved_once_and_the_certificate_checked_for_that_name(edi, receiver):
    webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=receiver.url(host="localhost"))
    publish(edi.world, [NUMBER_A])
    assert webhooks.deliver_due() == (1, 0)
    assert receiver.requests[0].headers["host"] == f"localhost:{receiver.port}"


def test_an_untrusted_certificate_is_a_failed_attempt(edi, receiver, hooked, settings):
    settings.EDI_WEBHOOK_CA_FILE = ""  # the system's authorities do not know the test's certificate
    publish(edi.world, [NUMBER_A])
    assert webhooks.deliver_due() == (0, 1)
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.PENDING
    assert "Connexion impossible" in delivery.last_error


def test_500_then_200_is_retried_with_the_same_id_then_delivered(edi, receiver, hooked):
    receiver.answers = [500]
    publish(edi.world, [NUMBER_A])
    delivery = Delivery.objects.get()
    start = delivery.created_at
    assert webhooks.deliver_due(now=start) == (0, 1)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
    assert delivery.last_error.startswith("Réponse HTTP 500 : boom")
    assert len(delivery.last_error) <= 300  # an excerpt of the 500-byte answer
    assert start + dt.timedelta(seconds=24) <= delivery.next_attempt_at <= start + dt.timedelta(seconds=30)

    assert webhooks.deliver_due(now=start + dt.timedelta(seconds=10)) == (0, 0)  # not due yet
    assert webhooks.deliver_due(now=delivery.next_attempt_at) == (1, 0)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (DeliveryStatus.DELIVERED, 2, 200)
    first, second = receiver.requests
    assert first.headers["webhook-id"] == second.headers["webhook-id"] == str(delivery.event_id)
    assert first.body == second.body
    assert int(second.headers["webhook-timestamp"]) > int(first.headers["webhook-timestamp"])


def test_a_redirect_is_not_followed_and_counts_as_a_failure(edi, receiver, hooked):
    receiver.answers = [302]
    publish(edi.world, [NUMBER_A])
    assert webhooks.deliver_due() == (0, 1)
    assert len(receiver.requests) == 1
    assert Delivery.objects.get().last_status_code == 302


def test_after_72_hours_of_failures_the_delivery_is_abandoned(edi, receiver, hooked):
    receiver.answers = [503] * 100
    publish(edi.world, [NUMBER_A])
    delivery = Delivery.objects.get()
    deadline = delivery.created_at + dt.timedelta(hours=72)
    moments = []
    while delivery.status == DeliveryStatus.PENDING:
        moments.append(delivery.next_attempt_at)
        webhooks.deliver_due(now=delivery.next_attempt_at)
        delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert moments[-1] == deadline == delivery.last_attempt_at
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments[:-1])]  # the last one is cut short
    # Doubling (less up to 20 % of jitter) from 30 s until the 6 h ceiling.
    assert all(later >= earlier * 1.5 for earlier, later in itertools.pairwise(gaps[:10]))
    assert max(gaps) <= webhooks.MAX_DELAY
    assert 15 <= delivery.attempts == len(receiver.requests) <= 30
    assert webhooks.deliver_due(now=deadline + dt.timedelta(days=1)) == (0, 0)


def test_an_address_moved_to_a_private_network_is_refused_at_send_time(edi, receiver, hooked, settings):
    settings.EDI_WEBHOOK_ALLOW_PRIVATE = False
    publish(edi.world, [NUMBER_A])
    assert webhooks.deliver_due() == (0, 1)
    assert not receiver.requests
    assert "réseau privé" in Delivery.objects.get().last_error


def test_a_credential_revoked_before_the_send_abandons_its_deliveries(edi, receiver, hooked):
    publish(edi.world, [NUMBER_A])
    credentials.revoke(actor=edi.world.agent_a, credential=edi.credential)
    assert webhooks.deliver_due() == (0, 1)
    assert not receiver.requests
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_the_command_sends_what_is_due(edi, receiver, hooked, capsys):
    publish(edi.world, [NUMBER_A])
    call_command("send_webhooks")
    assert "1 notification(s) remise(s), 0 sans succès" in capsys.readouterr().out
    assert len(receiver.requests) == 1


# --- Configuration ------------------------------------------------------------------------------


def test_the_key_is_encrypted_at_rest_rotatable_and_the_old_one_stops_signing(edi, receiver, hooked):
    webhook = Webhook.objects.get()
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret_encrypted FROM edi_webhook")
        [(raw,)] = cursor.fetchall()
    assert hooked not in raw and hooked.removeprefix("whsec_") not in raw
    assert webhooks.decrypt_secret(webhook) == hooked

    again = webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=receiver.url(path="/v2"))
    assert again.secret is None  # a new address keeps the key
    rotated = webhook_config.rotate_secret(actor=edi.world.agent_a, credential=edi.credential).secret
    assert rotated.startswith("whsec_") and rotated != hooked

    delivery = webhook_config.send_test(actor=edi.world.agent_a, credential=edi.credential)
    assert (delivery.kind, delivery.status) == (DeliveryKind.TEST, DeliveryStatus.DELIVERED)
    [request] = receiver.requests
    assert request.path == "/v2"
    assert json.loads(request.body)["type"] == "webhook.test"
    args = {
        "msg_id": request.headers["webhook-id"],
        "timestamp": int(request.headers["webhook-timestamp"]),
        "body": request.body,
        "signature_header": request.headers["webhook-signature"],
    }
    assert signatures.verify(rotated, **args) and not signatures.verify(hooked, **args)


def test_a_failed_test_event_is_not_retried(edi, receiver, hooked):
    receiver.answers = [500]
    delivery = webhook_config.send_test(actor=edi.world.agent_a, credential=edi.credential)
    assert (delivery.status, delivery.last_status_code) == (DeliveryStatus.FAILED, 500)


def test_only_the_credentials_managers_configure_it(edi, receiver):
    world = edi.world
    for outsider in (world.bob, world.agent_b, world.antoine):
        with pytest.raises(CredentialError):
            webhook_config.configure(actor=outsider, credential=edi.credential, url=receiver.url())
    assert not Webhook.objects.exists()


def test_removing_the_notifications_abandons_the_pending_deliveries(edi, receiver, hooked):
    publish(edi.world, [NUMBER_A])
    webhook_config.remove(actor=edi.world.agent_a, credential=edi.credential)
    assert not Webhook.objects.exists()
    assert Delivery.objects.get().status == DeliveryStatus.FAILED
    assert webhooks.deliver_due() == (0, 0)
    assert not receiver.requests


def test_the_admin_shows_the_webhook_and_its_deliveries_but_never_the_key(client, edi, receiver, hooked):
    from django.contrib.auth import get_user_model

    publish(edi.world, [NUMBER_A])
    webhooks.deliver_due()
    admin = get_user_model().objects.create_superuser("root", "root@example.fr", "x" * 16)
    client.force_login(admin)
    webhook, delivery = Webhook.objects.get(), Delivery.objects.get()
    pages = [
        client.get("/admin/edi/webhook/"),
        client.get(f"/admin/edi/webhook/{webhook.pk}/change/"),
        client.get(f"/admin/edi/delivery/{delivery.pk}/change/"),
    ]
    assert [response.status_code for response in pages] == [200, 200, 200]
    for response in pages:
        html = response.content.decode()
        assert receiver.url() in html or str(delivery.event_id) in html
        assert hooked not in html and "whsec_" not in html and webhook.secret_encrypted[:20] not in html


def test_the_openapi_document_describes_the_notification():
    import yaml

    from www.edi.views import OPENAPI

    hook = yaml.safe_load(OPENAPI.read_text())["webhooks"]["messageDisponible"]["post"]
    assert {parameter["name"] for parameter in hook["parameters"]} == {
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
    }
    schema = hook["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["type"]["enum"] == list(DeliveryKind.values)


def test_a_receiver_that_does_not_answer_in_time_is_a_failed_attempt(edi, receiver, hooked, monkeypatch):
    import socket

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen()  # the connection is queued, never accepted: TLS never starts
    monkeypatch.setattr(webhooks, "TIMEOUT_SECONDS", 0.3)
    webhook_config.configure(
        actor=edi.world.agent_a, credential=edi.credential, url=f"https://127.0.0.1:{silent.getsockname()[1]}/hook"
    )
    publish(edi.world, [NUMBER_A])
    try:
        assert webhooks.deliver_due() == (0, 1)
    finally:
        silent.close()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.last_error) == (DeliveryStatus.PENDING, "Pas de réponse en 0.3 secondes.")


def test_when_a_name_has_several_addresses_the_next_is_tried_if_one_refuses(edi, receiver, hooked, monkeypatch):
    import ipaddress

    from edi import webhook_addresses

    real = webhook_addresses._resolve
    monkeypatch.setattr(
        webhook_addresses,
        "_resolve",
        lambda host, port: (
            (ipaddress.ip_address("127.0.0.2"), ipaddress.ip_address("127.0.0.1"))
            if host == "localhost"
            else real(host, port)
        ),
    )
    # The receiver listens on 127.0.0.1 only: 127.0.0.2 refuses the connection.
    webhook_config.configure(actor=edi.world.agent_a, credential=edi.credential, url=receiver.url(host="localhost"))
    publish(edi.world, [NUMBER_A])
    assert webhooks.deliver_due() == (1, 0)
    assert len(receiver.requests) == 1
