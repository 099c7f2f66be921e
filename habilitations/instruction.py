"""The customs office instructs an adhesion: accepts it (the lines' rights are granted) or refuses
it, aligns the operator's record in the register, and sees the request beside what the register
(ROSA, SIRENE) knows, every difference said in a sentence."""

import datetime
import re
import unicodedata
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts import notifications
from accounts.models import User
from habilitations import rights
from habilitations.audit import _audit
from habilitations.errors import HabilitationError, _refuse_forged
from habilitations.models import Adhesion, AdhesionStatus, Habilitation
from habilitations.transitions import _lock, _move
from register import labels as register_labels
from register import services as register_services
from register.models import AdministrativeState, Establishment, LegalUnit, Operator


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
        notifications.adhesion_decided(adhesion=adhesion, base_url=base_url)
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
        notifications.adhesion_decided(adhesion=adhesion, base_url=base_url)
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
