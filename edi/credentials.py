"""Credentials of the Guichet EDI: issue, rotate, revoke, authenticate, and who sees which.

A credential is a client id (``edi_`` + 16 hex digits) and a secret shown once, sent together as
``Authorization: Bearer <client_id>.<secret>``. The secret is 32 bytes from the OS's generator
(``secrets.token_urlsafe(32)``) and only its SHA-256 is stored. A slow password hasher (PBKDF2,
Argon2) protects what people choose, which is guessable; a 256-bit random token is not, so a
single SHA-256 is as safe against a stolen table, and it costs microseconds on every request
where a password hasher would cost a quarter of a second (``PASSWORD_HASHING_CONCURRENCY`` is 1:
the endpoint would serve four messages a second). The comparison is constant-time
(``hmac.compare_digest``), and an unknown client id costs the same hash.

The rights (who may issue, rotate, revoke) are ``habilitations.rights.may_manage_edi_credentials``;
what a credential may then do is ``habilitations.rights.rights_for`` on its channel account.

    issued = issue(actor=agent, operator=company, label="ERP")      # or provider_siret="…"
    issued.token                  # "edi_0123456789abcdef.<secret>": show it once, never again
    rotate(actor=admin, credential=issued.credential).token
    revoke(actor=admin, credential=issued.credential)
    authenticate(request.headers.get("Authorization", ""))      # a Credential, or None
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from edi.models import Credential
from habilitations import catalogue, rights
from habilitations.models import ACTIVE_STATUSES, Adhesion, AuditEvent
from identifiers import siret as siret_id
from identifiers.exceptions import InvalidIdentifier
from register.models import Operator

security_log = logging.getLogger("prodouane.security")

CLIENT_ID_PREFIX = "edi_"
SCHEME = "Bearer"
# last_used_at is written at most this often: parallel requests of one credential do not queue
# on its row.
LAST_USED_PRECISION = dt.timedelta(minutes=1)
_DUMMY_SHA256 = hashlib.sha256(b"no such credential").hexdigest()


class CredentialError(Exception):
    """A French message that may be shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Issued:
    """A credential just issued or rotated, with the token to hand over once."""

    credential: Credential
    secret: str

    @property
    def token(self) -> str:
        return f"{self.credential.client_id}.{self.secret}"


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret() -> str:
    return secrets.token_urlsafe(32)  # base64url: never a "." (the token's separator)


def _refuse(actor, what: str) -> CredentialError:
    security_log.warning("EDI credential refused to %s: %s", getattr(actor, "username", actor), what)
    return CredentialError("Vous n'avez pas le droit de gérer cet identifiant EDI.")


def _require(actor, *, operator: Operator | None, provider_siret: str, what: str) -> None:
    if not rights.may_manage_edi_credentials(actor, operator=operator, provider_siret=provider_siret):
        raise _refuse(actor, what)


def _audit(credential: Credential, *, actor, action: str, summary: str) -> None:
    """Credentials of an operator go to its audit trail (a provider's have their own columns)."""
    if credential.operator_id:
        AuditEvent.objects.create(
            actor=actor, action=action, summary=summary[:255], operator=credential.operator, screen="Guichet EDI"
        )


def issue(*, actor, operator: Operator | None = None, provider_siret: str = "", label: str = "") -> Issued:
    """A new credential for an operator's own software (``operator``) or for an EDI provider
    (``provider_siret``, as its clients' adhesions name it), with its channel account."""
    if (operator is None) == (not provider_siret):
        raise CredentialError("Indiquez soit l'opérateur, soit le SIRET du prestataire EDI.")
    if provider_siret:
        try:
            provider_siret = siret_id.validate(provider_siret)
        except InvalidIdentifier as error:
            raise CredentialError(str(error)) from None
    _require(actor, operator=operator, provider_siret=provider_siret, what=f"issue for {operator or provider_siret}")
    client_id = CLIENT_ID_PREFIX + secrets.token_hex(8)
    secret = _new_secret()
    with transaction.atomic():
        channel_account = get_user_model()(
            username=f"{rights.EDI_ACTOR_PREFIX}{client_id}",
            first_name="Guichet EDI",
            last_name=(label or client_id)[:150],
            is_active=False,  # never logs in: only the rights function reads it
        )
        channel_account.set_unusable_password()
        channel_account.save()
        credential = Credential.objects.create(
            client_id=client_id,
            secret_sha256=hash_secret(secret),
            label=label[:120],
            operator=operator,
            provider_siret=provider_siret,
            actor=channel_account,
            created_by=actor,
        )
        _audit(credential, actor=actor, action="edi_credential_issued", summary=f"Identifiant EDI {client_id} créé")
    return Issued(credential=credential, secret=secret)


