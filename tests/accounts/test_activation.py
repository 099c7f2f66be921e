import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from accounts.models import ActivationToken, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(client, registration_data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/compte/inscription/", registration_data)
    return User.objects.get(username="jdupont")


def activation_path(message) -> str:
    return "/compte/activation/" + message.body.split("/compte/activation/")[1].split("/")[0] + "/"


def test_the_link_asks_identifiant_and_password_then_activates(client, registered):
    path = activation_path(mail.outbox[-1])
    page = client.get(path).content.decode()
    assert "Activation de votre compte sur ProDou@ne" in page

    response = client.post(path, {"username": "jdupont", "password": "une phrase de passe solide"})
    assert response.status_code == 302
    registered.refresh_from_db()
    assert registered.is_active
    assert registered.activated_at is not None
    assert registered.emailaddress_set.get().verified
    page = client.get(response.url).content.decode()
    assert "Votre compte Prodouane est activé" in page


def test_wrong_credentials_do_not_activate(client, registered):
    path = activation_path(mail.outbox[-1])
    page = client.post(path, {"username": "jdupont", "password": "pas le bon mot de passe"}).content.decode()
    assert "Identifiant ou mot de passe incorrect." in page
    registered.refresh_from_db()
    assert not registered.is_active


def test_a_used_link_is_refused(client, registered):
    path = activation_path(mail.outbox[-1])
    client.post(path, {"username": "jdupont", "password": "une phrase de passe solide"})
    client.logout()
    page = client.get(path).content.decode()
    assert "Ce lien d&#x27;activation a déjà été utilisé" in page


def test_an_expired_link_is_refused(client, registered):
    path = activation_path(mail.outbox[-1])
    ActivationToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    page = client.post(path, {"username": "jdupont", "password": "une phrase de passe solide"}).content.decode()
    assert "Ce lien d&#x27;activation a expiré" in page
    registered.refresh_from_db()
    assert not registered.is_active


def test_the_link_expires_after_48_hours(registered):
    record = ActivationToken.objects.get()
    assert record.expires_at - record.created_at == datetime.timedelta(hours=48)


def test_a_tampered_link_is_refused(client, registered):
    path = activation_path(mail.outbox[-1])
    page = client.get(path[:-3] + "xx/").content.decode()
    assert "Ce lien d&#x27;activation n&#x27;est pas valide" in page


def test_resend_replaces_the_link_without_revealing_accounts(client, registered, django_capture_on_commit_callbacks):
    old_path = activation_path(mail.outbox[-1])
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/compte/activation/nouveau-lien/", {"login": "jdupont"}, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        unknown = client.post("/compte/activation/nouveau-lien/", {"login": "personne"}, follow=True)
    message = "Si un compte en attente d&#x27;activation correspond"
    assert message in known.content.decode()
    assert message in unknown.content.decode()
    assert len(mail.outbox) == 2  # registration + one resend, nothing for the unknown identifiant
    new_path = activation_path(mail.outbox[-1])
    assert new_path != old_path
    assert "n&#x27;est pas valide" in client.get(old_path).content.decode()
    client.post(new_path, {"username": "jdupont", "password": "une phrase de passe solide"})
    registered.refresh_from_db()
    assert registered.is_active


def test_an_account_not_activated_cannot_log_in(client, registered):
    response = client.post("/compte/login/", {"login": "jdupont", "password": "une phrase de passe solide"})
    assert response.status_code == 302
    assert response.url == "/compte/activation/non-active/"
    assert "_auth_user_id" not in client.session


def test_purge_deletes_only_old_unactivated_accounts(registered):
    old = User.objects.create(username="ancien", email="ancien@example.org", is_active=False)
    User.objects.filter(pk=old.pk).update(date_joined=timezone.now() - datetime.timedelta(days=40))
    active_old = User.objects.create(username="actif", email="actif@example.org", is_active=True)
    User.objects.filter(pk=active_old.pk).update(
        date_joined=timezone.now() - datetime.timedelta(days=400), activated_at=timezone.now()
    )
    call_command("purge_unactivated_accounts", "--days", "30")
    assert sorted(User.objects.values_list("username", flat=True)) == ["actif", "jdupont"]
