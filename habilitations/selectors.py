"""Reads of adhesions, habilitations and delegations, as the pages show them. No rule here: who
may see what is decided by ``habilitations.rights`` before these are called."""

import re
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import ClaimStatus, User
from habilitations import catalogue
from habilitations.models import (
    ACTIVE_STATUSES,
    Adhesion,
    AdhesionStatus,
    AuditEvent,
    Delegation,
    DelegationKind,
    Habilitation,
)
from register.models import ExciseNumber, Operator
from register.services import LookupRefused, establishment_sheet


def company_excise_numbers(*, operator: Operator) -> QuerySet[ExciseNumber]:
    return operator.excise_numbers.select_related("customs_office").order_by("number")


def active_adhesion(*, excise_number: ExciseNumber, teleservice: str = catalogue.GAMMA) -> Adhesion | None:
    """The adhesion waiting for or in force for that number (at most one, the database says so)."""
    return Adhesion.objects.filter(
        teleservice=teleservice, excise_number=excise_number, status__in=ACTIVE_STATUSES
    ).first()


def drafts_of(*, user: User, excise_number: ExciseNumber, teleservice: str = catalogue.GAMMA) -> QuerySet[Adhesion]:
    return Adhesion.objects.filter(
        teleservice=teleservice, excise_number=excise_number, prepared_by=user, status=AdhesionStatus.DRAFT
    )


def company_accounts(*, operator: Operator) -> QuerySet[User]:
    """Activated accounts attached to the company: their SIRET starts with its SIREN and their
    claim is confirmed, never a customs agent's (``rights.company_of``)."""
    return User.objects.filter(
        siret__startswith=operator.siren,
        siret_status=ClaimStatus.CONFIRMED,
        is_active=True,
        is_staff=False,
        activated_at__isnull=False,
    ).order_by("username")


def pending_claims(*, operator: Operator) -> QuerySet[User]:
    """Activated accounts asking to join the company (claim waiting for confirmation), oldest first."""
    return User.objects.filter(
        siret__startswith=operator.siren,
        siret_status=ClaimStatus.CLAIMED,
        is_active=True,
        is_staff=False,
        activated_at__isnull=False,
    ).order_by("siret_claimed_at", "pk")


def company_administrator(*, operator: Operator) -> User | None:
    """The administrator a request to join the company waits with: its correspondent ProDou@ne
    still attached to it (who decides the requests), a GAMMA administrator first, the earliest
    appointed first; None while the office has appointed nobody."""
    correspondents = list(
        Delegation.objects.filter(
            operator=operator, kind=DelegationKind.CORRESPONDENT, user__in=company_accounts(operator=operator)
        )
        .select_related("user")
        .order_by("granted_at", "pk")
    )
    gamma_admins = set(
        teleservice_admins(operator=operator, teleservice=catalogue.GAMMA).values_list("user_id", flat=True)
    )
    first_admin = next((row.user for row in correspondents if row.user_id in gamma_admins), None)
    return first_admin or (correspondents[0].user if correspondents else None)


def masked_email(email: str) -> str:
    """An address shown to someone outside the company: its first letter and its domain only
    (« j***@exemple.fr »), enough to recognise a colleague, not to write to a stranger."""
    local, at, domain = (email or "").partition("@")
    if not at or not local:
        return ""
    return f"{local[0]}***@{domain}"


def account_by_identifiant_and_email(*, username: str, email: str) -> User | None:
    """An activated account, found by both the identifiant and the e-mail chosen at registration."""
    user = User.objects.filter(username__iexact=username.strip(), email__iexact=email.strip(), is_active=True).first()
    return user if user is not None and user.activated_at is not None else None


def habilitation_matrix(*, excise_number: ExciseNumber, teleservice: str) -> list[tuple[User, frozenset[str]]]:
    """Every account holding rights on ``teleservice`` for ``excise_number``, with those rights, by
    identifiant: the same rule as ``rights.rights_for`` (adhesion in force, activated account)."""
    rows = (
        Habilitation.objects.filter(
            teleservice=teleservice,
            excise_number=excise_number,
            adhesion__status=AdhesionStatus.APPROVED,
            user__is_active=True,
            user__activated_at__isnull=False,
        )
        .select_related("user")
        .order_by("user__username")
    )
    held: dict[User, set[str]] = {}
    for row in rows:
        held.setdefault(row.user, set()).add(row.right)
    return [(user, frozenset(codes)) for user, codes in held.items()]


def habilitation_holders(*, excise_number: ExciseNumber, teleservice: str) -> QuerySet:
    """Ids of the accounts holding rows on ``teleservice`` for ``excise_number``."""
    return Habilitation.objects.filter(teleservice=teleservice, excise_number=excise_number).values("user_id")


def teleservice_admins(*, operator: Operator, teleservice: str) -> QuerySet[Delegation]:
    return (
        Delegation.objects.filter(operator=operator, kind=DelegationKind.TELESERVICE_ADMIN, teleservice=teleservice)
        .select_related("user")
        .order_by("user__username")
    )


def appointable_admins(*, operator: Operator, teleservice: str, excluding: User) -> QuerySet[User]:
    """The company's correspondents who are not yet administrators of ``teleservice``: only they
    may be appointed (the office grants the correspondent status first)."""
    correspondents = Delegation.objects.filter(operator=operator, kind=DelegationKind.CORRESPONDENT).values("user")
    admins = teleservice_admins(operator=operator, teleservice=teleservice).values("user")
    return (
        company_accounts(operator=operator)
        .filter(pk__in=correspondents)
        .exclude(pk__in=admins)
        .exclude(pk=excluding.pk)
    )


def adhesion_audit_trail(*, adhesion: Adhesion) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(adhesion=adhesion).select_related("actor")


@dataclass(frozen=True)
class EdiProvider:
    siret: str
    name: str


def edi_provider_name(siret: str, declared: str = "") -> str:
    """An EDI provider's public name: the register's (SIRENE; « Non diffusible » for a masked one),
    or, for a SIRET the register does not know, the « raison sociale » an adhesion declared (what
    was typed before the address)."""
    try:
        return establishment_sheet(siret=siret).name
    except LookupRefused:
        return re.split(r"[,\n\r]", declared, maxsplit=1)[0].strip() or "Raison sociale non renseignée"


def accredited_edi_providers(*, teleservice: str = catalogue.GAMMA) -> list[EdiProvider]:
    """The EDI providers named by an adhesion in force with the EDI option, each once, with what is
    public of them: the SIRET and the name the register (SIRENE) gives it (« Non diffusible » for a
    masked one); only a provider the register does not know is named as the adhesion declared it
    (its « raison sociale », without the address typed after it)."""
    declared: dict[str, str] = {}
    rows = Adhesion.objects.filter(
        teleservice=teleservice,
        status=AdhesionStatus.APPROVED,
        edi_enabled=True,
        edi_provider_siret__regex=r"^[0-9]{14}$",
    ).order_by("edi_provider_siret", "pk")
    for siret, name_address in rows.values_list("edi_provider_siret", "edi_provider_name_address"):
        declared.setdefault(siret, name_address)
    providers = []
    for siret, declared_name in declared.items():
        providers.append(EdiProvider(siret=siret, name=edi_provider_name(siret, declared_name)))
    return sorted(providers, key=lambda provider: (provider.name.casefold(), provider.siret))
