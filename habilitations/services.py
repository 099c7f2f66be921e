"""Use cases of adhesions, habilitations and delegations. Every change is checked with
``habilitations.rights``, written with its audit event in one transaction, and its e-mails go
through the outbox. Refusals raise ``HabilitationError`` with a French message; forged requests
(rights not offered, another company's objects, one's own account) are also logged."""

import datetime
import logging
import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from habilitations import catalogue, rights
from habilitations.models import (
    TRANSITIONS,
    Adhesion,
    AdhesionLine,
    AdhesionStatus,
    AuditEvent,
    Delegation,
    DelegationKind,
    Habilitation,
)
from identifiers import siret as siret_id
from identifiers.exceptions import InvalidIdentifier
from mail.services import queue_mail
from register import labels as register_labels
from register import services as register_services
from register.models import AdministrativeState, Establishment, ExciseNumber, LegalUnit, Operator

security_log = logging.getLogger("prodouane.security")


class HabilitationError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _refuse_forged(actor, what: str, message: str = "Cette opération ne vous est pas permise.") -> HabilitationError:
    security_log.warning("Refused forged request by %s: %s", getattr(actor, "username", actor), what)
    return HabilitationError(message)


def _audit(*, actor, action: str, summary: str, operator: Operator, adhesion=None, before=None, after=None, screen=""):
    AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        summary=summary[:255],
        operator=operator,
        customs_office=adhesion.customs_office if adhesion else None,
        adhesion=adhesion,
        before=before,
        after=after,
        screen=screen[:100],
    )


def _lock(adhesion: Adhesion) -> None:
    """Lock the row and reload it, so two agents deciding at once cannot both succeed."""
    Adhesion.objects.select_for_update().filter(pk=adhesion.pk).exists()
    adhesion.refresh_from_db()


def _move(adhesion: Adhesion, to: str) -> str:
    if to not in TRANSITIONS[AdhesionStatus(adhesion.status)]:
        raise HabilitationError(
            f"Une adhésion « {adhesion.get_status_display()} » ne peut pas passer à « {AdhesionStatus(to).label} »."
        )
    before = adhesion.status
    adhesion.status = to
    return before


# --- Preparing the adhesion (the company) --------------------------------------------------------


def adhesion_start(
    *, actor: User, excise_number: ExciseNumber, teleservice: str = catalogue.GAMMA, screen: str = ""
) -> Adhesion:
    """A new draft for ``excise_number``, section 1 prefilled from the customs register."""
    if not rights.can_prepare_adhesion(actor, excise_number):
        raise _refuse_forged(actor, f"adhesion for {excise_number.number}")
    if Adhesion.objects.filter(
        teleservice=teleservice,
        excise_number=excise_number,
        status__in=[AdhesionStatus.SUBMITTED, AdhesionStatus.APPROVED],
    ).exists():
        raise HabilitationError(
            f"Le numéro d'accise {excise_number.number} a déjà une adhésion à {teleservice.upper()} "
            "en cours d'instruction ou acceptée : à un numéro d'accise correspond une seule adhésion.",
            field="excise_number",
        )
    operator = excise_number.operator
    with transaction.atomic():
        adhesion = Adhesion.objects.create(
            teleservice=teleservice,
            excise_number=excise_number,
            operator=operator,
            customs_office=excise_number.customs_office,
            siren=operator.siren,
            company_name=operator.name,
            company_address=f"{operator.address} {operator.postal_code} {operator.city}".strip(),
            prepared_by=actor,
        )
        _audit(
            actor=actor,
            action="adhesion_created",
            summary=f"Adhésion préparée pour {excise_number.number}",
            operator=operator,
            adhesion=adhesion,
            after={"status": adhesion.status},
            screen=screen,
        )
    return adhesion


@dataclass(frozen=True)
class LineRequest:
    """A row of section 2 as typed: identifiant, e-mail, rights ticked."""

    username: str
    email: str
    rights: frozenset[str]


