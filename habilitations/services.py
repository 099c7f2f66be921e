"""Use cases of adhesions, habilitations and delegations. Every change is checked with
``habilitations.rights``, written with its audit event in one transaction, and its e-mails go
through the outbox. Refusals raise ``HabilitationError`` with a French message; forged requests
(rights not offered, another company's objects, one's own account) are also logged.

This module holds the habilitations themselves (an account's rights on an excise number, set by
the office or the company's administrator) and is the path every caller imports the use cases
from; the others live beside it, by use case: ``preparation`` (the company's adhesion),
``instruction`` (the office's decision and the register check), ``delegation``, ``audit`` (the
trail, and the register's excise numbers), ``transitions`` and ``errors``."""

from django.db import transaction

from accounts.models import User
from habilitations import catalogue, rights
from habilitations.audit import _audit, audit_trail_for, excise_number_reassigned, excise_number_register_values
from habilitations.delegation import delegation_grant, delegation_revoke
from habilitations.errors import HabilitationError, _refuse_forged, security_log
from habilitations.instruction import (
    RegisterCheck,
    RegisterDifference,
    _comparable,
    adhesion_approve,
    adhesion_register_check,
    adhesion_reject,
    operator_update_from_adhesion,
)
from habilitations.models import Adhesion, AdhesionStatus, Habilitation
from habilitations.preparation import (
    ADHESION_FIELDS,
    LineRequest,
    adhesion_problems,
    adhesion_save_and_submit,
    adhesion_start,
    adhesion_submit,
    adhesion_update,
    adhesion_withdraw,
    resolve_lines,
)
from habilitations.transitions import _lock, _move
from register.models import ExciseNumber

__all__ = [
    "ADHESION_FIELDS",
    "HabilitationError",
    "LineRequest",
    "RegisterCheck",
    "RegisterDifference",
    "_audit",
    "_check_manages",
    "_comparable",
    "_lock",
    "_move",
    "_refuse_forged",
    "adhesion_approve",
    "adhesion_problems",
    "adhesion_register_check",
    "adhesion_reject",
    "adhesion_save_and_submit",
    "adhesion_start",
    "adhesion_submit",
    "adhesion_update",
    "adhesion_withdraw",
    "audit_trail_for",
    "delegation_grant",
    "delegation_revoke",
    "excise_number_reassigned",
    "excise_number_register_values",
    "habilitation_add_account",
    "habilitations_set",
    "habilitations_set_many",
    "operator_update_from_adhesion",
    "resolve_lines",
    "security_log",
]


# --- Habilitations (the office, or the company's teleservice administrator) ------------------------


def habilitations_set(
    *,
    actor: User,
    user: User,
    excise_number: ExciseNumber,
    teleservice: str,
    codes: set[str],
    screen: str = "",
) -> frozenset[str]:
    """Give ``user`` exactly ``codes`` on ``teleservice`` for ``excise_number`` (adding and
    removing rows), within what ``actor`` manages. Returns the rights now held."""
    operator = excise_number.operator
    if not rights.managed_excise_numbers(actor, operator, teleservice).filter(pk=excise_number.pk).exists():
        raise _refuse_forged(actor, f"habilitations on {excise_number.number}")
    offered = catalogue.right_codes(teleservice)
    if not set(codes) <= offered:
        raise _refuse_forged(actor, f"rights not offered {set(codes) - offered}")
    if user.pk == actor.pk and rights.office_of(actor) is None:
        raise _refuse_forged(
            actor,
            "own habilitations",
            "Vous ne pouvez pas modifier vos propres habilitations : adressez-vous à votre bureau de douane.",
        )
    if codes and rights.company_of(user) != operator:
        # Granting needs the account attached to the company (confirmed claim); removing the rows
        # of someone who left it (they no longer count in rights_for) stays possible. The message
        # does not name the account: its identifiant is none of this company's business.
        raise _refuse_forged(
            actor,
            f"habilitation of {user.username} outside the company",
            f"Ce compte n'est pas rattaché à l'entreprise {operator.name}.",
        )
    adhesion = (
        Adhesion.objects.filter(teleservice=teleservice, excise_number=excise_number, status=AdhesionStatus.APPROVED)
        .order_by("-decided_at")
        .first()
    )
    current = frozenset(
        Habilitation.objects.filter(user=user, teleservice=teleservice, excise_number=excise_number).values_list(
            "right", flat=True
        )
    )
    wanted = frozenset(codes)
    if current == wanted:
        return current
    with transaction.atomic():
        Habilitation.objects.filter(
            user=user, teleservice=teleservice, excise_number=excise_number, right__in=current - wanted
        ).delete()
        Habilitation.objects.bulk_create(
            [
                Habilitation(
                    user=user,
                    teleservice=teleservice,
                    excise_number=excise_number,
                    right=code,
                    adhesion=adhesion,
                    granted_by=actor,
                )
                for code in sorted(wanted - current)
            ]
        )
        _audit(
            actor=actor,
            action="habilitations_changed",
            summary=f"Habilitations de {user.username} sur {excise_number.number} modifiées",
            operator=operator,
            adhesion=adhesion,
            before={"user": user.username, "rights": sorted(current)},
            after={"user": user.username, "rights": sorted(wanted)},
            screen=screen,
        )
    return wanted


