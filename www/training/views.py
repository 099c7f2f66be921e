"""The training instance's self-service pages (issue 14): « Mon entreprise de formation »
(create in one click, reset after a confirmation) and the « Cahier de recette EDI » under the
Guichet EDI. Every page is a 404 outside the training instance, and for staff accounts; another
person's company is never reachable (each page reads the logged-in person's own)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from edi import credentials
from habilitations import catalogue, rights
from portal.instance import is_training
from training import company as training_company
from training import scenarios


def _require_training(request) -> None:
    if not is_training() or request.user.is_staff or not rights.is_activated(request.user):
        raise Http404


def _own_company(request):
    _require_training(request)
    company = training_company.company_of(request.user)
    if company is None:
        raise Http404
    return company


@login_required
@require_http_methods(["GET", "POST"])
def company(request):
    """« Mon entreprise de formation »: the button that makes it, then what it is."""
    _require_training(request)
    found = training_company.company_of(request.user)
    if request.method == "POST":
        found, made = training_company.create(user=request.user, base_url=request.build_absolute_uri("/"))
        if made:
            messages.success(
                request,
                f"Votre entreprise de formation « {found.operator.name} » est créée : vous y êtes habilité "
                "à GAMMA (les sept droits), correspondant et administrateur GAMMA.",
            )
        return redirect("training:company")
    context = {"title": "Mon entreprise de formation", "company": found}
    if found is not None:
        context["rights"] = [
            (number, [right.label for right in catalogue.rights_of(catalogue.GAMMA) if right.code in held])
            for number, held in sorted(rights.rights_by_excise_number(request.user, catalogue.GAMMA).items())
            if number in found.numbers
        ]
    return render(request, "training/company.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def reset(request):
    """« Réinitialiser mon entreprise de formation », after a confirmation."""
    found = _own_company(request)
    if request.method == "POST":
        training_company.reset(company=found, actor=request.user)
        messages.success(request, "Votre entreprise de formation est revenue à son état initial (mêmes numéros).")
        return redirect("training:company")
    return render(
        request, "training/reset_confirm.html", {"title": "Réinitialiser mon entreprise de formation", "company": found}
    )


@login_required
@require_http_methods(["GET", "POST"])
def edi_checklist(request):
    """« Cahier de recette EDI »: the scenarios passed or to do, and test credentials. Without a
    training company yet, the page that makes it."""
    _require_training(request)
    found = training_company.company_of(request.user)
    if found is None:
        messages.info(
            request, "Créez d'abord votre entreprise de formation : le cahier de recette porte sur ses numéros."
        )
        return redirect("training:company")
    issued, refusal = None, ""
    if request.method == "POST":
        try:
            issued = credentials.issue(
                actor=request.user, operator=found.operator, label="Identifiant de test (formation)"
            )
        except credentials.CredentialError as error:
            refusal = error.message
    return render(
        request,
        "training/edi_checklist.html",
        {
            "title": "Cahier de recette EDI",
            "company": found,
            "scenarios": scenarios.checklist(found),
            "credentials": scenarios.credentials_of(found).filter(revoked_at__isnull=True),
            "issued": issued,
            "refusal": refusal,
            "endpoint": request.build_absolute_uri(reverse("edi:messages")),
        },
    )
