"""Idle and absolute session timeouts (settings SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT),
TOTP for customs staff, no caching of what a logged-in person sees."""

import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.cache import add_never_cache_headers

from accounts.signals import LOGIN_AT_SESSION_KEY

LAST_SEEN_SESSION_KEY = "accounts.last_seen"
# Who the session belonged to when it expired: a form they post afterwards is given back to
# them only (www.kept_posts).
EXPIRED_USER_SESSION_KEY = "accounts.expired_user"


class SessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Requests without a session cookie (the JSON look-ups, first visits) never touch the
        # session: no database read, no "Vary: Cookie".
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = time.time()
            session = request.session
            login_at = session.get(LOGIN_AT_SESSION_KEY, now)
            last_seen = session.get(LAST_SEEN_SESSION_KEY, now)
            if now - login_at > settings.SESSION_ABSOLUTE_TIMEOUT or now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                user_pk = request.user.pk
                logout(request)
                session = request.session
                session[EXPIRED_USER_SESSION_KEY] = user_pk
                messages.info(request, "Votre session a expiré. Reconnectez-vous pour continuer.")
            else:
                # Written at most once a minute, not on every request.
                if now - last_seen > 60 or LAST_SEEN_SESSION_KEY not in session:
                    session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)


TRACKED_AT_SESSION_KEY = "accounts.activity_tracked_at"
TRACK_EVERY_SECONDS = 60


class UserSessionsMiddleware:
    """allauth's session-activity tracking (the "Sessions" list: last seen, IP, browser), only for
    requests that carry a session cookie — anonymous requests, the JSON look-ups above all, stay
    session-free — and at most once a minute per session: allauth writes its row on every request
    otherwise (three statements a page). The row itself is written at login by allauth."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            now = time.time()
            session = request.session
            if now - session.get(TRACKED_AT_SESSION_KEY, 0) > TRACK_EVERY_SECONDS:
                from allauth.usersessions.internal import usersessionkit

                usersessionkit.track_activity(request, user=request.user, session=session)
                session[TRACKED_AT_SESSION_KEY] = now
        return self.get_response(request)


# What staff may reach before their session is authenticated with TOTP: setting it up (allauth
# asks the password again first), typing a code, logging out. Never the recovery codes: made or
# read with the password alone, one would stand in for the code.
STAFF_OPEN_URL_NAMES = frozenset(
    {
        "account_login",
        "account_logout",
        "account_reauthenticate",
        "mfa_index",
        "mfa_authenticate",
        "mfa_reauthenticate",
        "mfa_activate_totp",
        "health",
    }
)


def session_verified_by_totp(request) -> bool:
    """Whether this session went through a one-time code (TOTP or a recovery code): at login,
    on re-authentication or when activating TOTP (``accounts.signals``)."""
    from allauth.account.authentication import get_authentication_records

    return any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user))


class StaffTwoFactorMiddleware:
    """Customs staff (``is_staff``: office agents, CID, SAU, superusers) reach no page until their
    session is authenticated with a one-time code: without TOTP they are sent to set it up, with
    TOTP but a session that skipped it (opened elsewhere than the portal's login) to type a code."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated and request.user.is_staff:
            try:
                url_name = resolve(request.path_info).url_name
            except Resolver404:
                url_name = None
            if url_name not in STAFF_OPEN_URL_NAMES and not session_verified_by_totp(request):
                return self._second_factor(request)
        return self.get_response(request)

    @staticmethod
    def _second_factor(request):
        from accounts.selectors import has_totp

        if not has_totp(request.user):
            messages.warning(
                request,
                "Les agents des douanes se connectent avec un code à usage unique : "
                "activez l\u2019application d\u2019authentification pour continuer.",
            )
            return redirect("mfa_activate_totp")
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('mfa_reauthenticate')}?{query}")


class PrivateCacheMiddleware:
    """A logged-in person's pages and files (movements, PDFs, CSV exports, adhesions) are theirs:
    ``Cache-Control: no-store, private`` so no shared cache or browser history keeps a copy. A
    response marked ``holds_no_personal_data`` (a blank form, the same for everybody) keeps its own
    cache headers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "holds_no_personal_data", False):
            return response
        if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
            add_never_cache_headers(response)
        return response
