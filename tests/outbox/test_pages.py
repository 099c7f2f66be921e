"""« Envois en attente »: who sees what of the three outboxes, and that no secret is shown."""

import datetime as dt
import logging
from html import unescape

import pytest
import time_machine
from django.utils import timezone

from edi.models import DeliveryStatus
from mail.models import OutboxStatus
from tests.outbox.factories import ACTIVATION_LINK, MAIL_BODY, WEBHOOK_SECRET, WEBHOOK_TOKEN
from www.outbox import selectors

pytestmark = pytest.mark.django_db

SAU_URL = "/demandes-assistance/sau/envois/"
OFFICE_URL = "/bureau/envois/"


def _page(client, user, url):
    client.force_login(user)  # with TOTP for staff (tests/conftest.py)
    return client.get(url)


def _assert_no_secret(html: str):
    for secret in (MAIL_BODY, ACTIVATION_LINK, "cle-tres-secrete", WEBHOOK_SECRET, WEBHOOK_TOKEN, "/crochets/"):
        assert secret not in html


@pytest.mark.parametrize("onglet", ["courriels", "edi", "echanges"])
def test_the_sau_sees_every_outbox_without_any_secret(client, sau, outboxes, onglet):
    response = _page(client, sau, f"{SAU_URL}?onglet={onglet}")
    assert response.status_code == 200
    html = response.content.decode()
    _assert_no_secret(html)
    assert "Courriels" in html and "Notifications EDI" in html and "Échanges avec les États membres" in html
    if onglet == "courriels":
        assert "Activez votre compte ProDou@ne" in html
        assert "m***@example.org" in html and "marie.dupont@example.org" not in html
        assert "p***@example.com, a***@example.net" in html
        assert "SMTP 550 mailbox unavailable" in html
        assert "Courriel déjà parti" not in html
    elif onglet == "edi":
        for side in (outboxes.a, outboxes.b):
            assert side.credential.client_id in html
            assert side.movement.arc in html
        assert "https://erp-a.example.com:8443" in html and "https://erp-b.example.net:8443" in html
        assert "Réponse HTTP 503 : Service Unavailable" in html
    else:
        assert outboxes.a.movement.arc in html and outboxes.b.movement.arc in html
        assert "passerelle CCN injoignable" in html
        assert ">DE<" in html and ">BE<" in html


def test_the_summary_counts_pending_and_failed_and_the_oldest_age(sau, outboxes):
    from habilitations import rights

    mails = selectors.summary(selectors.MAIL, rights.OUTBOX_ALL)
    assert (mails.pending, mails.failed) == (1, 1)
    assert mails.oldest_age == "2 h 05 min"
    edi = selectors.summary(selectors.EDI, rights.OUTBOX_ALL)
    assert (edi.pending, edi.failed) == (2, 2)
    assert edi.oldest_pending == outboxes.a.pending.created_at
    eu = selectors.summary(selectors.EU, rights.OUTBOX_ALL)
    assert (eu.pending, eu.failed) == (2, 2)


def test_filter_by_status(client, sau, outboxes):
    html = _page(client, sau, f"{SAU_URL}?onglet=courriels&statut=failed").content.decode()
    assert "Réinitialisation de votre mot de passe" in html
    assert "Activez votre compte ProDou@ne" not in html
    html = client.get(f"{SAU_URL}?onglet=courriels&statut=pending").content.decode()
    assert "Activez votre compte ProDou@ne" in html
    assert "Réinitialisation de votre mot de passe" not in html
    html = client.get(f"{SAU_URL}?onglet=echanges&statut=failed").content.decode()
    assert "IE818" in html and "IE801" not in html.split('id="envois"')[1]


def test_a_bad_filter_is_told_in_french_not_a_500(client, sau, outboxes):
    response = _page(client, sau, f"{SAU_URL}?onglet=inconnu&statut=zz")
    assert response.status_code == 400
    html = unescape(response.content.decode())
    assert "Cet onglet n'existe pas" in html and "Cet état n'existe pas" in html


def test_pagination_by_fifty(client, sau, outboxes):
    from mail.models import OutboxMessage

    for n in range(60):
        OutboxMessage.objects.create(to=[f"u{n}@example.org"], subject=f"Sujet {n}", body_text="x", from_email="a@b.fr")
    html = _page(client, sau, f"{SAU_URL}?onglet=courriels").content.decode()
    assert html.count("Relancer maintenant</button>") == 50
    assert "page 1 sur 2" in html
    html = client.get(f"{SAU_URL}?onglet=courriels&page=2").content.decode()
    assert html.count("Relancer maintenant</button>") == 12


