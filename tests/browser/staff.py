"""Customs staff log in with TOTP (accounts.middleware): after the header box's password, the code
their authenticator app shows (the test device, ``tests.factories.accounts.TOTP_SECRET``)."""

from django.core.cache import cache

from accounts.models import User
from tests.factories.accounts import TOTP_SECRET, totp_code


def enter_totp_code(page, username: str) -> None:
    code = totp_code(TOTP_SECRET)
    # A code is refused twice within its window: an agent logging in again in the same 30 s types
    # the same one, so the live server forgets it was used (it shares this process's cache).
    user = User.objects.get(username=username)
    cache.delete(f"allauth.mfa.totp.used?user={user.pk}&code={code}")
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Connexion").click()
