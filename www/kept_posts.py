"""Nothing typed is lost when the session ends: a form posted after the session expired (idle
timeout, logout, or a login in another tab that renewed the CSRF token) is kept, server-side in
the browser's session, and shown again — filled in, not saved — once the person has logged in.

- ``login_required_keeping_post`` replaces ``login_required`` on the pages whose forms are worth
  keeping (GAMMA's draft sections and lines): an anonymous POST is kept under a random token and
  the login page sends back to ``<page>?reprise=<token>``.
- ``settings.CSRF_FAILURE_VIEW`` calls ``resume_after_csrf_failure``: a POST to such a page
  refused only for its CSRF token (the form came from before a new login) is kept the same way.
- The page calls ``take_kept_post``: the kept data, only for the same page, in the same browser
  session, and for the same person only (SessionTimeoutMiddleware and the logout note who left;
  a post from a browser where nobody was logged in is given to no one). The form is shown filled
  in for the person to check and save again: never saved by itself, so a kept post can change
  nothing behind anyone's back.

Only a POST that passed the CSRF check, or failed it with the portal's own ``Origin``, is kept:
another site cannot plant data in a form."""

import secrets
import time
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.shortcuts import redirect
from django.urls import Resolver404, resolve

from accounts.middleware import EXPIRED_USER_SESSION_KEY

SESSION_KEY = "www.kept_posts"
PARAMETER = "reprise"
MAX_KEPT = 3
MAX_CHARACTERS = 100_000
MAX_VALUES = 2_000
KEPT_AFTER_EXPIRY = "Votre session a expiré : ce que vous aviez saisi est conservé. Reconnectez-vous pour le retrouver."
RESTORED = (
    "Votre saisie d\u2019avant l\u2019expiration de la session est rétablie ci-dessous : "
    "vérifiez-la, puis enregistrez-la (elle n\u2019a pas encore été enregistrée)."
)


def keep_post(request) -> str | None:
    """Keep ``request.POST`` for ``request.path``; its token, or None when it is too big to keep."""
    values = [
        (key, value) for key in request.POST for value in request.POST.getlist(key) if key != "csrfmiddlewaretoken"
    ]
    if len(values) > MAX_VALUES or sum(len(key) + len(value) for key, value in values) > MAX_CHARACTERS:
        return None
    token = secrets.token_urlsafe(16)
    kept = dict(request.session.get(SESSION_KEY, {}))
    for old in sorted(kept, key=lambda t: kept[t]["at"])[: max(0, len(kept) - MAX_KEPT + 1)]:
        del kept[old]
    user = request.user.pk if request.user.is_authenticated else request.session.get(EXPIRED_USER_SESSION_KEY)
    kept[token] = {"path": request.path, "values": values, "user": user, "at": time.time()}
    request.session[SESSION_KEY] = kept
    return token


def take_kept_post(request) -> QueryDict | None:
    """The data kept for this page under ``?reprise=``, once; None when there is none for this
    person and page. Adds the message telling the person to check and save it."""
    token = request.GET.get(PARAMETER)
    if not token or not request.user.is_authenticated or SESSION_KEY not in request.session:
        return None
    kept = dict(request.session[SESSION_KEY])
    entry = kept.pop(token, None)
    request.session[SESSION_KEY] = kept
    if (
        entry is None
        or entry["path"] != request.path
        or entry["user"] != request.user.pk
        or time.time() - entry["at"] > settings.SESSION_ABSOLUTE_TIMEOUT
    ):
        return None
    data = QueryDict(mutable=True)
    for key, value in entry["values"]:
        data.appendlist(key, value)
    data._mutable = False
    messages.warning(request, RESTORED)
    return data


def _resume_url(request, token: str) -> str:
    return f"{request.path}?{PARAMETER}={token}"


def login_required_keeping_post(view):
    """``login_required``, except that a form posted without a session is kept for after login."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if request.method == "POST":
            token = keep_post(request)
            if token:
                messages.info(request, KEPT_AFTER_EXPIRY)
                return redirect_to_login(_resume_url(request, token))
        return redirect_to_login(request.get_full_path())

    wrapper.keeps_post = True
    return wrapper


def resume_after_csrf_failure(request, reason: str):
    """The answer to a POST refused by the CSRF check when it can be kept (see the module), else None."""
    if request.method != "POST" or "Origin" in reason or "Referer" in reason:
        return None
    if request.headers.get("Origin") != f"{request.scheme}://{request.get_host()}":
        return None
    try:
        view = resolve(request.path).func
    except Resolver404:
        return None
    if not getattr(view, "keeps_post", False):
        return None
    token = keep_post(request)
    if token is None:
        return None
    if not request.user.is_authenticated:
        messages.info(request, KEPT_AFTER_EXPIRY)
        return redirect_to_login(_resume_url(request, token))
    return redirect(_resume_url(request, token))
