import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from mail.models import OutboxMessage, OutboxStatus
from mail.services import MAX_ATTEMPTS, deliver_due, queue_mail

pytestmark = pytest.mark.django_db


def test_a_queued_mail_is_sent_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(to=["jean.dupont@example.org"], subject="Bienvenue", body_text="Bonjour Jean")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert [m.to for m in mail.outbox] == [["jean.dupont@example.org"]]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert message.sent_at is not None
    assert message.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_sends_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to=["jean.dupont@example.org"], subject="Bienvenue", body_text="Bonjour")
        raise RuntimeError("the registration failed")
    assert OutboxMessage.objects.count() == 0
    assert mail.outbox == []


def test_smtp_down_keeps_the_message_and_retries_later(django_capture_on_commit_callbacks):
    with (
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=ConnectionRefusedError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        message = queue_mail(to=["a@example.org"], subject="Activation", body_text="Lien")
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING
    assert message.attempts == 1
    assert "smtp down" in message.last_error
    assert message.next_attempt_at > timezone.now()

    # Not due yet: nothing is sent.
    assert deliver_due() == (0, 0)
    # Once due and the server is back, the retry sends it.
    assert deliver_due(now=timezone.now() + datetime.timedelta(hours=1)) == (1, 0)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


def test_a_message_is_abandoned_after_the_last_attempt():
    message = OutboxMessage.objects.create(to=["a@example.org"], subject="x", body_text="y", from_email="f@example.org")
    later = timezone.now() + datetime.timedelta(days=30)
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        for _ in range(MAX_ATTEMPTS):
            deliver_due(now=later)
            later += datetime.timedelta(days=30)
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert message.attempts == MAX_ATTEMPTS


def test_development_mailbox_lists_and_shows_messages(client):
    message = OutboxMessage.objects.create(
        to=["jean.dupont@example.org"],
        subject="Inscription sur ProDou@ne",
        body_text="Activez votre compte : http://testserver/compte/activer/abc/",
        from_email="f@example.org",
    )
    listing = client.get("/dev/boite-mail/")
    assert listing.status_code == 200
    assert "Inscription sur ProDou@ne" in listing.content.decode()
    detail = client.get(f"/dev/boite-mail/{message.pk}/")
    assert '<a href="http://testserver/compte/activer/abc/"' in detail.content.decode()


def test_development_mailbox_is_closed_when_disabled(client, settings):
    settings.DEV_MAILBOX = False
    assert client.get("/dev/boite-mail/").status_code == 404