def resolve_lines(*, adhesion: Adhesion, lines: list[LineRequest]) -> list[tuple[User, list[str]]]:
    """Check section 2: each account exists, is activated, and its identifiant and e-mail match;
    rights are among those the teleservice offers. Errors name the row (« Ligne 2 : … »)."""
    offered = catalogue.right_codes(adhesion.teleservice)
    resolved: list[tuple[User, list[str]]] = []
    seen: set[int] = set()
    for index, line in enumerate(lines, start=1):
        if not line.username.strip() and not line.email.strip() and not line.rights:
            continue
        if "\x00" in line.username or "\x00" in line.email:
            # Typed text never holds NUL (PostgreSQL refuses it in a query): a forged row.
            raise HabilitationError(
                f"Ligne {index} : l'identifiant ou l'adresse courriel contient un caractère non autorisé."
            )
        unknown = set(line.rights) - offered
        if unknown:
            raise HabilitationError(f"Ligne {index} : droit inconnu ({', '.join(sorted(unknown))}).")
        user = User.objects.filter(
            username__iexact=line.username.strip(), email__iexact=line.email.strip(), is_active=True
        ).first()
        if user is None or user.activated_at is None:
            raise HabilitationError(
                f"Ligne {index} : aucun compte ProDou@ne activé ne correspond à l'identifiant "
                f"« {line.username.strip()} » et à l'adresse « {line.email.strip()} ». Ces deux informations "
                "ont été choisies par l'utilisateur lors de son inscription."
            )
        if not rights.claims_for(user, adhesion.operator):
            raise HabilitationError(
                f"Ligne {index} : le compte « {user.username} » n'est pas rattaché à {adhesion.operator.name} "
                f"(SIREN {adhesion.operator.siren}). Seuls les comptes qui ont indiqué le SIRET d'un établissement "
                "de l'entreprise, à l'inscription ou dans « Mon compte », peuvent être habilités.",
                field=f"ligne-{index}-identifiant",
            )
        if user.pk in seen:
            raise HabilitationError(f"Ligne {index} : le compte « {user.username} » figure déjà dans le tableau.")
        if not line.rights:
            raise HabilitationError(f"Ligne {index} : cochez au moins un droit pour « {user.username} ».")
        seen.add(user.pk)
        resolved.append((user, [r.code for r in catalogue.rights_of(adhesion.teleservice) if r.code in line.rights]))
    return resolved


ADHESION_FIELDS = [
    "software_name",
    "edi_enabled",
    "edi_provider_siret",
    "edi_software",
    "edi_provider_name_address",
    "signature_waiver",
    "signed_at_place",
    "signed_on",
    "legal_representative",
    "company_name",
    "company_address",
]


def adhesion_update(
    *, actor: User, adhesion: Adhesion, data: dict, lines: list[LineRequest], screen: str = ""
) -> Adhesion:
    """Save the draft as typed (sections 1 to 4)."""
    if not rights.adhesion_abilities(actor, adhesion).edit:
        raise _refuse_forged(actor, f"edit adhesion {adhesion.pk}")
    resolved = resolve_lines(adhesion=adhesion, lines=lines)
    if data.get("edi_enabled") and data.get("edi_provider_siret"):
        try:
            data["edi_provider_siret"] = siret_id.validate(data["edi_provider_siret"])
        except InvalidIdentifier as error:
            raise HabilitationError(str(error), field="edi_provider_siret") from error
    with transaction.atomic():
        for field in ADHESION_FIELDS:
            if field in data:
                setattr(adhesion, field, data[field])
        adhesion.save()
        adhesion.lines.all().delete()
        AdhesionLine.objects.bulk_create(
            [AdhesionLine(adhesion=adhesion, user=user, rights=codes) for user, codes in resolved]
        )
    return adhesion


