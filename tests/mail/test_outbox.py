import datetime
import html
import itertools
import re
from unittest import mock

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from mail.models import OutboxMessage, OutboxStatus
from mail.services import MESSAGE_ID, deliver, deliver_due, queue_mail
from mail.tasks import deliver_mail, sweep_outbox
from prodouane import backoff

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


def test_a_mail_queued_for_later_waits_for_send_outbox(django_capture_on_commit_callbacks):
    """``at_once=False`` (the notifications of the movements): the commit sends nothing, the next
    ``send_outbox`` does."""
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = queue_mail(to=["jean.dupont@example.org"], subject="Notification", body_text="Bonjour", at_once=False)
    assert callbacks == [] and mail.outbox == []
    assert deliver_due() == (1, 0)
    assert [m.subject for m in mail.outbox] == ["Notification"]
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT


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


def test_a_message_is_retried_with_a_growing_delay_for_72_hours_then_abandoned():
    start = timezone.now().replace(microsecond=0)
    with time_machine.travel(start, tick=False):
        message = OutboxMessage.objects.create(
            to=["a@example.org"], subject="x", body_text="y", from_email="f@example.org"
        )
    deadline = start + backoff.RETRY_FOR
    moments = []
    with mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("down")):
        while message.status == OutboxStatus.PENDING:
            moments.append(message.next_attempt_at)
            with time_machine.travel(message.next_attempt_at, tick=False):
                assert tuple(sweep_outbox.delay().get()) == (0, 1)
                assert deliver_due() == (0, 0)  # leased or planned later: nothing twice at one moment
            message.refresh_from_db()
            assert len(moments) < 100
    assert message.status == OutboxStatus.FAILED
    assert moments[-1] == deadline  # the last attempt is at the 72nd hour, not later
    gaps = [later - earlier for earlier, later in itertools.pairwise(moments[:-1])]
    assert all(later >= earlier * 1.5 for earlier, later in itertools.pairwise(gaps[:10]))  # exponential
    assert max(gaps) <= backoff.MAX_DELAY
    assert len(set(gaps[:10])) == 10  # jittered: no two delays alike
    assert 15 <= message.attempts <= 30
    with time_machine.travel(deadline + datetime.timedelta(days=1), tick=False):
        assert deliver_due() == (0, 0)


def test_a_task_run_twice_sends_once_with_a_stable_message_id(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(to=["a@example.org"], subject="Activation", body_text="Lien")
    assert deliver_mail.delay(message.pk).get() is False  # the commit's task already sent it
    assert deliver_mail.apply(args=[message.pk]).get() is False
    assert tuple(sweep_outbox.delay().get()) == (0, 0)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == MESSAGE_ID.format(pk=message.pk)
    assert MESSAGE_ID.format(pk=message.pk) == f"<outbox-{message.pk}@prodouane.douane.gouv.fr>"


def test_a_sweep_racing_the_task_does_not_send_a_claimed_message_again():
    """The task has claimed the row (lease) and is talking to the SMTP server: the sweep of that
    minute, and a second run of the task, leave it alone."""
    message = OutboxMessage.objects.create(to=["a@example.org"], subject="x", body_text="y", from_email="f@x.org")
    from mail import services

    claimed = services._claim(timezone.now(), message.pk)
    assert claimed is not None and claimed.next_attempt_at > timezone.now()
    assert deliver_due() == (0, 0)
    assert deliver_mail.delay(message.pk).get() is False
    assert services._attempt(claimed, timezone.now()) is True
    assert deliver_due(now=timezone.now() + datetime.timedelta(hours=1)) == (0, 0)
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_eager_a_committed_change_delivers_and_a_rolled_back_one_does_not():
    with transaction.atomic():
        queue_mail(to=["commis@example.org"], subject="Validé", body_text="ok")
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(to=["annule@example.org"], subject="Annulé", body_text="non")
        raise RuntimeError("rolled back")
    assert [m.to for m in mail.outbox] == [["commis@example.org"]]
    assert OutboxMessage.objects.get().status == OutboxStatus.SENT


@pytest.mark.django_db(transaction=True)
def test_a_broker_down_at_commit_leaves_the_message_pending_and_the_sweep_sends_it(caplog):
    from kombu.exceptions import OperationalError

    down = mock.patch.object(deliver_mail, "apply_async", side_effect=OperationalError("connection refused"))
    with down, transaction.atomic():  # the user's change commits: nothing is raised to them
        message = queue_mail(to=["a@example.org"], subject="Activation", body_text="Lien")
    message.refresh_from_db()
    assert message.status == OutboxStatus.PENDING and message.attempts == 0
    assert mail.outbox == []
    assert "not published" in caplog.text and "Lien" not in caplog.text
    assert tuple(sweep_outbox.delay().get()) == (1, 0)
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1


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


def _sau_agent():
    from accounts import roles
    from tests.factories.accounts import UserFactory

    agent = UserFactory(username="agent.sau", is_staff=True, siret="", company_name="")
    agent.groups.add(roles.sync_staff_groups()[roles.SAU])
    return agent


def test_a_password_reset_link_is_encrypted_at_rest_and_no_staff_page_shows_it(client, django_user_model):
    """Issue 10, item 1: a helpdesk agent asked a reset for the superuser and read the link in the
    outbox's admin page."""
    from django.db import connection

    superuser = django_user_model.objects.create_superuser(
        username="admin", password="x" * 12, email="admin@douane.example.org"
    )
    assert client.post(reverse("account_reset_password"), {"email": superuser.email}).status_code == 302
    message = OutboxMessage.objects.get(to=[superuser.email])
    link = re.search(r"http://testserver/compte/password/reset/key/\S+", message.body_text).group()

    # The database holds a Fernet token, not the link.
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_text, body_html FROM mail_outboxmessage WHERE id = %s", [message.pk])
        stored = cursor.fetchone()
    assert all(column == "" or column.startswith("gAAAAA") for column in stored)
    assert "reset/key" not in "".join(stored)

    # The helpdesk sees who, what, where it stands: never the body.
    client.force_login(_sau_agent())
    listing = client.get(reverse("admin:mail_outboxmessage_changelist"))
    detail = client.get(reverse("admin:mail_outboxmessage_change", args=[message.pk]))
    assert listing.status_code == detail.status_code == 200
    for page in (listing, detail):
        content = page.content.decode()
        assert superuser.email in content
        assert "reset/key" not in content and link not in content
    assert message.subject in html.unescape(detail.content.decode())
    assert "tentatives" in detail.content.decode().lower()


def test_a_body_encrypted_under_a_former_key_is_read_with_the_fallbacks_or_abandoned(settings):
    settings.SECRET_KEY = "former-key"
    message = OutboxMessage.objects.create(to=["a@example.org"], subject="x", body_text="lien", from_email="f@x.org")
    settings.SECRET_KEY = "new-key"
    settings.SECRET_KEY_FALLBACKS = ["former-key"]
    assert OutboxMessage.objects.get(pk=message.pk).body_text == "lien"

    settings.SECRET_KEY_FALLBACKS = []
    assert deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == OutboxStatus.FAILED
    assert "illisible" in message.last_error
    assert mail.outbox == []