def test_the_office_sees_only_its_operators_and_no_mail(client, world, outboxes):
    response = _page(client, world.agent_a, f"{OFFICE_URL}?onglet=edi")
    assert response.status_code == 200
    html = response.content.decode()
    _assert_no_secret(html)
    assert outboxes.a.credential.client_id in html
    assert outboxes.b.credential.client_id not in html
    assert "Relancer maintenant" not in html
    html = client.get(f"{OFFICE_URL}?onglet=echanges").content.decode()
    assert outboxes.a.movement.arc in html and outboxes.b.movement.arc not in html
    # No mail tab for the office: a mail is tied to no company.
    response = client.get(f"{OFFICE_URL}?onglet=courriels")
    assert response.status_code == 400
    assert "Activez votre compte" not in response.content.decode()
    assert "m***@example.org" not in response.content.decode()


def test_the_office_page_is_linked_from_its_menu(client, world):
    html = _page(client, world.agent_b, "/bureau/").content.decode()
    assert f'href="{OFFICE_URL}"' in html


def test_the_sau_queue_links_the_page(client, sau):
    assert f'href="{SAU_URL}"' in _page(client, sau, "/demandes-assistance/sau/").content.decode()


@pytest.mark.parametrize("who", ["antoine", "bob", "agent_a"])
def test_others_do_not_reach_the_sau_page(client, world, outboxes, who):
    assert _page(client, getattr(world, who), SAU_URL).status_code == 404


def test_anonymous_and_companies_do_not_reach_the_office_page(client, world, sau, outboxes):
    assert client.get(OFFICE_URL).status_code == 404
    assert _page(client, world.antoine, OFFICE_URL).status_code == 404
    assert _page(client, sau, OFFICE_URL).status_code == 404  # the SAU is no office


def test_only_the_sau_resends_and_it_is_logged(client, world, sau, outboxes, caplog):
    failed = outboxes.mail_failed
    url = f"{SAU_URL}courriels/{failed.pk}/relancer/"
    for intruder in (world.agent_a, world.antoine):
        client.force_login(intruder)
        assert client.post(url).status_code == 404
    failed.refresh_from_db()
    assert failed.status == OutboxStatus.FAILED
    assert _page(client, sau, SAU_URL).status_code == 200
    assert client.get(url).status_code == 405
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=1), tick=False):
        with caplog.at_level(logging.INFO, logger="prodouane.security"):
            response = client.post(url)
        assert response.status_code == 302
        failed.refresh_from_db()
        assert failed.status == OutboxStatus.PENDING
        assert failed.next_attempt_at == timezone.now()
    assert f"courriels {failed.pk} (failed) brought forward by {sau.username}" in caplog.text


def test_resending_a_failed_notification_puts_it_back_in_the_queue(client, sau, outboxes):
    delivery = outboxes.b.failed
    _page(client, sau, SAU_URL)
    assert client.post(f"{SAU_URL}edi/{delivery.pk}/relancer/").status_code == 302
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING
    assert delivery.next_attempt_at <= timezone.now()


