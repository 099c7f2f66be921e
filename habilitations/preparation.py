"""The company prepares its adhesion: a draft prefilled from the register, sections 1 to 4 saved
as typed (section 2's accounts checked row by row), then submitted to the customs office in charge,
or withdrawn."""

import copy
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import notifications
from accounts.models import User
from habilitations import catalogue, rights
from habilitations.audit import _audit
from habilitations.errors import HabilitationError, HabilitationErrors, _refuse_forged
from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus
from habilitations.transitions import _move
from identifiers import siret as siret_id
from identifiers.exceptions import InvalidIdentifier
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
    rights are among those the teleservice offers. Errors name the row (« Ligne 2 : … »); every
    row is checked (``HabilitationErrors`` with each faulty row's)."""
    resolved, errors = _check_lines(adhesion=adhesion, lines=lines)
    if errors:
        raise HabilitationErrors(errors)
    return resolved


def _check_lines(
    *, adhesion: Adhesion, lines: list[LineRequest]
) -> tuple[list[tuple[User, list[str]]], list[HabilitationError]]:
    """The rows' accounts and rights, and the refusal of each faulty row (its first fault)."""
    resolved: list[tuple[User, list[str]]] = []
    errors: list[HabilitationError] = []
    seen: set[int] = set()
    for index, line in enumerate(lines, start=1):
        if not line.username.strip() and not line.email.strip() and not line.rights:
            continue
        try:
            user, codes = _check_line(adhesion, index, line, seen)
        except HabilitationError as error:
            errors.append(error)
            continue
        seen.add(user.pk)
        resolved.append((user, codes))
    return resolved, errors


def _check_line(adhesion: Adhesion, index: int, line: LineRequest, seen: set[int]) -> tuple[User, list[str]]:
    field = f"ligne-{index}-identifiant"  # the row's first input: where its error shows
    if "\x00" in line.username or "\x00" in line.email:
        # Typed text never holds NUL (PostgreSQL refuses it in a query): a forged row.
        raise HabilitationError(
            f"Ligne {index} : l'identifiant ou l'adresse courriel contient un caractère non autorisé.", field=field
        )
    unknown = set(line.rights) - catalogue.right_codes(adhesion.teleservice)
    if unknown:
        raise HabilitationError(f"Ligne {index} : droit inconnu ({', '.join(sorted(unknown))}).", field=field)
    user = User.objects.filter(
        username__iexact=line.username.strip(), email__iexact=line.email.strip(), is_active=True
    ).first()
    if user is None or user.activated_at is None:
        raise HabilitationError(
            f"Ligne {index} : aucun compte ProDou@ne activé ne correspond à l'identifiant "
            f"« {line.username.strip()} » et à l'adresse « {line.email.strip()} ». Ces deux informations "
            "ont été choisies par l'utilisateur lors de son inscription.",
            field=field,
        )
    if not rights.claims_for(user, adhesion.operator):
        raise HabilitationError(
            f"Ligne {index} : le compte « {user.username} » n'est pas rattaché à {adhesion.operator.name} "
            f"(SIREN {adhesion.operator.siren}). Seuls les comptes qui ont indiqué le SIRET d'un établissement "
            "de l'entreprise, à l'inscription ou dans « Mon compte », peuvent être habilités.",
            field=field,
        )
    if user.pk in seen:
        raise HabilitationError(
            f"Ligne {index} : le compte « {user.username} » figure déjà dans le tableau.", field=field
        )
    if not line.rights:
        raise HabilitationError(f"Ligne {index} : cochez au moins un droit pour « {user.username} ».", field=field)
    return user, [r.code for r in catalogue.rights_of(adhesion.teleservice) if r.code in line.rights]


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
    resolved, errors = _check_update(adhesion=adhesion, data=data, lines=lines)
    if errors:
        raise HabilitationErrors(errors)
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


def _check_update(
    *, adhesion: Adhesion, data: dict, lines: list[LineRequest]
) -> tuple[list[tuple[User, list[str]]], list[HabilitationError]]:
    """Every row of the table and the EDI provider's SIRET (normalised in ``data`` when valid)."""
    resolved, errors = _check_lines(adhesion=adhesion, lines=lines)
    if data.get("edi_enabled") and data.get("edi_provider_siret"):
        try:
            data["edi_provider_siret"] = siret_id.validate(data["edi_provider_siret"])
        except InvalidIdentifier as error:
            errors.append(HabilitationError(str(error), field="edi_provider_siret"))
    return resolved, errors


def adhesion_problems(
    *, actor: User, adhesion: Adhesion, data: dict, lines: list[LineRequest], submitting: bool
) -> list[HabilitationError]:
    """Every fault of the form as typed, in one pass, nothing saved (issue 12): the rows of the
    table, the EDI provider, and when ``submitting`` what the submission requires (accounts, EDI
    details, the signature section), as ``adhesion_update`` then ``adhesion_submit`` would refuse
    them. ``data`` may lack the fields the form refused: they are not checked again."""
    if not rights.adhesion_abilities(actor, adhesion).edit:
        raise _refuse_forged(actor, f"edit adhesion {adhesion.pk}")
    data = dict(data)
    resolved, errors = _check_update(adhesion=adhesion, data=data, lines=lines)
    if submitting:
        typed = copy.copy(adhesion)
        for field in ADHESION_FIELDS:
            if field in data:
                setattr(typed, field, data[field])
        refused = {error.field for error in errors}
        errors += [
            error
            for error in _submission_problems(
                typed, has_lines=bool(resolved) or any(e.field.startswith("ligne-") for e in errors)
            )
            if error.field not in refused
        ]
    return errors


def _submission_problems(adhesion: Adhesion, *, has_lines: bool) -> list[HabilitationError]:
    """What the submission requires, each fault at its field (all of them, not the first)."""
    operator, number = adhesion.operator, adhesion.excise_number
    errors: list[HabilitationError] = []
    if adhesion.siren != operator.siren:
        errors.append(
            HabilitationError(
                "Le N° SIREN ne correspond pas à celui que le référentiel douanier connaît pour ce numéro d'accise.",
                field="siren",
            )
        )
    if not number.is_valid_on(timezone.localdate()):
        errors.append(
            HabilitationError(
                f"Le numéro d'accise {number.number} n'est pas valide aujourd'hui dans le référentiel douanier.",
                field="excise_number",
            )
        )
    if not has_lines:
        errors.append(
            HabilitationError(
                "Désignez au moins un compte utilisateur à habiliter (rubrique 2).", field="ligne-1-identifiant"
            )
        )
    if adhesion.edi_enabled:
        for field, missing in [
            ("edi_provider_siret", "le SIRET de votre prestataire EDI"),
            ("edi_software", "le logiciel et son numéro de version"),
            ("edi_provider_name_address", "la raison sociale et l'adresse de votre prestataire EDI"),
        ]:
            if not getattr(adhesion, field):
                errors.append(HabilitationError(f"Mode EDI : indiquez {missing}.", field=field))
    if not adhesion.signature_waiver:
        errors.append(
            HabilitationError("Rubrique 4 : acceptez l'engagement de dispense de signature.", field="signature_waiver")
        )
    for field, missing in [
        ("signed_at_place", "le lieu (« Fait à »)"),
        ("signed_on", "la date de signature"),
        ("legal_representative", "le nom du représentant légal"),
    ]:
        if not getattr(adhesion, field):
            errors.append(HabilitationError(f"Rubrique 4 : indiquez {missing}.", field=field))
    return errors


def adhesion_submit(*, actor: User, adhesion: Adhesion, screen: str = "") -> Adhesion:
    """Send the draft to the customs office in charge of the excise number, after checking it
    against the register."""
    if not rights.adhesion_abilities(actor, adhesion).submit:
        raise _refuse_forged(actor, f"submit adhesion {adhesion.pk}")
    operator, number = adhesion.operator, adhesion.excise_number
    errors = _submission_problems(adhesion, has_lines=adhesion.lines.exists())
    if errors:
        raise HabilitationErrors(errors)
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
            notifications.adhesion_submitted(adhesion=adhesion)  # the office, the preparer, the administrators
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
    problems = adhesion_problems(actor=actor, adhesion=adhesion, data=data, lines=lines, submitting=True)
    if problems:
        raise HabilitationErrors(problems)
    try:
        with transaction.atomic():
            adhesion_update(actor=actor, adhesion=adhesion, data=data, lines=lines, screen=screen)
            adhesion_submit(actor=actor, adhesion=adhesion, screen=screen)
    except HabilitationError:
        adhesion.refresh_from_db()
        raise
    return adhesion
