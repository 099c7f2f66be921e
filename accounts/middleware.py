"""Idle and absolute session timeouts (settings SESSION_IDLE_TIMEOUT, SESSION_ABSOLUTE_TIMEOUT)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

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
