"""Joining a company (issue 10 item 6, issue 12 item 8), in the portal: an employee asks to join the
company whose adhesion is waiting or in force (« Demander à rejoindre l'entreprise ») or withdraws
the request; its administrator accepts in one click or refuses, with an optional reason, on
« Demandes pour rejoindre l'entreprise ». HTTP only: the rules are ``habilitations.rights``, the
use cases ``habilitations.claims`` and ``habilitations.join_requests``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from habilitations import catalogue, claims, join_requests, rights, selectors
from habilitations.services import HabilitationError

SCREEN_CLAIMS = "portail — demandes de rattachement"
SCREEN_JOIN = "portail — demander à rejoindre l'entreprise"
TITLE_CLAIMS = "Demandes pour rejoindre l'entreprise"


def _claims_company_or_404(user):
    company = rights.company_of(user)
    if company is None or not rights.can_decide_claims(user, company):
        raise Http404
    return company


def _account_among(value, accounts):
    try:
        return accounts.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def claims_page(request):
    """The accounts asking to join the company (the SIRET they gave is one of its establishments):
    « Accepter » attaches them, with no right yet; « Refuser » keeps them out. Another company's
    request, or none, is a 404; accepting one accepted already (a double click) says it is done."""
    company = _claims_company_or_404(request.user)
    pending = selectors.pending_claims(operator=company)
    errors: dict[int, tuple[str, str]] = {}
    if request.method == "POST":
        decision = request.POST.get("decision")
        # A request accepted already (a double click) is answered as done; any other account is not.
        accepted = selectors.company_accounts(operator=company).filter(siret_decided_by__isnull=False)
        account = _account_among(request.POST.get("compte"), pending | accepted)
        if account is None or decision not in ("accepter", "refuser"):
            raise Http404  # not a request to this company: nothing to say about it
        reason = request.POST.get("motif", "")
        try:
            claims.claim_decide(
                actor=request.user,
                account=account,
                accept=decision == "accepter",
                reason=reason,
                screen=SCREEN_CLAIMS,
            )
        except HabilitationError as error:
            if error.field != "reason":
                messages.error(request, error.message)
                return redirect("adhesions:claims")
            errors[account.pk] = (error.message, reason)
        else:
            if decision == "accepter":
                messages.success(
                    request,
                    f"« {account.username} » est désormais rattaché à {company.name}. Il n'a encore aucun "
                    "droit : attribuez-lui ses droits dans « Gérer les habilitations GAMMA ».",
                )
            else:
                messages.success(request, f"La demande de rattachement de « {account.username} » est refusée.")
            return redirect("adhesions:claims")
    rows = list(pending)
    for account in rows:
        account.refusal_error, account.refusal_typed = errors.get(account.pk, ("", ""))
    return render(
        request,
        "adhesions/claims.html",
        {
            "title": TITLE_CLAIMS,
            "company": company,
            "pending": rows,
            "may_manage": rights.can_manage_habilitations(request.user, company, catalogue.GAMMA),
            "errors": [{"text": text, "href": f"#motif-{pk}"} for pk, (text, _typed) in errors.items()],
        },
        status=400 if errors else 200,
    )


def _siret_of(data) -> str:
    return "".join(str(data.get("siret", "")).split())[:20]


@login_required
@require_http_methods(["GET", "POST"])
def join(request):
    """« Demander à rejoindre l'entreprise »: the page of the offer (GET ?siret=), and the request
    itself (POST siret, message). A refusal is shown on the page, the message typed kept."""
    siret = _siret_of(request.POST if request.method == "POST" else request.GET)
    error, message = None, ""
    if request.method == "POST":
        message = request.POST.get("message", "")
        try:
            user = join_requests.ask_to_join(actor=request.user, siret=siret, message=message, screen=SCREEN_JOIN)
        except HabilitationError as refusal:
            error = refusal
        else:
            offer = join_requests.pending_request(user=user)
            company = offer.company.name if offer else user.company_name
            administrator = f" {offer.administrator_name}" if offer and offer.administrator else ""
            messages.success(
                request,
                f"Votre demande pour rejoindre {company} est transmise à son administrateur{administrator}. "
                "Vous pouvez la suivre, ou la retirer, depuis votre espace personnel.",
            )
            return redirect("accounts:personal_space")
    offer = join_requests.join_offer(user=request.user, siret=siret)
    if offer is None and error is None:
        raise Http404  # no company to join there
    errors = []
    if error is not None:
        anchor = {"message": "#id_message"}.get(error.field, "")
        errors = [{"text": error.message, "href": anchor}] if anchor else [{"text": error.message}]
    return render(
        request,
        "adhesions/join.html",
        {
            "title": "Demander à rejoindre l'entreprise",
            "offer": offer,
            "errors": errors,
            "message_error": error.message if error is not None and error.field == "message" else "",
            "message_value": message,
        },
        status=400 if error is not None else 200,
    )


@login_required
@require_POST
def join_withdraw(request):
    """The requester withdraws the request still waiting."""
    offer = join_requests.pending_request(user=request.user)
    try:
        claims.claim_withdraw(actor=request.user, screen=SCREEN_JOIN)
    except HabilitationError as error:
        messages.error(request, error.message)
    else:
        company = offer.company.name if offer else request.user.company_name
        messages.success(request, f"Votre demande pour rejoindre {company} est retirée.")
    return redirect("accounts:personal_space")
