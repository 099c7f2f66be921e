"""« Créer mon entreprise de formation » and « Réinitialiser mon entreprise de formation »: the
training instance's self-service (issue 14). Only when ``portal.instance.is_training()``.

One click makes, in one transaction, a fictitious company for the person: an operator of the
register, an authorised warehousekeeper's and a registered consignee's excise number at the
training customs office, the person attached to it, an adhesion to GAMMA per number accepted at
once with the seven rights, and the person made correspondent and GAMMA administrator. The
office's part is played by the training office's system account (``SYSTEM_USERNAME``) through the
ordinary use cases (``adhesion_approve``, ``delegation_grant``), audited with the screen
« formation ».

Identifiers stay valid (``identifiers/``) but cannot be a real company's:

- SIREN ``000`` + 5 digits (the company's rank) + Luhn key: INSEE numbers legal units from
  ``005 …`` upwards, the ``000`` prefix is never given, and the training instance takes it as its
  reserved range (ranks 1 to 9999) (the SIRET adds the head office's NIC ``0001`` + key);
- excise numbers ``FR0`` + year + office ``999`` (the training office ``FR009999``, which no real
  office uses) + ``E`` or ``D`` + the rank.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from stdnum import luhn

from accounts.models import ClaimStatus, User
from edi.models import Credential, Delivery, InboundMessage
from fallback.models import AssistanceRequest, FallbackAuthorisation, FallbackDocument, NumberSeries
from gamma.models import FeedEntry, InboxMark, InboxVisit, Movement, MovementTemplate
from habilitations import catalogue
from habilitations.audit import _audit
from habilitations.delegation import delegation_grant
from habilitations.instruction import adhesion_approve
from habilitations.models import Adhesion, AdhesionLine, AdhesionStatus, Delegation, DelegationKind, Habilitation
from identifiers import excise, siren, siret
from register.models import CustomsOffice, ExciseNumber, ExciseStatus, Operator, ProductCategory
from training.models import FeedRead, TrainingCompany

SCREEN = "formation"
SIREN_PREFIX = "000"
OFFICE_CODE = "FR009999"
OFFICE = ("Bureau de douane de formation", "1 place de la Formation", "75012", "PARIS")
SYSTEM_USERNAME = "formation.bureau"
SEVEN_RIGHTS = [right.code for right in catalogue.rights_of(catalogue.GAMMA)]
ADDRESS = ("1 rue de l'Exercice", "75012", "PARIS")
MAX_RANK = 9999  # the excise numbers' order number has 4 digits


def training_office() -> CustomsOffice:
    name, address, postal_code, city = OFFICE
    office, _ = CustomsOffice.objects.get_or_create(
        code=OFFICE_CODE, defaults={"name": name, "address": address, "postal_code": postal_code, "city": city}
    )
    return office


def system_agent() -> User:
    """The training office's account that plays the office's part: staff of the training office,
    with no usable password (nobody logs in with it)."""
    office = training_office()
    agent = User.objects.filter(username=SYSTEM_USERNAME).first()
    if agent is None:
        agent = User(
            username=SYSTEM_USERNAME,
            first_name="Bureau",
            last_name="de formation",
            is_staff=True,
            is_active=True,
            activated_at=timezone.now(),
            customs_office=office,
        )
        agent.set_unusable_password()
        agent.save()
    return agent


def _free_rank() -> int:
    rank = TrainingCompany.objects.count() + 1
    while Operator.objects.filter(siren=_siren(rank)).exists():
        rank += 1
    if rank > MAX_RANK:
        raise ValueError("Plus de numéro de formation disponible.")
    return rank


def _siren(rank: int) -> str:
    base = f"{SIREN_PREFIX}{rank:05d}"
    return siren.validate(base + luhn.calc_check_digit(base))


def _siret(siren_number: str) -> str:
    base = f"{siren_number}0001"
    return siret.validate(base + luhn.calc_check_digit(base))


def _number(letter: str, rank: int) -> str:
    return excise.validate(f"FR0{timezone.localdate():%y}{OFFICE_CODE[-3:]}{letter}{rank % 10000:04d}")


def _new_operator(user: User) -> tuple[int, Operator]:
    """The operator at the first free rank; a rank taken meanwhile by another person's click is
    skipped (the SIREN is unique)."""
    address, postal_code, city = ADDRESS
    rank = _free_rank()
    while True:
        try:
            with transaction.atomic():
                return rank, Operator.objects.create(
                    siren=_siren(rank),
                    name=f"Entreprise de formation de {user.username}"[:120],
                    address=address,
                    postal_code=postal_code,
                    city=city,
                )
        except IntegrityError:
            rank += 1
            if rank > MAX_RANK:
                raise


def company_of(user) -> TrainingCompany | None:
    return TrainingCompany.objects.select_related("operator", "warehousekeeper", "consignee").filter(owner=user).first()


def create(*, user: User, base_url: str) -> tuple[TrainingCompany, bool]:
    """``user``'s training company, made now (True) or the one already made (False)."""
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one click at a time per person
        existing = company_of(user)
        if existing is not None:
            return existing, False
        office, agent = training_office(), system_agent()
        rank, operator = _new_operator(user)
        categories = list(ProductCategory.objects.all())
        numbers = {}
        for status, letter in (
            (ExciseStatus.AUTHORISED_WAREHOUSEKEEPER, "E"),
            (ExciseStatus.REGISTERED_CONSIGNEE, "D"),
        ):
            number = _number(letter, rank)
            excise_number = ExciseNumber.objects.create(
                number=number,
                operator=operator,
                status=status,
                customs_office=office,
                tax_warehouse_reference=number if letter == "E" else "",
                # Valid since the start of last year: a trainee may practise with past dates too.
                valid_from=datetime.date(timezone.localdate().year - 1, 1, 1),
            )
            excise_number.product_categories.set(categories)
            numbers[letter] = excise_number
        user.siret, user.company_name, user.siret_status = _siret(operator.siren), operator.name, ClaimStatus.CLAIMED
        user.save(update_fields=["siret", "company_name", "siret_status"])
        company = TrainingCompany.objects.create(
            owner=user, operator=operator, warehousekeeper=numbers["E"], consignee=numbers["D"]
        )
        _audit(
            actor=user,
            action="training_company_created",
            summary=f"Entreprise de formation créée ({numbers['E'].number}, {numbers['D'].number})",
            operator=operator,
            screen=SCREEN,
        )
        _adhesions_and_delegations(company, agent=agent, base_url=base_url)
    return company, True


