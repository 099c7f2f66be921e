"""An account's link to its company is a *claim*: the SIRET typed at registration (or later in
« Mon compte ») says which company the person asks to join; it opens nothing of that company until
it is confirmed. Use cases here:

- the company's correspondent accepts or refuses the pending claims (``claim_decide``);
- the customs office, accepting an adhesion, confirms the claims of the accounts it names and of
  its preparer (``confirm_by_adhesion``, called by ``services.adhesion_approve``);
- the person withdraws the claim while it waits (``claim_withdraw``);
- a person who changes employer claims another company (``claim_change``): the claim waits again,
  the habilitations and statuses held in the former company end.

Every decision is written with its audit event (the company's trail) in one transaction."""

from django.db import transaction
from django.utils import timezone

from accounts.models import ClaimStatus, User
from habilitations import rights, selectors
from habilitations.models import Adhesion, Delegation, Habilitation
from habilitations.services import HabilitationError, _audit, _refuse_forged
from mail.services import queue_mail
from register import services as register_services
from register.models import Operator


def _claim_state(user: User, status: str) -> dict:
    return {"user": user.username, "siret": user.siret, "claim": status}


REASON_MAX = 500


def claim_decide(*, actor: User, account: User, accept: bool, reason: str = "", screen: str = "") -> User:
    """The correspondent of ``actor``'s company accepts or refuses ``account``'s pending claim
    (refusing with an optional ``reason``, told to the account). Accepting attaches the account to
    the company with no right: the administrator grants them in « Gérer les habilitations ».
    Accepting an account already attached (a double click) changes nothing and says nothing."""
    operator = rights.company_of(actor)
    if operator is None or not rights.can_decide_claims(actor, operator):
        raise _refuse_forged(actor, f"decide claim of account {account.pk}")
    reason = (reason or "").strip() if not accept else ""
    if "\x00" in reason:
        raise HabilitationError("Le motif du refus contient un caractère non autorisé.", field="reason")
    if len(reason) > REASON_MAX:
        raise HabilitationError(
            f"Le motif du refus ne doit pas dépasser {REASON_MAX} caractères (il en compte {len(reason)}).",
            field="reason",
        )
    with transaction.atomic():
        locked = User.objects.select_for_update().filter(pk=account.pk).first()
        if accept and locked is not None and rights.company_of(locked) == operator:
            return locked  # accepted already: idempotent
        if locked is None or rights.claimed_company(locked) != operator:
            raise HabilitationError(
                "Cette demande de rattachement n'est plus en attente : elle a été retirée ou déjà traitée."
            )
        status = ClaimStatus.CONFIRMED if accept else ClaimStatus.REFUSED
        locked.siret_status, locked.siret_decided_by, locked.siret_decided_at = status, actor, timezone.now()
        locked.siret_refusal_reason = reason
        locked.save(update_fields=["siret_status", "siret_decided_by", "siret_decided_at", "siret_refusal_reason"])
        after = _claim_state(locked, status)
        if reason:
            after["reason"] = reason
        _audit(
            actor=actor,
            action="claim_confirmed" if accept else "claim_refused",
            summary=f"Rattachement de {locked.username} à l'entreprise " + ("accepté" if accept else "refusé"),
            operator=operator,
            before=_claim_state(locked, ClaimStatus.CLAIMED),
            after=after,
            screen=screen,
        )
        if locked.email:
            queue_mail(
                to=[locked.email],
                subject=f"Votre rattachement à {operator.name} : " + ("accepté" if accept else "refusé"),
                template="habilitations/email/claim_decided",
                context={"account": locked, "company": operator, "accepted": accept, "reason": reason},
            )
    return locked


def confirm_by_adhesion(*, actor: User, adhesion: Adhesion, screen: str = "") -> list[User]:
    """The office accepted ``adhesion`` after checking the signed form: the pending claims of the
    accounts it names, and of its preparer, to its company are confirmed. Called inside the
    approval's transaction."""
    operator = adhesion.operator
    pks = set(adhesion.lines.values_list("user_id", flat=True)) | {adhesion.prepared_by_id}
    confirmed = []
    now = timezone.now()
    for account in User.objects.select_for_update().filter(pk__in=pks).order_by("username"):
        if rights.claimed_company(account) != operator:
            continue  # already confirmed, refused, or now claiming another company
        account.siret_status, account.siret_decided_by, account.siret_decided_at = ClaimStatus.CONFIRMED, actor, now
        account.save(update_fields=["siret_status", "siret_decided_by", "siret_decided_at"])
        _audit(
            actor=actor,
            action="claim_confirmed",
            summary=f"Rattachement de {account.username} à l'entreprise confirmé par l'adhésion acceptée",
            operator=operator,
            adhesion=adhesion,
            before=_claim_state(account, ClaimStatus.CLAIMED),
            after=_claim_state(account, ClaimStatus.CONFIRMED),
            screen=screen,
        )
        confirmed.append(account)
    return confirmed


