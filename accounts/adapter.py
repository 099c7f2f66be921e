"""allauth adapter: our registration replaces allauth's signup, mails go through the outbox,
an account not yet activated is told so (and offered a new link)."""

from allauth.account.adapter import DefaultAccountAdapter
from django.shortcuts import redirect
from django.urls import reverse

from accounts.models import SecurityLevel
from accounts.selectors import has_totp
from mail.services import queue_mail


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
