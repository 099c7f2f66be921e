"""Who may do what: computed here, in one place, and read by every view, template, command and
EDI endpoint. Nothing is cached across requests: a revoked right stops working on the next one.
Within one request or message, ``read_once(user)`` gives an account whose rights are read once
however many checks the use cases make (``edi.service`` gives it to the use cases it calls)."""

import copy
from dataclasses import dataclass

from django.db.models import F, QuerySet

from accounts import roles
from accounts.models import ClaimStatus
from habilitations import catalogue
from habilitations.models import ACTIVE_STATUSES, Adhesion, AdhesionStatus, Delegation, DelegationKind, Habilitation
from prodouane.compiled import CompiledQuery
from register.models import ExciseNumber, Operator


def is_activated(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.activated_at)


def _may_join_a_company(user) -> bool:
    """An activated account, not a customs agent's: staff never act for a company they may instruct
    (even one whose account claimed a company before it became staff)."""
    return is_activated(user) and not user.is_staff


def confirmed_siren(user) -> str:
    """The SIREN of the company ``user`` is attached to by a *confirmed* claim, else "". Everything
    of a company (its adhesions, users, e-mails, habilitations, GAMMA, audit trail) is gated on it:
    a SIRET merely typed at registration or in « Mon compte » opens nothing."""
    if not _may_join_a_company(user) or not user.siret or user.siret_status != ClaimStatus.CONFIRMED:
        return ""
    return user.siret[:9]


def company_of(user) -> Operator | None:
    """The company (operator of the customs register) a user is attached to: the SIRET they gave,
    once the claim is confirmed by the company's correspondent or by the customs office."""
    siren = confirmed_siren(user)
    return Operator.objects.filter(siren=siren).first() if siren else None


def claimed_company(user) -> Operator | None:
    """The company a user *asks* to be attached to (claim not yet confirmed), or None."""
    if not _may_join_a_company(user) or not user.siret or user.siret_status != ClaimStatus.CLAIMED:
        return None
    return Operator.objects.filter(siren=user.siret[:9]).first()


def claims_for(user, operator: Operator) -> bool:
    """``user``'s claim (waiting or confirmed, not refused) names ``operator``: only such accounts
    may be named on its adhesions."""
    return (
        _may_join_a_company(user)
        and bool(user.siret)
        and user.siret[:9] == operator.siren
        and user.siret_status in (ClaimStatus.CLAIMED, ClaimStatus.CONFIRMED)
    )


def has_correspondent(operator: Operator) -> bool:
    return Delegation.objects.filter(operator=operator, kind=DelegationKind.CORRESPONDENT).exists()


def adhesion_company(user) -> Operator | None:
    """The company for which ``user`` may prepare an adhesion: theirs (confirmed claim), or the one
    they claim when it has no correspondent yet (nobody there could confirm them: the office
    confirms the preparer's claim when it accepts the adhesion, after checking the signed form)."""
    company = company_of(user)
    if company is not None:
        return company
    claimed = claimed_company(user)
    if claimed is not None and not has_correspondent(claimed):
        return claimed
    return None


def can_decide_claims(user, operator: Operator) -> bool:
    """The company's correspondent (every teleservice administrator is one) confirms or refuses
    the claims of accounts to join the company."""
    return is_correspondent(user, operator)


def may_ask_to_join(user, operator: Operator) -> bool:
    """« Demander à rejoindre l'entreprise »: an activated account, not an agent's, not already
    attached to ``operator``, may ask to join it once the company has an adhesion waiting for
    instruction or in force (it then has, or soon has, someone who knows its staff)."""
    return (
        _may_join_a_company(user)
        and confirmed_siren(user) != operator.siren
        and Adhesion.objects.filter(operator=operator, status__in=ACTIVE_STATUSES).exists()
    )


def office_of(user):
    """The customs office an agent works for, or None for anybody else."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return None
    return user.customs_office


def _in_staff_group(user, group: str) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.is_staff and user.groups.filter(name=group).exists()
    )


def is_cid_agent(user) -> bool:
    """An agent of the customs IT centre (CID): declares the incidents on the teleservices."""
    return _in_staff_group(user, roles.CID)


def is_sau_agent(user) -> bool:
    """An agent of the helpdesk (SAU): diagnoses the users' assistance requests."""
    return _in_staff_group(user, roles.SAU)