def adhesion_submit(*, actor: User, adhesion: Adhesion, screen: str = "") -> Adhesion:
    """Send the draft to the customs office in charge of the excise number, after checking it
    against the register."""
    if not rights.adhesion_abilities(actor, adhesion).submit:
        raise _refuse_forged(actor, f"submit adhesion {adhesion.pk}")
    operator, number = adhesion.operator, adhesion.excise_number
    if adhesion.siren != operator.siren:
        raise HabilitationError(
            "Le N° SIREN ne correspond pas à celui que le référentiel douanier connaît pour ce numéro d'accise.",
            field="siren",
        )
    if not number.is_valid_on(timezone.localdate()):
        raise HabilitationError(
            f"Le numéro d'accise {number.number} n'est pas valide aujourd'hui dans le référentiel douanier.",
            field="excise_number",
        )
    if not adhesion.lines.exists():
        raise HabilitationError("Désignez au moins un compte utilisateur à habiliter (rubrique 2).")
    if adhesion.edi_enabled and not (
        adhesion.edi_provider_siret and adhesion.edi_software and adhesion.edi_provider_name_address
    ):
        raise HabilitationError(
            "Mode EDI : indiquez le SIRET, le logiciel et la raison sociale et l'adresse de votre prestataire EDI.",
            field="edi_provider_siret",
        )
    missing = [
        label
        for field, label in [
            ("signed_at_place", "le lieu"),
            ("signed_on", "la date"),
            ("legal_representative", "le nom du représentant légal"),
        ]
        if not getattr(adhesion, field)
    ]
    if not adhesion.signature_waiver or missing:
        raise HabilitationError(
            "Rubrique 4 : acceptez l'engagement de dispense de signature"
            + (f" et indiquez {', '.join(missing)}." if missing else "."),
            field="signature_waiver",
        )
    try:
        with transaction.atomic():
            before = _move(adhesion, AdhesionStatus.SUBMITTED)
            adhesion.submitted_at = timezone.now()
            adhesion.save(update_fields=["status", "submitted_at"])
            _audit(
                actor=actor,
                action="adhesion_submitted",
                summary=f"Adhésion transmise au bureau {adhesion.customs_office.code}",
                operator=operator,
                adhesion=adhesion,
                before={"status": before},
                after={"status": adhesion.status},
                screen=screen,
            )
            if adhesion.customs_office.email:
                queue_mail(
                    to=[adhesion.customs_office.email],
                    subject=f"Demande d'adhésion à GAMMA à instruire — {number.number}",
                    template="habilitations/email/adhesion_submitted",
                    context={"adhesion": adhesion},
                )
    except IntegrityError as error:
        raise HabilitationError(
            f"Le numéro d'accise {number.number} a déjà une adhésion en cours d'instruction ou acceptée : "
            "à un numéro d'accise correspond une seule adhésion.",
            field="excise_number",
        ) from error
    return adhesion


def adhesion_withdraw(*, actor: User, adhesion: Adhesion, screen: str = "") -> Adhesion:
    if not rights.adhesion_abilities(actor, adhesion).withdraw:
        raise _refuse_forged(actor, f"withdraw adhesion {adhesion.pk}")
    with transaction.atomic():
        before = _move(adhesion, AdhesionStatus.WITHDRAWN)
        adhesion.save(update_fields=["status"])
        _audit(
            actor=actor,
            action="adhesion_withdrawn",
            summary="Adhésion retirée par l'entreprise",
            operator=adhesion.operator,
            adhesion=adhesion,
            before={"status": before},
            after={"status": adhesion.status},
            screen=screen,
        )
    return adhesion


# --- Instruction (the customs office) ------------------------------------------------------------


def _notify_decision(adhesion: Adhesion, base_url: str) -> None:
    recipients = {adhesion.prepared_by.email} | {line.user.email for line in adhesion.lines.select_related("user")}
    for email in sorted(recipient for recipient in recipients if recipient):
        queue_mail(
            to=[email],
            subject=f"Votre demande d'adhésion à GAMMA pour {adhesion.excise_number.number} : "
            + ("acceptée" if adhesion.status == AdhesionStatus.APPROVED else "refusée"),
            template="habilitations/email/adhesion_decided",
            context={"adhesion": adhesion, "portal_url": base_url.rstrip("/") + reverse("accounts:personal_space")},
        )


