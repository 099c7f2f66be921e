"""« Demander à rejoindre l'entreprise » (issue 12, item 8): an employee whose company already has
an adhesion waiting for instruction or in force sees who its administrator is and asks to join it.

The request *is* the account's company claim (``habilitations.claims``): one per account, hence
one open request per account and company; its states are the claim's (« à confirmer » = waiting,
« confirmé » = accepted, « refusé », « retiré »). The administrator answers it on « Demandes pour
rejoindre l'entreprise » (``claims.claim_decide``); the requester withdraws it from the personal
space (``claims.claim_withdraw``)."""

import datetime
from dataclasses import dataclass

from accounts.models import User
from habilitations import claims, rights, selectors
from habilitations.errors import HabilitationError
from register import services as register_services
from register.models import Establishment, Operator

MESSAGE_MAX = 500


@dataclass(frozen=True)
class JoinOffer:
    """What a page shows an employee about joining ``company``: its administrator (name, masked
    address), and whether the request waits already (``since``) or may be made."""

    company: Operator
    siret: str
    administrator: User | None
    administrator_email: str
    since: datetime.datetime | None  # the request waits since then; None: it may be made
    leaving: Operator | None  # the company the requester is attached to now, and would leave

    @property
    def pending(self) -> bool:
        return self.since is not None

    @property
    def administrator_name(self) -> str:
        person = self.administrator
        return f"{person.first_name} {person.last_name}".strip() or person.username if person else ""


def _offer(user: User, operator: Operator, siret: str) -> JoinOffer:
    administrator = selectors.company_administrator(operator=operator)
    pending = rights.claimed_company(user) == operator
    return JoinOffer(
        company=operator,
        siret=user.siret if pending else siret,
        administrator=administrator,
        administrator_email=selectors.masked_email(administrator.email) if administrator else "",
        since=user.siret_claimed_at if pending else None,
        leaving=None if pending else rights.company_of(user),
    )


def join_offer(*, user, siret: str) -> JoinOffer | None:
    """For the establishment ``siret`` an employee looked up: their request waiting there, or the
    offer to make one when its company has an adhesion waiting or in force; None otherwise (an
    unknown company, one without adhesion, the employee's own, anonymous visitors, agents)."""
    if not (user and user.is_authenticated) or not (len(siret) == 14 and siret.isascii() and siret.isdigit()):
        return None
    operator = Operator.objects.filter(siren=siret[:9]).first()
    if operator is None:
        return None
    if rights.claimed_company(user) == operator or rights.may_ask_to_join(user, operator):
        return _offer(user, operator, siret)
    return None


def head_office_siret(*, siren: str) -> str:
    """The SIRET of a company's head office (SIRENE), for an employee who looked the company up by
    its SIREN: the request names that establishment; "" when the register knows none."""
    if not (len(siren) == 9 and siren.isascii() and siren.isdigit()):
        return ""
    head_office = Establishment.objects.filter(legal_unit_id=siren, is_head_office=True).order_by("siret").first()
    return head_office.siret if head_office is not None else ""


def pending_request(*, user) -> JoinOffer | None:
    """The request ``user`` made and which waits, for their personal space; None without one."""
    operator = rights.claimed_company(user)
    return _offer(user, operator, user.siret) if operator is not None else None


def ask_to_join(*, actor: User, siret: str, message: str = "", screen: str = "") -> User:
    """``actor`` asks to join the company of the establishment ``siret``, with an optional
    ``message`` to its administrator. Refused (French message, nothing changed) for a company
    without adhesion waiting or in force, one ``actor`` is attached to or waits for already."""
    if actor.is_staff:
        raise HabilitationError(
            "Un compte d'agent des douanes ne se rattache pas à une entreprise : utilisez un compte personnel."
        )
    message = (message or "").strip()
    if "\x00" in message:
        raise HabilitationError("Votre message contient un caractère non autorisé.", field="message")
    if len(message) > MESSAGE_MAX:
        raise HabilitationError(
            f"Votre message ne doit pas dépasser {MESSAGE_MAX} caractères (il en compte {len(message)}).",
            field="message",
        )
    try:
        sheet = register_services.establishment_sheet(siret=siret)
    except register_services.LookupRefused as refusal:
        raise HabilitationError(str(refusal), field="siret") from refusal
    operator = Operator.objects.filter(siren=sheet.siren).first()
    if operator is not None and rights.claimed_company(actor) == operator:
        raise HabilitationError(
            f"Votre demande pour rejoindre {operator.name} est déjà en attente : retirez-la d'abord "
            "depuis votre espace personnel si vous souhaitez la refaire."
        )
    if operator is not None and rights.company_of(actor) == operator:
        raise HabilitationError(f"Vous êtes déjà rattaché à {operator.name}.")
    if operator is None or not rights.may_ask_to_join(actor, operator):
        raise HabilitationError(
            "Cette entreprise n'a ni demande d'adhésion en cours ni adhésion acceptée : demandez votre "
            "rattachement depuis « Mon compte », onglet Références.",
            field="siret",
        )
    return claims.claim_change(actor=actor, siret=sheet.siret, message=message, screen=screen)