def may_reassign_excise_numbers(user) -> bool:
    """Who may move an excise number to another office or operator (in the admin): the CID and
    superusers, never an office agent, who would take a company into his own office."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    return user.is_superuser or is_cid_agent(user)


_MEMO = "_rights_read_once"


def read_once(user):
    """A copy of ``user`` (the caller's instance is left as it is) whose rights on each teleservice
    are read at the first check and then reused, for the one request or message it acts in: the
    edge that checks a right and the use cases that check it again ask the database once. Give it
    to nothing that outlives the request (a right revoked meanwhile would still be read as held)."""
    if user is None or not getattr(user, "pk", None):
        return user
    scoped = copy.copy(user)
    setattr(scoped, _MEMO, {})
    return scoped


def rights_for(user, teleservice: str, excise_number: ExciseNumber | str) -> frozenset[str]:
    """The codes of the rights ``user`` holds on ``teleservice`` for ``excise_number``; for the
    channel account of an EDI credential, the rights of the EDI channel (``edi_channel_rights``)."""
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    if getattr(user, _MEMO, None) is not None:  # read_once: every number's rights, read once
        return rights_by_excise_number(user, teleservice).get(number, frozenset())
    credential = edi_credential_of(user)
    if credential is not None:
        return edi_channel_rights(credential, teleservice, number=number).get(number, frozenset())
    if not is_activated(user):
        return frozenset()
    if teleservice == catalogue.GPS:
        return rights_for(user, catalogue.GAMMA, number) & catalogue.GPS_RIGHTS
    siren = confirmed_siren(user)
    if not siren:
        return frozenset()
    rows = _RIGHTS.rows(user_id=user.pk, teleservice=teleservice, number=number, siren=siren)
    return frozenset(right for (right,) in rows)


# Read on every request that acts for an excise number: compiled once per connection.
_RIGHTS = CompiledQuery(
    lambda user_id, teleservice, number, siren: Habilitation.objects.filter(
        user_id=user_id,
        teleservice=teleservice,
        excise_number__number=number,
        adhesion__status=AdhesionStatus.APPROVED,
        # Rights act for the company the account is attached to; someone who left it keeps none.
        excise_number__operator__siren=siren,
    ).values_list("right"),
    user_id=int,
    teleservice=str,
    number=str,
    siren=str,
)


def holders(teleservice: str, excise_number: ExciseNumber | str, codes) -> QuerySet:
    """The people's accounts that hold, on ``excise_number``, at least one of the rights ``codes``
    of ``teleservice``, as ``rights_for`` reads them (an activated account attached by a confirmed
    claim to the company holding the number, a habilitation of an adhesion in force), in one
    statement: who is told of what happens to the number (``accounts.notifications``)."""
    from accounts.models import User

    number = excise_number if isinstance(excise_number, str) else excise_number.number
    return User.objects.filter(
        is_active=True,
        activated_at__isnull=False,
        is_staff=False,
        siret_status=ClaimStatus.CONFIRMED,
        habilitations__teleservice=teleservice,
        habilitations__excise_number__number=number,
        habilitations__right__in=list(codes),
        habilitations__adhesion__status=AdhesionStatus.APPROVED,
        # Rights act for the company the account is attached to (``confirmed_siren``).
        siret__startswith=F("habilitations__excise_number__operator__siren"),
    ).distinct()


def has_right(user, teleservice: str, excise_number, right: catalogue.Right | str) -> bool:
    code = right if isinstance(right, str) else right.code
    return code in rights_for(user, teleservice, excise_number)


def rights_by_excise_number(user, teleservice: str) -> dict[str, frozenset[str]]:
    """Every excise number ``user`` acts for on ``teleservice``, with the rights held there."""
    memo = getattr(user, _MEMO, None)
    if memo is not None:
        if teleservice not in memo:
            memo[teleservice] = _rights_by_excise_number(user, teleservice)
        return dict(memo[teleservice])  # the caller's to change
    return _rights_by_excise_number(user, teleservice)


def _rights_by_excise_number(user, teleservice: str) -> dict[str, frozenset[str]]:
    credential = edi_credential_of(user)
    if credential is not None:
        return edi_channel_rights(credential, teleservice)
    siren = confirmed_siren(user)
    if not siren:
        return {}
    source = catalogue.GAMMA if teleservice == catalogue.GPS else teleservice
    rows = Habilitation.objects.filter(
        user=user,
        teleservice=source,
        adhesion__status=AdhesionStatus.APPROVED,
        excise_number__operator__siren=siren,
    ).values_list("excise_number__number", "right")
    result: dict[str, set[str]] = {}
    for number, right in rows:
        if teleservice == catalogue.GPS and right not in catalogue.GPS_RIGHTS:
            continue
        result.setdefault(number, set()).add(right)
    return {number: frozenset(codes) for number, codes in sorted(result.items())}


# --- The EDI channel ----------------------------------------------------------------------------
#
# An EDI credential (``edi.Credential``) acts through its own channel account, whose identifiant
# starts with ``edi:`` (the registration form refuses the colon: no person has one). It acts for
# the excise numbers whose adhesion in force has the EDI option and names the credential's holder:
# the provider's SIRET (« N° SIRET du prestataire EDI »), or, for an operator's own credential, its
# own company. On each number it holds the rights that at least one of the company's accounts
# holds there now under that adhesion (the union of the adhesion's habilitations of accounts still
# attached to the company): the channel never does what nobody of the company may do, and a right
# the administrator takes from everyone is taken from the channel at the next request.

EDI_ACTOR_PREFIX = "edi:"


def edi_credential_of(user):
    """The EDI credential whose channel account ``user`` is (an ``edi.Credential``), else None.
    No query for a person's account."""
    if user is None or not getattr(user, "pk", None) or not str(user.username).startswith(EDI_ACTOR_PREFIX):
        return None
    return getattr(user, "edi_credential", None)


def edi_open_adhesions(teleservice: str = catalogue.GAMMA) -> QuerySet[Adhesion]:
    """The adhesions that open the EDI channel on ``teleservice``: in force, with the EDI option.
    A credential acts for those of its operator, or for those naming its provider."""
    return Adhesion.objects.filter(teleservice=teleservice, status=AdhesionStatus.APPROVED, edi_enabled=True)


def edi_adhesions(credential, teleservice: str = catalogue.GAMMA) -> QuerySet[Adhesion]:
    """The adhesions in force that open the EDI channel to ``credential``; none once revoked (read
    afresh: a credential revoked by another request stops at once)."""
    if not type(credential).objects.filter(pk=credential.pk, revoked_at__isnull=True).exists():
        return Adhesion.objects.none()
    adhesions = edi_open_adhesions(teleservice)
    if credential.operator_id:
        return adhesions.filter(operator_id=credential.operator_id)
    return adhesions.filter(edi_provider_siret=credential.provider_siret)


def edi_channel_rights(credential, teleservice: str, *, number: str | None = None) -> dict[str, frozenset[str]]:
    """Every excise number ``credential`` acts for on ``teleservice`` (or only ``number``), with the
    channel's rights there (possibly none: the number is the credential's, no right is held on it).
    One query (``_EDI_RIGHTS``): the adhesions of ``edi_adhesions`` and the rights the company's
    accounts hold under them, read afresh (a revoked credential gets nothing at once)."""
    source = catalogue.GAMMA if teleservice == catalogue.GPS else teleservice
    if credential.operator_id:
        rows = _EDI_RIGHTS["operator"].rows(
            credential_id=credential.pk, teleservice=source, holder=credential.operator_id
        )
    else:
        rows = _EDI_RIGHTS["provider"].rows(
            credential_id=credential.pk, teleservice=source, holder=credential.provider_siret
        )
    result: dict[str, set[str]] = {}
    for found, right in rows:
        codes = result.setdefault(found, set())  # a number of the adhesions, with or without rights
        if right is not None and (teleservice != catalogue.GPS or right in catalogue.GPS_RIGHTS):
            codes.add(right)
    if number is not None:
        result = {number: result[number]} if number in result else {}
    return {found: frozenset(codes) for found, codes in sorted(result.items())}


def _edi_rights_query(credential_id: int, teleservice: str, **holder) -> QuerySet:
    """``edi_adhesions`` and ``edi_channel_rights``'s reads as one statement: a row (number, NULL)
    per adhesion opening the channel, then a row (number, right) per right held under one."""
    from django.apps import apps
    from django.db.models import CharField, Exists, OuterRef, Value

    credential_model = apps.get_model("edi", "Credential")
    in_force = Exists(credential_model.objects.filter(pk=credential_id, revoked_at__isnull=True).values("pk"))
    adhesions = Adhesion.objects.filter(
        in_force, teleservice=teleservice, status=AdhesionStatus.APPROVED, edi_enabled=True, **holder
    )
    numbers = (
        adhesions.annotate(held=Value(None, output_field=CharField()))
        .order_by()
        .values_list("excise_number__number", "held")
    )
    held = (
        Habilitation.objects.filter(
            Exists(adhesions.filter(pk=OuterRef("adhesion_id")).values("pk")),
            teleservice=teleservice,
            user__is_active=True,
            user__siret_status=ClaimStatus.CONFIRMED,
            user__is_staff=False,
            user__siret__startswith=F("excise_number__operator__siren"),
        )
        .order_by()
        .values_list("excise_number__number", "right")
    )
    return numbers.union(held, all=True)


# Read by every message of the EDI channel: compiled once per connection, for each kind of holder.
_EDI_RIGHTS = {
    "operator": CompiledQuery(
        lambda credential_id, teleservice, holder: _edi_rights_query(credential_id, teleservice, operator_id=holder),
        credential_id=int,
        teleservice=str,
        holder=int,
    ),
    "provider": CompiledQuery(
        lambda credential_id, teleservice, holder: _edi_rights_query(
            credential_id, teleservice, edi_provider_siret=holder
        ),
        credential_id=int,
        teleservice=str,
        holder=str,
    ),
}


def may_manage_edi_credentials(user, *, operator: Operator | None = None, provider_siret: str = "") -> bool:
    """Who issues, rotates and revokes a credential. An operator's own: the office in charge of the
    company and its GAMMA administrators. An EDI provider's: an office whose adhesions (submitted
    or in force) name that provider, and the provider's own correspondent when it is in the
    register. Superusers, always. The company's clients never touch a provider's credential: they
    take the EDI option off their adhesion instead."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    if operator is not None:
        return office_in_charge_of(user, operator) or admin_delegation(user, operator, catalogue.GAMMA) is not None
    office = office_of(user)
    if office is not None:
        return Adhesion.objects.filter(
            customs_office=office, edi_provider_siret=provider_siret, status__in=ACTIVE_STATUSES
        ).exists()
    provider = Operator.objects.filter(siren=provider_siret[:9]).first()
    return provider is not None and is_correspondent(user, provider)


# --- Delegations --------------------------------------------------------------------------------


def is_correspondent(user, operator: Operator) -> bool:
    return (
        company_of(user) == operator
        and Delegation.objects.filter(user=user, operator=operator, kind=DelegationKind.CORRESPONDENT).exists()
    )


def admin_delegation(user, operator: Operator, teleservice: str) -> Delegation | None:
    """The user's "administrateur téléservice" delegation for that company and service, if any
    (it only counts while the user is still attached to the company and its correspondent)."""
    if not is_correspondent(user, operator):
        return None
    return Delegation.objects.filter(
        user=user, operator=operator, kind=DelegationKind.TELESERVICE_ADMIN, teleservice=teleservice
    ).first()


def office_in_charge_of(user, operator: Operator) -> bool:
    """An agent's office instructs this company when it is in charge of one of its excise numbers."""
    return excise_numbers_in_charge(user=user).filter(operator=operator).exists()


def can_manage_habilitations(user, operator: Operator, teleservice: str) -> bool:
    return office_in_charge_of(user, operator) or admin_delegation(user, operator, teleservice) is not None


def managed_excise_numbers(user, operator: Operator, teleservice: str) -> QuerySet[ExciseNumber]:
    """The excise numbers whose habilitations ``user`` may change: those of the company with an
    adhesion in force; for an agent, only those their office is in charge of."""
    numbers = ExciseNumber.objects.filter(
        operator=operator, adhesions__teleservice=teleservice, adhesions__status=AdhesionStatus.APPROVED
    ).distinct()
    office = office_of(user)
    if office is not None and office_in_charge_of(user, operator):
        return numbers.filter(customs_office=office)
    if admin_delegation(user, operator, teleservice) is not None:
        return numbers
    return numbers.none()


def can_appoint_admins(user, operator: Operator, teleservice: str) -> bool:
    if office_in_charge_of(user, operator):
        return True
    delegation = admin_delegation(user, operator, teleservice)
    return delegation is not None and delegation.may_appoint_admins


# --- Adhesions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AdhesionAbilities:
    view: bool = False
    edit: bool = False  # fill in the draft
    submit: bool = False
    withdraw: bool = False
    instruct: bool = False  # approve, reject, update the register (the office)
    print: bool = False
    audit: bool = False  # read the adhesion's audit trail


def adhesion_abilities(user, adhesion: Adhesion) -> AdhesionAbilities:
    """What ``user`` may do with ``adhesion``. ``view`` false means the object must not even be
    shown to exist (the views answer 404)."""
    office = office_of(user)
    if office is not None and adhesion.customs_office_id == office.pk and adhesion.status != AdhesionStatus.DRAFT:
        return AdhesionAbilities(
            view=True,
            instruct=adhesion.status == AdhesionStatus.SUBMITTED,
            print=True,
            audit=True,
        )
    company = company_of(user)
    if company is None:
        return _pending_preparer_abilities(user, adhesion)
    if company.pk != adhesion.operator_id:
        return AdhesionAbilities()
    is_preparer = adhesion.prepared_by_id == user.pk
    is_admin = admin_delegation(user, company, adhesion.teleservice) is not None
    if adhesion.status == AdhesionStatus.DRAFT and not is_preparer:
        return AdhesionAbilities()  # a draft is its preparer's until submitted
    return AdhesionAbilities(
        view=True,
        edit=adhesion.status == AdhesionStatus.DRAFT,
        submit=adhesion.status == AdhesionStatus.DRAFT,
        withdraw=adhesion.status in (AdhesionStatus.DRAFT, AdhesionStatus.SUBMITTED) and (is_preparer or is_admin),
        print=True,
        audit=is_preparer or is_admin or is_correspondent(user, company),
    )


def _pending_preparer_abilities(user, adhesion: Adhesion) -> AdhesionAbilities:
    """An account whose claim waits for confirmation sees only the adhesions it prepared itself
    for the company it claims since claiming it (the first adhesion of a company without
    correspondent), not those it prepared as a former member of the company."""
    claimed = claimed_company(user)
    if (
        claimed is None
        or adhesion.operator_id != claimed.pk
        or adhesion.prepared_by_id != user.pk
        or adhesion.created_at < user.siret_claimed_at  # prepared as a former member: not his now
    ):
        return AdhesionAbilities()
    draft = adhesion.status == AdhesionStatus.DRAFT
    may_prepare = draft and adhesion_company(user) == claimed
    return AdhesionAbilities(
        view=True,
        edit=may_prepare,
        submit=may_prepare,
        withdraw=adhesion.status in (AdhesionStatus.DRAFT, AdhesionStatus.SUBMITTED),
        print=True,
        audit=True,
    )


def visible_adhesions(user) -> QuerySet[Adhesion]:
    """The adhesions ``user`` may see: their office's (submitted or decided), or their company's
    (drafts only for their preparer)."""
    from django.db.models import Q

    office = office_of(user)
    if office is not None:
        return Adhesion.objects.filter(customs_office=office).exclude(status=AdhesionStatus.DRAFT)
    company = company_of(user)
    if company is None:
        claimed = claimed_company(user)
        if claimed is None:
            return Adhesion.objects.none()
        return Adhesion.objects.filter(operator=claimed, prepared_by=user, created_at__gte=user.siret_claimed_at)
    return Adhesion.objects.filter(operator=company).filter(~Q(status=AdhesionStatus.DRAFT) | Q(prepared_by=user))


def can_prepare_adhesion(user, excise_number: ExciseNumber) -> bool:
    """Any activated user attached to the company holding the excise number may prepare it; one
    whose claim waits, only while the company has no correspondent (``adhesion_company``)."""
    company = adhesion_company(user)
    return company is not None and excise_number.operator_id == company.pk


# --- The customs office's back-office --------------------------------------------------------------


def excise_numbers_in_charge(*, user) -> QuerySet[ExciseNumber]:
    """The excise numbers an agent's office is in charge of (the register's office of each number,
    the one its adhesions are routed to): what the office sees of the operators, their companies
    and their GAMMA movements; nothing for anybody else."""
    office = office_of(user)
    if office is None:
        return ExciseNumber.objects.none()
    return ExciseNumber.objects.filter(customs_office=office)


def companies_in_charge(*, user) -> QuerySet[Operator]:
    """The companies an agent's office instructs (it is in charge of one of their excise numbers);
    nothing for anybody else."""
    return Operator.objects.filter(excise_numbers__in=excise_numbers_in_charge(user=user)).distinct()


# --- The outboxes (mails, EDI notifications, messages to the other member states) --------------------

OUTBOX_ALL = "all"


def outbox_scope(user, *, as_office: bool = False):
    """What an agent sees of the outboxes (« Envois en attente »): ``OUTBOX_ALL`` for the helpdesk
    (SAU; every mail, notification and exchange), the agent's customs office for an office agent
    (only what concerns the operators in its charge, never a mail: a mail is tied to no company),
    None for anybody else (the page is a 404). ``as_office``: the office's page, where an agent of
    both reads only its office's share."""
    if not as_office and is_sau_agent(user):
        return OUTBOX_ALL
    if as_office:
        return office_of(user)
    return None


def can_see_outbox(user, *, as_office: bool = False) -> bool:
    return outbox_scope(user, as_office=as_office) is not None


def may_resend_outbox(user) -> bool:
    """Only the helpdesk (SAU) brings an item's next attempt forward (« Relancer maintenant »)."""
    return is_sau_agent(user)
