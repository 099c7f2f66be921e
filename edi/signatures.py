"""Standard Webhooks signatures (https://www.standardwebhooks.com/, « Signature scheme »): the
headers the EDI notifications carry and how a receiver checks them.

    webhook-id: <the event's id, the same on every attempt>
    webhook-timestamp: <unix seconds of this attempt>
    webhook-signature: v1,<base64 of HMAC-SHA256(key, "{id}.{timestamp}.{body}")>

The key is the signing secret's bytes: the secret is ``whsec_`` + base64 of 32 random bytes.
Written here rather than taken from the ``standardwebhooks`` package, which the project does not
install: it is a dozen lines, tested against the specification's published vector."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

SECRET_PREFIX = "whsec_"  # noqa: S105 - the prefix, not a secret
SECRET_BYTES = 32
VERSION = "v1"


class BadSecret(ValueError):
    """Not a ``whsec_<base64>`` secret."""


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def key_of(secret: str) -> bytes:
    encoded = secret.removeprefix(SECRET_PREFIX)
    try:
        key = base64.b64decode(encoded, validate=True)
    except ValueError:
        raise BadSecret("The signing secret is not base64.") from None
    if not 24 <= len(key) <= 64:
        raise BadSecret("The signing secret has 24 to 64 bytes.")
    return key


def sign(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header's value for one attempt."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(key_of(secret), signed, hashlib.sha256).digest()
    return f"{VERSION},{base64.b64encode(digest).decode()}"


def headers(secret: str, *, msg_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(secret, msg_id=msg_id, timestamp=timestamp, body=body),
    }


def verify(secret: str, *, msg_id: str, timestamp: int, body: bytes, signature_header: str) -> bool:
    """What a receiver does: one of the space-separated ``v1,…`` signatures matches (constant time)."""
    expected = sign(secret, msg_id=msg_id, timestamp=timestamp, body=body)
    return any(hmac.compare_digest(expected, candidate) for candidate in signature_header.split())
