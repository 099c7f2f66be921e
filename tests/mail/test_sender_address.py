"""The default sender must be an address the SMTP backend accepts: its display name, « ProDou@ne »,
holds an « @ » and must be quoted (the reliability suite found every production mail refused)."""

from django.conf import settings
from django.core.mail.message import sanitize_address


def test_the_default_sender_is_accepted_by_the_smtp_backend():
    assert sanitize_address(settings.DEFAULT_FROM_EMAIL, "utf-8") == '"ProDou@ne" <ne-pas-repondre@douane.gouv.fr>'
