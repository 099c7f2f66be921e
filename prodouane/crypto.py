"""Secrets kept at rest (mail bodies with their links, TOTP material): encrypted with Fernet under
a key derived from SECRET_KEY; SECRET_KEY_FALLBACKS still decrypt what older keys wrote."""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# A Fernet token always starts with its version byte 0x80, which base64url writes "gAAAAA".
TOKEN_PREFIX = "gAAAAA"  # noqa: S105 - not a password


class Unreadable(Exception):
    """The text was encrypted under a key neither SECRET_KEY nor its fallbacks give."""


def _fernet(secret: str, purpose: str) -> Fernet:
    digest = hashlib.sha256(f"prodouane.crypto:{purpose}:{secret}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _box(purpose: str) -> MultiFernet:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet([_fernet(key, purpose) for key in keys])


def encrypt(text: str, *, purpose: str) -> str:
    return _box(purpose).encrypt(text.encode()).decode()


def decrypt(token: str, *, purpose: str) -> str:
    try:
        return _box(purpose).decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise Unreadable(purpose) from error


def is_encrypted(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX)
