"""Delegations: the office makes an account the company's Prodou@ne correspondent, and the
correspondent (or an administrator allowed to) appoints a teleservice's administrators; either
status can be revoked."""

from django.db import transaction

from accounts.models import User
from habilitations import catalogue, rights
from habilitations.audit import _audit
from habilitations.errors import HabilitationError, _refuse_forged
from habilitations.models import Delegation, DelegationKind
from register.models import Operator


def delegation_grant(
    *,
    actor: User,
    user: User,
    operator: Operator,
    kind: str,
    teleservice: str = "",
    may_appoint_admins: bool = False,
    screen: str = "",
) -> Delegation:
    """The office makes ``user`` correspondent of ``operator``, then administrator of a
    teleservice; an administrator allowed to may appoint other administrators (never with that
    power themselves), and never themselves."""
    office_grants = rights.office_in_charge_of(actor, operator)
    if rights.company_of(user) != operator:
        raise _refuse_forged(
            actor,
            f"delegation to {user.username} outside {operator.siren}",
            f"Ce compte n'est pas rattaché à l'entreprise {operator.name}.",
        )
    if kind == DelegationKind.CORRESPONDENT:
        if not office_grants:
            raise _refuse_forged(actor, "correspondent status")
        teleservice, may_appoint_admins = "", False
    elif kind == DelegationKind.TELESERVICE_ADMIN:
        if teleservice not in catalogue.RIGHTS:
            raise _refuse_forged(actor, f"admin of unknown teleservice {teleservice}")
        if not office_grants:
            if not rights.can_appoint_admins(actor, operator, teleservice) or user.pk == actor.pk:
                raise _refuse_forged(actor, f"admin delegation for {user.username}")
            may_appoint_admins = False  # only the office hands on that power
        if not Delegation.objects.filter(user=user, operator=operator, kind=DelegationKind.CORRESPONDENT).exists():
            raise HabilitationError(
                f"« {user.username} » doit d'abord recevoir le statut de correspondant Prodou@ne de l'entreprise."
            )
    else:
        raise _refuse_forged(actor, f"unknown delegation kind {kind}")
    with transaction.atomic():
        delegation, created = Delegation.objects.get_or_create(
            user=user,
            operator=operator,
            kind=kind,
            teleservice=teleservice,
            defaults={"granted_by": actor, "may_appoint_admins": may_appoint_admins},
        )
        if not created and delegation.may_appoint_admins != may_appoint_admins:
            delegation.may_appoint_admins = may_appoint_admins
            delegation.save(update_fields=["may_appoint_admins"])
        _audit(
            actor=actor,
            action="delegation_granted",
            summary=f"{delegation.get_kind_display()} accordé à {user.username}"
            + (f" ({teleservice.upper()})" if teleservice else ""),
            operator=operator,
            after={
                "user": user.username,
                "kind": kind,
                "teleservice": teleservice,
                "may_appoint_admins": may_appoint_admins,
            },
            screen=screen,
        )
    return delegation


def delegation_revoke(*, actor: User, delegation: Delegation, screen: str = "") -> None:
    operator = delegation.operator
    allowed = rights.office_in_charge_of(actor, operator) or (
        delegation.kind == DelegationKind.TELESERVICE_ADMIN
        and delegation.user_id != actor.pk
        and rights.can_appoint_admins(actor, operator, delegation.teleservice)
    )
    if not allowed:
        raise _refuse_forged(actor, f"revoke delegation {delegation.pk}")
    with transaction.atomic():
        before = {"user": delegation.user.username, "kind": delegation.kind, "teleservice": delegation.teleservice}
        if delegation.kind == DelegationKind.CORRESPONDENT:
            # Without the correspondent status, the administrator statuses go too.
            Delegation.objects.filter(user=delegation.user, operator=operator).delete()
        else:
            delegation.delete()
        _audit(
            actor=actor,
            action="delegation_revoked",
            summary=f"Statut retiré à {before['user']}",
            operator=operator,
            before=before,
            screen=screen,
        )