def _manageable(actor, credential: Credential, what: str) -> Credential:
    _require(
        actor,
        operator=credential.operator,
        provider_siret=credential.provider_siret,
        what=f"{what} {credential.client_id}",
    )
    if credential.revoked_at is not None:
        raise CredentialError("Cet identifiant EDI est révoqué : créez-en un autre.")
    return credential


def rotate(*, actor, credential: Credential) -> Issued:
    """A new secret for the same client id; the old secret stops working at once."""
    with transaction.atomic():
        credential = _manageable(actor, Credential.objects.select_for_update().get(pk=credential.pk), "rotate")
        secret = _new_secret()
        credential.secret_sha256 = hash_secret(secret)
        credential.rotated_at = timezone.now()
        credential.save(update_fields=["secret_sha256", "rotated_at"])
        _audit(
            credential,
            actor=actor,
            action="edi_credential_rotated",
            summary=f"Secret de l'identifiant EDI {credential.client_id} renouvelé",
        )
    return Issued(credential=credential, secret=secret)


def revoke(*, actor, credential: Credential) -> Credential:
    """The credential stops working at once, for good (its evidence stays)."""
    with transaction.atomic():
        credential = _manageable(actor, Credential.objects.select_for_update().get(pk=credential.pk), "revoke")
        credential.revoked_at = timezone.now()
        credential.revoked_by = actor
        credential.save(update_fields=["revoked_at", "revoked_by"])
        _audit(
            credential,
            actor=actor,
            action="edi_credential_revoked",
            summary=f"Identifiant EDI {credential.client_id} révoqué",
        )
    return credential


def visible_credentials(*, user) -> QuerySet[Credential]:
    """The credentials ``user`` may see (and manage, unless revoked): every one for a superuser;
    for an office agent, those of the companies it is in charge of and of the providers its
    adhesions name; for a company's correspondent or GAMMA administrator, the company's own and,
    when the company is itself an EDI provider, its provider credentials."""
    credentials = Credential.objects.select_related("operator", "created_by", "revoked_by")
    if not (user and user.is_authenticated and user.is_active):
        return credentials.none()
    if user.is_superuser:
        return credentials
    office = rights.office_of(user)
    if office is not None:
        providers = Adhesion.objects.filter(customs_office=office, status__in=ACTIVE_STATUSES).exclude(
            edi_provider_siret=""
        )
        return credentials.filter(
            Q(operator__in=rights.companies_in_charge(user=user))
            | Q(provider_siret__in=providers.values("edi_provider_siret"))
        )
    company = rights.company_of(user)
    if company is None:
        return credentials.none()
    condition = Q(pk__in=[])
    if rights.admin_delegation(user, company, catalogue.GAMMA) is not None:
        condition |= Q(operator=company)
    if rights.is_correspondent(user, company):
        condition |= Q(operator=company) | Q(provider_siret__startswith=company.siren)
    return credentials.filter(condition)


def _split(authorization: str) -> tuple[str, str] | None:
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != SCHEME.lower():
        return None
    client_id, dot, secret = token.strip().partition(".")
    if not dot or not client_id.startswith(CLIENT_ID_PREFIX) or not secret or len(token) > 200:
        return None
    return client_id, secret


def authenticate(authorization: str) -> Credential | None:
    """The active credential an ``Authorization`` header's value proves, or None."""
    parts = _split(authorization or "")
    if parts is None:
        return None
    client_id, secret = parts
    credential = Credential.objects.select_related("actor").filter(client_id=client_id).first()
    expected = credential.secret_sha256 if credential is not None else _DUMMY_SHA256
    matches = hmac.compare_digest(hash_secret(secret), expected)
    if credential is None or not matches or credential.revoked_at is not None:
        security_log.warning("EDI authentication failed for client id %r", client_id[:40])
        return None
    now = timezone.now()
    if credential.last_used_at is None or now - credential.last_used_at >= LAST_USED_PRECISION:
        Credential.objects.filter(pk=credential.pk).update(last_used_at=now)
        credential.last_used_at = now
    return credential
