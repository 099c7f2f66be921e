"""allauth adapter: our registration replaces allauth's signup, mails go through the outbox,
an account not yet activated is told so (and offered a new link)."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from accounts import known_devices
from accounts.middleware import EXPIRED_USER_SESSION_KEY
from accounts.models import SecurityLevel
from accounts.selectors import has_totp
from mail.services import queue_mail
from prodouane import crypto
from prodouane.client_ip import client_ip


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False  # accounts are opened through the seed's registration form (accounts:registration)

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        queue_mail(to=message.to, subject=message.subject, body_text=message.body, body_html=html)

    def respond_user_inactive(self, request, user):
        return redirect("accounts:not_activated")

    def get_login_redirect_url(self, request):
        user = request.user
        if user.is_authenticated and user.security_level == SecurityLevel.PASSWORD_OTP and not has_totp(user):
            # The account asked for one-time codes at registration: set them up first.
            return reverse("mfa_activate_totp")
        return super().get_login_redirect_url(request)

    def logout(self, request):
        # The session is flushed: note in the new one who left, so that a form posted from this
        # browser afterwards is given back to that person only (www.kept_posts), as after a timeout.
        user_pk = request.user.pk if request.user.is_authenticated else None
        super().logout(request)
        if user_pk is not None:
            request.session[EXPIRED_USER_SESSION_KEY] = user_pk

    def get_client_ip(self, request):
        # The portal's one notion of the client's address (TRUSTED_PROXIES), for allauth's rate
        # limits and its list of sessions alike.
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Adresse du client inconnue.")
        return ip

    def pre_authenticate(self, request, **credentials):
        """On a browser where this identifiant logged in before, failures are counted apart:
        someone else's wrong passwords do not lock the owner out there (accounts.known_devices)."""
        key = known_devices.rate_limit_key(request, credentials.get("username", ""))
        if key is None:
            return super().pre_authenticate(request, **credentials)
        self._login_failed_rl_usage = ratelimit.consume(
            request, app="allauth.account", action="login_failed_known_device", key=key
        )
        if not self._login_failed_rl_usage:
            raise self.validation_error("too_many_login_attempts")
        return None


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets and the recovery codes' seed are encrypted in the database (Fernet, key derived
    from SECRET_KEY); one written in clear before this adapter is still read as it is."""

    PURPOSE = "mfa.secret"

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text, purpose=self.PURPOSE)

    def decrypt(self, encrypted_text: str) -> str:
        if not crypto.is_encrypted(encrypted_text):
            return encrypted_text
        return crypto.decrypt(encrypted_text, purpose=self.PURPOSE)