def test_resending_needs_the_csrf_token(sau, outboxes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    _page(client, sau, SAU_URL)
    assert client.post(f"{SAU_URL}courriels/{outboxes.mail_failed.pk}/relancer/").status_code == 403
    outboxes.mail_failed.refresh_from_db()
    assert outboxes.mail_failed.status == OutboxStatus.FAILED


def test_resending_what_is_sent_or_unknown_is_a_404(client, sau, outboxes):
    from mail.models import OutboxMessage

    sent = OutboxMessage.objects.get(status="sent")
    _page(client, sau, SAU_URL)
    assert client.post(f"{SAU_URL}courriels/{sent.pk}/relancer/").status_code == 404
    outboxes.a.exchange.state = "sent"
    outboxes.a.exchange.save(update_fields=["state"])
    assert client.post(f"{SAU_URL}echanges/{outboxes.a.exchange.pk}/relancer/").status_code == 404
    assert client.post(f"{SAU_URL}inconnu/1/relancer/").status_code == 404


def test_masking_and_host_helpers():
    assert selectors.mask_address("marie@example.org") == "m***@example.org"
    assert selectors.mask_address("pas-une-adresse") == "***"
    assert selectors.host_of("https://user:pw@hook.example.com/p?secret=1") == "https://hook.example.com"
    assert selectors.host_of("http://[::1") == "adresse illisible"
    assert selectors.trim("a" * 300).endswith("…") and len(selectors.trim("a" * 300)) == 160


def test_errors_are_shown_without_addresses_nor_urls():
    error = "550 <marie.dupont@example.org>: refusé ; voir https://hook.example.com/p/s3cr3t?token=abc"
    assert selectors.trim(error) == "550 <m***@example.org>: refusé ; voir https://hook.example.com"


def test_an_error_quoting_the_webhook_url_or_a_recipient_is_scrubbed_on_the_page(client, sau, outboxes):
    outboxes.a.pending.last_error = (
        f"Réponse HTTP 404 : no route https://erp-a.example.com/crochets/?token={WEBHOOK_TOKEN}"
    )
    outboxes.a.pending.save()
    outboxes.mail_failed.last_error = "550 5.1.1 <paul@example.com>: Recipient address rejected"
    outboxes.mail_failed.save()
    html = _page(client, sau, f"{SAU_URL}?onglet=edi").content.decode()
    _assert_no_secret(html)
    assert "no route https://erp-a.example.com" in html
    html = client.get(f"{SAU_URL}?onglet=courriels").content.decode()
    assert "paul@example.com" not in html and "&lt;p***@example.com&gt;: Recipient address rejected" in html


def test_an_item_page_shows_no_secret(client, sau, outboxes):
    html = _page(client, sau, f"{SAU_URL}courriels/{outboxes.mail_pending.pk}/").content.decode()
    _assert_no_secret(html)
    assert "m***@example.org" in html and "Activez votre compte ProDou@ne" in html
    html = client.get(f"{SAU_URL}edi/{outboxes.a.pending.pk}/").content.decode()
    _assert_no_secret(html)
    assert "https://erp-a.example.com:8443" in html and outboxes.a.credential.client_id in html


def test_another_offices_item_is_a_404(client, world, outboxes):
    client.force_login(world.agent_a)
    assert client.get(f"{OFFICE_URL}edi/{outboxes.a.pending.pk}/").status_code == 200
    assert client.get(f"{OFFICE_URL}echanges/{outboxes.a.failing_exchange.pk}/").status_code == 200
    assert client.get(f"{OFFICE_URL}edi/{outboxes.b.pending.pk}/").status_code == 404
    assert client.get(f"{OFFICE_URL}edi/{outboxes.b.failed.pk}/").status_code == 404
    assert client.get(f"{OFFICE_URL}echanges/{outboxes.b.exchange.pk}/").status_code == 404
    assert client.get(f"{OFFICE_URL}courriels/{outboxes.mail_pending.pk}/").status_code == 404
    client.force_login(world.agent_b)
    assert client.get(f"{OFFICE_URL}edi/{outboxes.b.pending.pk}/").status_code == 200
    assert client.get(f"{OFFICE_URL}edi/{outboxes.a.pending.pk}/").status_code == 404


def test_a_delivered_item_is_no_longer_there(client, sau, outboxes):
    delivery = outboxes.a.pending
    delivery.status = DeliveryStatus.DELIVERED
    delivery.save()
    _page(client, sau, SAU_URL)
    assert client.get(f"{SAU_URL}edi/{delivery.pk}/").status_code == 404


def test_a_provider_credentials_notification_reaches_the_office_of_the_number(client, world, outboxes):
    """A provider's credential belongs to no operator: its notification about one of the office's
    numbers is the office's, not the other office's."""
    from edi import credentials
    from edi.models import Delivery
    from gamma.models import FeedEntry

    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = "44306184100047"
    world.adhesion_a.save()
    provider = credentials.issue(actor=world.agent_a, provider_siret="44306184100047").credential
    entry = FeedEntry.objects.get(excise_number=world.excise_a.number)
    delivery = Delivery.objects.create(credential=provider, feed_entry=entry)
    client.force_login(world.agent_a)
    assert client.get(f"{OFFICE_URL}edi/{delivery.pk}/").status_code == 200
    client.force_login(world.agent_b)
    assert client.get(f"{OFFICE_URL}edi/{delivery.pk}/").status_code == 404


def test_rights_outbox_scope(world, sau):
    from habilitations import rights

    assert rights.outbox_scope(sau) == rights.OUTBOX_ALL and rights.may_resend_outbox(sau)
    assert rights.outbox_scope(sau, as_office=True) is None  # the SAU is no office
    assert rights.outbox_scope(world.agent_a, as_office=True) == world.office_a
    assert rights.outbox_scope(world.agent_a) is None and not rights.may_resend_outbox(world.agent_a)
    assert not rights.can_see_outbox(world.antoine) and not rights.can_see_outbox(world.antoine, as_office=True)
    sau.is_active = False
    assert not rights.can_see_outbox(sau)


def test_resending_a_failed_exchange_puts_it_back_in_the_queue(client, sau, outboxes):
    from eu.models import ExchangeState

    failing = outboxes.a.failing_exchange
    _page(client, sau, SAU_URL)
    response = client.post(f"{SAU_URL}echanges/{failing.pk}/relancer/")
    assert response.status_code == 302
    failing.refresh_from_db()
    assert failing.state == ExchangeState.PENDING
    assert failing.next_attempt_at <= timezone.now()
