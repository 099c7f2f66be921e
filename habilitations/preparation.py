"""The company prepares its adhesion: a draft prefilled from the register, sections 1 to 4 saved
as typed (section 2's accounts checked row by row), then submitted to the customs office in charge,
or withdrawn."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from habilitations import catalogue, rights
from habilitations.audit import _audit
from habilitations.errors import HabilitationError, _refuse_forged
from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus
from habilitations.transitions import _move
from identifiers import siret as siret_id
from identifiers.exceptions import InvalidIdentifier
from mail.services import queue_mail
from register.models import ExciseNumber


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