def adhesion_approve(*, actor: User, adhesion: Adhesion, base_url: str, screen: str = "") -> Adhesion:
    """The office accepts: every line's rights are granted, the requester and users are told."""
    if not rights.adhesion_abilities(actor, adhesion).instruct:
        raise _refuse_forged(actor, f"approve adhesion {adhesion.pk}")
    with transaction.atomic():
        _lock(adhesion)
        before = _move(adhesion, AdhesionStatus.APPROVED)
        adhesion.decided_at, adhesion.decided_by = timezone.now(), actor
        adhesion.save(update_fields=["status", "decided_at", "decided_by"])
        granted = {}
        for line in adhesion.lines.select_related("user"):
            for code in line.rights:
                Habilitation.objects.get_or_create(
                    user=line.user,
                    teleservice=adhesion.teleservice,
                    excise_number=adhesion.excise_number,
                    right=code,
                    defaults={"adhesion": adhesion, "granted_by": actor},
                )
            granted[line.user.username] = line.rights
        from habilitations import claims

        claims.confirm_by_adhesion(actor=actor, adhesion=adhesion, screen=screen)
        _audit(
            actor=actor,
            action="adhesion_approved",
            summary=f"Adhésion acceptée, {len(granted)} compte(s) habilité(s)",
            operator=adhesion.operator,
            adhesion=adhesion,
            before={"status": before},
            after={"status": adhesion.status, "habilitations": granted},
            screen=screen,
        )
        _notify_decision(adhesion, base_url)
    return adhesion


def adhesion_reject(*, actor: User, adhesion: Adhesion, reason: str, base_url: str, screen: str = "") -> Adhesion:
    if not rights.adhesion_abilities(actor, adhesion).instruct:
        raise _refuse_forged(actor, f"reject adhesion {adhesion.pk}")
    reason = reason.strip()
    if not reason:
        raise HabilitationError("Indiquez le motif du refus : il est communiqué à l'entreprise.", field="reason")
    with transaction.atomic():
        _lock(adhesion)
        before = _move(adhesion, AdhesionStatus.REJECTED)
        adhesion.decided_at, adhesion.decided_by, adhesion.rejection_reason = timezone.now(), actor, reason
        adhesion.save(update_fields=["status", "decided_at", "decided_by", "rejection_reason"])
        _audit(
            actor=actor,
            action="adhesion_rejected",
            summary="Adhésion refusée",
            operator=adhesion.operator,
            adhesion=adhesion,
            before={"status": before},
            after={"status": adhesion.status, "reason": reason},
            screen=screen,
        )
        _notify_decision(adhesion, base_url)
    return adhesion


def operator_update_from_adhesion(
    *, actor: User, adhesion: Adhesion, name: str, address: str, postal_code: str, city: str, screen: str = ""
) -> Operator:
    """The seed's ROSA step: the office aligns the operator's record in the customs register."""
    if not rights.adhesion_abilities(actor, adhesion).instruct:
        raise _refuse_forged(actor, f"update operator of adhesion {adhesion.pk}")
    values = {
        "name": name.strip(),
        "address": address.strip(),
        "postal_code": postal_code.strip(),
        "city": city.strip(),
    }
    empty = [field for field, value in values.items() if not value]
    if empty:
        raise HabilitationError("Raison sociale, adresse, code postal et commune sont obligatoires.", field=empty[0])
    operator = adhesion.operator
    before = {field: getattr(operator, field) for field in values}
    if before == values:
        return operator
    with transaction.atomic():
        for field, value in values.items():
            setattr(operator, field, value)
        operator.save(update_fields=list(values))
        _audit(
            actor=actor,
            action="operator_updated",
            summary="Fiche de l'opérateur mise à jour dans le référentiel (ROSA)",
            operator=operator,
            adhesion=adhesion,
            before=before,
            after=values,
            screen=screen,
        )
    return operator


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


# --- Delegations -------------------------------------------------------------------------------


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