def _adhesions_and_delegations(company: TrainingCompany, *, agent: User, base_url: str) -> None:
    """An adhesion per number accepted at once (the seven rights), then correspondent and GAMMA
    administrator: the office's use cases, acted by the training office's system account."""
    user, operator = company.owner, company.operator
    for number in (company.warehousekeeper, company.consignee):
        adhesion = Adhesion.objects.create(
            teleservice=catalogue.GAMMA,
            excise_number=number,
            operator=operator,
            customs_office=number.customs_office,
            status=AdhesionStatus.SUBMITTED,
            siren=operator.siren,
            company_name=operator.name,
            company_address=f"{operator.address} {operator.postal_code} {operator.city}",
            edi_enabled=True,
            signature_waiver=True,
            signed_at_place=operator.city.title(),
            signed_on=timezone.localdate(),
            legal_representative=user.get_full_name() or user.username,
            prepared_by=user,
            submitted_at=timezone.now(),
        )
        AdhesionLine.objects.create(adhesion=adhesion, user=user, rights=SEVEN_RIGHTS)
        adhesion_approve(actor=agent, adhesion=adhesion, base_url=base_url, screen=SCREEN)
        user.refresh_from_db()
    for kind, teleservice in ((DelegationKind.CORRESPONDENT, ""), (DelegationKind.TELESERVICE_ADMIN, catalogue.GAMMA)):
        if not Delegation.objects.filter(user=user, operator=operator, kind=kind, teleservice=teleservice).exists():
            delegation_grant(
                actor=agent, user=user, operator=operator, kind=kind, teleservice=teleservice, screen=SCREEN
            )