def _check_manages(actor: User, excise_number: ExciseNumber, teleservice: str) -> None:
    operator = excise_number.operator
    if not rights.managed_excise_numbers(actor, operator, teleservice).filter(pk=excise_number.pk).exists():
        raise _refuse_forged(actor, f"habilitations on {excise_number.number}")


def habilitations_set_many(
    *,
    actor: User,
    excise_number: ExciseNumber,
    teleservice: str,
    changes: dict[User, set[str]],
    screen: str = "",
) -> list[User]:
    """The company's table of habilitations saved at once, all or nothing: ``habilitations_set``
    for each account whose rights change. Returns those accounts."""
    _check_manages(actor, excise_number, teleservice)
    changed = []
    with transaction.atomic():
        for user, codes in changes.items():
            if rights.rights_for(user, teleservice, excise_number) == frozenset(codes):
                continue
            habilitations_set(
                actor=actor, user=user, excise_number=excise_number, teleservice=teleservice, codes=codes, screen=screen
            )
            changed.append(user)
    return changed


def habilitation_add_account(
    *,
    actor: User,
    excise_number: ExciseNumber,
    teleservice: str,
    username: str,
    email: str,
    codes: set[str],
    screen: str = "",
) -> User:
    """The company's administrator habilitates one more account of the company, named by its
    identifiant and e-mail as on the adhesion form, with at least one right."""
    from habilitations import selectors

    _check_manages(actor, excise_number, teleservice)
    if not username.strip():
        raise HabilitationError("Indiquez l'identifiant du compte ProDou@ne à habiliter.", field="username")
    if not email.strip():
        raise HabilitationError("Indiquez l'adresse courriel du compte à habiliter.", field="email")
    user = selectors.account_by_identifiant_and_email(username=username, email=email)
    if user is None:
        raise HabilitationError(
            f"Aucun compte ProDou@ne activé ne correspond à l'identifiant « {username.strip()} » et à l'adresse "
            f"« {email.strip()} ». Ces deux informations ont été choisies par l'utilisateur lors de son inscription.",
            field="username",
        )
    if rights.claimed_company(user) == excise_number.operator:
        raise HabilitationError(
            f"Le rattachement de « {user.username} » à l'entreprise n'est pas encore confirmé : acceptez d'abord "
            "sa demande dans « Demandes de rattachement ».",
            field="username",
        )
    if not codes:
        raise HabilitationError(f"Cochez au moins un droit pour « {user.username} ».", field="rights")
    if rights.rights_for(user, teleservice, excise_number):
        raise HabilitationError(
            f"« {user.username} » est déjà habilité pour {excise_number.number} : modifiez ses droits dans le tableau.",
            field="username",
        )
    habilitations_set(
        actor=actor, user=user, excise_number=excise_number, teleservice=teleservice, codes=set(codes), screen=screen
    )
    return user