def audit_trail_for(*, actor: User, operator: Operator):
    """The audit trail of a company, for the office in charge and the company's correspondents
    and administrators; nobody else (an empty list, the views answer 404 before)."""
    events = AuditEvent.objects.filter(operator=operator).select_related("actor", "adhesion")
    if rights.office_in_charge_of(actor, operator):
        office = rights.office_of(actor)
        return events.filter(Q(customs_office=office) | Q(customs_office__isnull=True))
    if rights.is_correspondent(actor, operator):
        return events
    return AuditEvent.objects.none()


# --- The register's excise numbers (the admin) -----------------------------------------------------


def excise_number_register_values(excise_number: ExciseNumber) -> dict:
    """What the audit trail keeps of an excise number's place in the register."""
    office = excise_number.customs_office
    return {
        "excise_number": excise_number.number,
        "customs_office": f"{office.code} {office.name}" if office else "",
        "operator": f"{excise_number.operator.name} ({excise_number.operator.siren})",
    }


def excise_number_reassigned(
    *, actor: User, excise_number: ExciseNumber, before: ExciseNumber | None, screen: str
) -> None:
    """Record that ``excise_number`` was given an office or an operator: created, or moved from
    ``before`` (the row as it was read before the change). Only the CID or a superuser may do it:
    anybody else is refused, and logged."""
    if not rights.may_reassign_excise_numbers(actor):
        raise _refuse_forged(actor, f"reassign excise number {excise_number.number}")
    after = excise_number_register_values(excise_number)
    previous = excise_number_register_values(before) if before is not None else None
    if previous == after:
        return
    if previous is None:
        summary = f"Numéro d'accise {excise_number.number} créé, bureau de gestion {after['customs_office'] or 'aucun'}"
    else:
        summary = f"Numéro d'accise {excise_number.number} : bureau de gestion ou opérateur modifié"
    operators = [excise_number.operator]
    if before is not None and before.operator_id != excise_number.operator_id:
        operators.append(before.operator)  # the company it left sees it in its trail too
    for operator in operators:
        AuditEvent.objects.create(
            actor=actor,
            action="excise_number_reassigned",
            summary=summary[:255],
            operator=operator,
            customs_office=excise_number.customs_office,
            before=previous,
            after=after,
            screen=screen[:100],
        )


# --- Instruction: the request beside the register --------------------------------------------------


@dataclass(frozen=True)
class RegisterDifference:
    """One point where the request and the register disagree (or the register warns), in words."""

    key: str  # e.g. "rosa_name", "sirene_closed", "excise_validity"
    message: str  # the French sentence shown to the agent


@dataclass(frozen=True)
class RegisterCheck:
    """What the register knows about an adhesion's company and excise number, and each
    difference with what the company typed."""

    operator: Operator
    operator_address: str
    excise: register_services.ExciseNumberInfo | None
    legal_unit: LegalUnit | None
    legal_unit_name: str
    head_office: Establishment | None
    head_office_address: str
    differences: tuple[RegisterDifference, ...]

    @property
    def by_key(self) -> dict[str, str]:
        return {difference.key: difference.message for difference in self.differences}