def reset(*, company: TrainingCompany, actor: User) -> TrainingCompany:
    """Everything the company did is deleted (movements, drafts, messages, feed entries, GPS
    documents, EDI credentials and their evidence, feed reads), and it is back as it was made: the
    same numbers, the owner alone with the seven rights, correspondent and GAMMA administrator.
    Another company's movement to it stays that company's; only its feed entries here go."""
    if company.owner_id != actor.pk:
        raise PermissionError("training company of another account")
    numbers = company.numbers
    excise_pks = [company.warehousekeeper_id, company.consignee_id]
    with transaction.atomic():
        TrainingCompany.objects.select_for_update().filter(pk=company.pk).first()
        _forget_credentials(company)
        movements = Movement.objects.filter(consignor_id__in=excise_pks)
        InboundMessage.objects.filter(movement__in=movements).update(movement=None)
        FallbackDocument.objects.filter(excise_number_id__in=excise_pks).delete()
        FallbackDocument.objects.filter(movement__in=movements).delete()
        FallbackAuthorisation.objects.filter(excise_number_id__in=excise_pks).delete()
        AssistanceRequest.objects.filter(excise_number_id__in=excise_pks).delete()
        NumberSeries.objects.filter(excise_number_id__in=excise_pks).delete()
        movements.delete()
        FeedEntry.objects.filter(excise_number__in=numbers).delete()
        MovementTemplate.objects.filter(excise_number_id__in=excise_pks).delete()
        InboundMessage.objects.filter(user=company.owner, credential__isnull=True).delete()
        InboxMark.objects.filter(user=company.owner).delete()
        InboxVisit.objects.filter(user=company.owner).delete()
        _initial_rights(company)
        company.reset_at = timezone.now()
        company.save(update_fields=["reset_at"])
        _audit(
            actor=actor,
            action="training_company_reset",
            summary="Entreprise de formation réinitialisée",
            operator=company.operator,
            screen=SCREEN,
        )
    return company


def _forget_credentials(company: TrainingCompany) -> None:
    credentials = list(Credential.objects.filter(operator=company.operator))
    if not credentials:
        return
    FeedRead.objects.filter(credential__in=credentials).delete()
    Delivery.objects.filter(credential__in=credentials).delete()
    evidence = InboundMessage.objects.filter(credential__in=credentials)
    evidence.update(replay_of=None)
    evidence.delete()
    actors = [credential.actor_id for credential in credentials]
    Credential.objects.filter(pk__in=[credential.pk for credential in credentials]).delete()
    try:
        with transaction.atomic():
            User.objects.filter(pk__in=actors).delete()
    except ProtectedError:
        pass  # named by an audit event: the channel account stays, inactive, with no credential


def _initial_rights(company: TrainingCompany) -> None:
    owner, operator, agent = company.owner, company.operator, system_agent()
    Habilitation.objects.filter(excise_number__in=[company.warehousekeeper, company.consignee]).exclude(
        user=owner
    ).delete()
    for number in (company.warehousekeeper, company.consignee):
        adhesion = Adhesion.objects.filter(
            excise_number=number, teleservice=catalogue.GAMMA, status=AdhesionStatus.APPROVED
        ).first()
        held = Habilitation.objects.filter(user=owner, teleservice=catalogue.GAMMA, excise_number=number)
        held.exclude(right__in=SEVEN_RIGHTS).delete()
        for code in SEVEN_RIGHTS:
            Habilitation.objects.get_or_create(
                user=owner,
                teleservice=catalogue.GAMMA,
                excise_number=number,
                right=code,
                defaults={"adhesion": adhesion, "granted_by": agent},
            )
    Delegation.objects.filter(operator=operator).exclude(user=owner).delete()
    for kind, teleservice in ((DelegationKind.CORRESPONDENT, ""), (DelegationKind.TELESERVICE_ADMIN, catalogue.GAMMA)):
        Delegation.objects.get_or_create(
            user=owner, operator=operator, kind=kind, teleservice=teleservice, defaults={"granted_by": agent}
        )