def claim_change(*, actor: User, siret: str, message: str = "", screen: str = "") -> User:
    """``actor`` (who changed employer) asks to be attached to the establishment ``siret``. Another
    establishment of the same company keeps the claim as it was (unless refused or withdrawn);
    another company makes it wait for confirmation again, and ends every habilitation and status
    (correspondent, administrator) held in the former company, in its audit trail. A new claim
    keeps ``message`` for the company's administrator, who is told of it by e-mail."""
    if actor.is_staff:
        raise HabilitationError(
            "Un compte d'agent des douanes ne se rattache pas à une entreprise : utilisez un compte personnel.",
            field="siret",
        )
    try:
        sheet = register_services.establishment_sheet(siret=siret)
    except register_services.LookupRefused as refusal:
        raise HabilitationError(str(refusal), field="siret") from refusal
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        old_siren, old_status = user.siret[:9], user.siret_status
        closed = old_status in (ClaimStatus.REFUSED, ClaimStatus.WITHDRAWN)
        if sheet.siret == user.siret and not closed:
            raise HabilitationError(
                "C'est déjà le SIRET de votre entreprise de rattachement : indiquez celui de votre nouvel employeur.",
                field="siret",
            )
        user.siret, user.company_name = sheet.siret, sheet.name[:120]
        fields = ["siret", "company_name"]
        if sheet.siren != old_siren or closed:
            user.siret_status, user.siret_claimed_at = ClaimStatus.CLAIMED, timezone.now()
            user.siret_decided_by = user.siret_decided_at = None
            user.siret_claim_message, user.siret_refusal_reason = message.strip(), ""
            fields += ["siret_status", "siret_claimed_at", "siret_decided_by", "siret_decided_at"]
            fields += ["siret_claim_message", "siret_refusal_reason"]
            if sheet.siren != old_siren:
                _leave_company(user, old_siren, old_status, screen)
            new_operator = Operator.objects.filter(siren=sheet.siren).first()
            if new_operator is not None:
                after = _claim_state(user, ClaimStatus.CLAIMED)
                if user.siret_claim_message:
                    after["message"] = user.siret_claim_message
                _audit(
                    actor=user,
                    action="claim_requested",
                    summary=f"Rattachement à l'entreprise demandé par {user.username}",
                    operator=new_operator,
                    after=after,
                    screen=screen,
                )
                _tell_the_administrator(user, new_operator)
        user.save(update_fields=fields)
    actor.refresh_from_db()
    return user


def _tell_the_administrator(user: User, operator: Operator) -> None:
    """E-mail the company's administrator (``selectors.company_administrator``) that ``user`` asks
    to join it: who, the message, where to answer. No link with a secret, no token."""
    administrator = selectors.company_administrator(operator=operator)
    if administrator is None or not administrator.email:
        return
    queue_mail(
        to=[administrator.email],
        subject=f"Demande pour rejoindre {operator.name} : {user.display_name}",
        template="habilitations/email/join_requested",
        context={"account": user, "company": operator, "administrator": administrator},
    )


def claim_withdraw(*, actor: User, screen: str = "") -> User:
    """``actor`` withdraws the claim still waiting for the company's answer: the administrator no
    longer sees it; ``actor`` may ask again later."""
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=actor.pk)
        if not user.siret or user.siret_status != ClaimStatus.CLAIMED:
            raise HabilitationError("Vous n'avez aucune demande de rattachement en attente.")
        operator = Operator.objects.filter(siren=user.siret[:9]).first()
        user.siret_status, user.siret_decided_by, user.siret_decided_at = ClaimStatus.WITHDRAWN, user, timezone.now()
        user.save(update_fields=["siret_status", "siret_decided_by", "siret_decided_at"])
        if operator is not None:
            _audit(
                actor=user,
                action="claim_withdrawn",
                summary=f"Demande de rattachement retirée par {user.username}",
                operator=operator,
                before=_claim_state(user, ClaimStatus.CLAIMED),
                after=_claim_state(user, ClaimStatus.WITHDRAWN),
                screen=screen,
            )
    actor.refresh_from_db()
    return user


def _leave_company(user: User, old_siren: str, old_status: str, screen: str) -> None:
    operator = Operator.objects.filter(siren=old_siren).first() if old_siren else None
    if operator is None:
        return
    rows = Habilitation.objects.filter(user=user, excise_number__operator=operator)
    ended: dict[str, list[str]] = {}
    for number, code in rows.values_list("excise_number__number", "right").order_by("excise_number__number", "pk"):
        ended.setdefault(number, []).append(code)
    delegations = Delegation.objects.filter(user=user, operator=operator)
    statuses = sorted({delegation.get_kind_display() for delegation in delegations})
    if not (ended or statuses or old_status == ClaimStatus.CONFIRMED):
        return
    rows.delete()
    delegations.delete()
    before = {"user": user.username, "claim": old_status}
    if ended:
        before["habilitations"] = ended
    if statuses:
        before["delegations"] = statuses
    _audit(
        actor=user,
        action="claim_left",
        summary=f"{user.username} a quitté l'entreprise : habilitations et statuts retirés",
        operator=operator,
        before=before,
        after={"user": user.username, "claim": "left"},
        screen=screen,
    )
