"""Known devices: a browser where an identifiant logged in before keeps its own count of failed
logins for that identifiant.

Five wrong passwords typed anywhere for an identifiant lock it for 15 minutes (allauth's
``login_failed`` rate limit, per identifiant): anyone who knows an identifiant could otherwise
try passwords forever, but anyone could also lock its owner out. A successful login leaves in the
browser a signed cookie naming the device (a random id) and the identifiants that logged in
there (as hashes, not readable). On that browser, failures for those identifiants are counted
apart (``login_failed_known_device``, per identifiant and device): the attacker's failures
elsewhere do not block the owner there, and the owner's own failures are still limited.
The cookie cannot be forged without ``SECRET_KEY``; it expires after 180 days without login."""

import hashlib
import secrets

from django.conf import settings
from django.core import signing

COOKIE_NAME = "prodouane_appareil"
SALT = "accounts.known_devices"
MAX_AGE_SECONDS = 180 * 24 * 3600
MAX_ACCOUNTS = 10  # a shared office computer: the last ten identifiants are remembered
REQUEST_ATTRIBUTE = "_known_device_login"


def _account_hash(device: str, username: str) -> str:
    return hashlib.sha256(f"{device}:{username.strip().lower()}".encode()).hexdigest()[:24]


def _read(request) -> dict | None:
    raw = request.COOKIES.get(COOKIE_NAME)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), str) or not isinstance(data.get("a"), list):
        return None
    return data


def rate_limit_key(request, username: str) -> str | None:
    """The key of the known-device failure count for ``username`` on this browser, or None when
    this identifiant never logged in here."""
    data = _read(request)
    if data is None or not username:
        return None
    if _account_hash(data["d"], username) not in data["a"]:
        return None
    return f"{username.strip().lower()}:{data['d']}"


def remember_login(request, username: str) -> None:
    """Called at login: the response will mark this browser as known for ``username``."""
    setattr(request, REQUEST_ATTRIBUTE, username)


def set_cookie(request, response) -> None:
    username = getattr(request, REQUEST_ATTRIBUTE, None)
    if not username:
        return
    data = _read(request) or {"d": secrets.token_urlsafe(16), "a": []}
    account = _account_hash(data["d"], username)
    accounts = [account] + [item for item in data["a"] if item != account]
    value = signing.dumps({"d": data["d"], "a": accounts[:MAX_ACCOUNTS]}, salt=SALT)
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=MAX_AGE_SECONDS,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


class KnownDeviceMiddleware:
    """Writes the known-device cookie on the response of a successful login."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        set_cookie(request, response)
        return response