def _comparable(text: str) -> str:
    """Uppercase, without accents or punctuation, street types spelled out (AV → AVENUE): two
    spellings of the same name or address compare equal."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).upper()
    words = re.sub(r"[^A-Z0-9]+", " ", text).split()
    spelled = []
    for word in words:
        label = register_labels.STREET_TYPES.get(word)
        spelled.append(_comparable(label) if label and label.upper() != word else word)
    return " ".join(spelled)


def adhesion_register_check(*, adhesion: Adhesion, today: datetime.date | None = None) -> RegisterCheck:
    """The instruction screen's right-hand side: the operator in the customs register (ROSA), the
    excise number (status, validity today, categories, office) and the company in SIRENE, with
    every difference from sections 1 of the request said in a sentence (not by colour alone)."""
    operator, number = adhesion.operator, adhesion.excise_number
    differences: list[RegisterDifference] = []

    def differ(key: str, message: str) -> None:
        differences.append(RegisterDifference(key, message))

    operator_address = " ".join(part for part in (operator.address, operator.postal_code, operator.city) if part)
    if adhesion.siren != operator.siren:
        differ("rosa_siren", f"N° SIREN : la demande indique {adhesion.siren}, ROSA connaît {operator.siren}.")
    if _comparable(adhesion.company_name) != _comparable(operator.name):
        differ(
            "rosa_name",
            f"Raison sociale : la demande indique « {adhesion.company_name} », ROSA connaît « {operator.name} ».",
        )
    if _comparable(adhesion.company_address) != _comparable(operator_address):
        differ(
            "rosa_address",
            f"Adresse : la demande indique « {adhesion.company_address} », ROSA connaît « {operator_address} ».",
        )

    try:
        excise = register_services.excise_number_info(number=number.number, today=today)
    except register_services.LookupRefused:
        excise = None  # a number recorded before the format rules: shown from the row itself
    if excise is not None and not excise.is_valid_today:
        differ("excise_validity", f"Le numéro d'accise n'est pas valide aujourd'hui ({excise.validity_display}).")
    if number.operator_id != adhesion.operator_id:
        differ("excise_holder", f"Le numéro d'accise est détenu dans ROSA par {number.operator.name}.")
    if number.customs_office_id != adhesion.customs_office_id:
        differ(
            "excise_office",
            f"Le numéro d'accise est désormais rattaché au bureau {number.customs_office.name} "
            f"({number.customs_office.code}).",
        )

    legal_unit = LegalUnit.objects.filter(pk=adhesion.siren).first()
    legal_unit_name = register_services.legal_unit_name(siren_number=adhesion.siren) or ""
    head_office, head_office_address = None, ""
    if legal_unit is None:
        differ("sirene_missing", f"Aucune entreprise n'est enregistrée dans SIRENE sous le N° SIREN {adhesion.siren}.")
    else:
        if legal_unit.state == AdministrativeState.CLOSED:
            differ("sirene_closed", "L'entreprise est fermée (cessation d'activité) dans SIRENE.")
        known_name = legal_unit_name not in ("", register_services.NOT_DISSEMINATED)
        if known_name and _comparable(adhesion.company_name) != _comparable(legal_unit_name):
            differ(
                "sirene_name",
                f"Raison sociale : la demande indique « {adhesion.company_name} », "
                f"SIRENE connaît « {legal_unit_name} ».",
            )
        head_office = (
            Establishment.objects.filter(pk=f"{legal_unit.siren}{legal_unit.head_office_nic}").first()
            if legal_unit.head_office_nic
            else None
        ) or Establishment.objects.filter(legal_unit_id=legal_unit.siren, is_head_office=True).first()
        if head_office is None:
            differ("sirene_head_office", "SIRENE ne connaît pas l'établissement siège de l'entreprise.")
        else:
            head_office_address = register_services.establishment_address(head_office)
            unknown = (register_services.NOT_DISSEMINATED, register_labels.NOT_PROVIDED)
            if head_office_address not in unknown and _comparable(adhesion.company_address) != _comparable(
                head_office_address
            ):
                differ(
                    "sirene_address",
                    f"Adresse : la demande indique « {adhesion.company_address} », le siège dans SIRENE est "
                    f"« {head_office_address} ».",
                )
    return RegisterCheck(
        operator=operator,
        operator_address=operator_address,
        excise=excise,
        legal_unit=legal_unit,
        legal_unit_name=legal_unit_name,
        head_office=head_office,
        head_office_address=head_office_address,
        differences=tuple(differences),
    )


# --- The company's pages (portal) ------------------------------------------------------------------


def adhesion_save_and_submit(
    *, actor: User, adhesion: Adhesion, data: dict, lines: list[LineRequest], screen: str = ""
):
    """« Transmettre au bureau de douane »: save the form as typed, then submit it, all or nothing
    (a refused submission leaves the draft as it was before)."""
    try:
        with transaction.atomic():
            adhesion_update(actor=actor, adhesion=adhesion, data=data, lines=lines, screen=screen)
            adhesion_submit(actor=actor, adhesion=adhesion, screen=screen)
    except HabilitationError:
        adhesion.refresh_from_db()
        raise
    return adhesion


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
