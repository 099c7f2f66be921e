"""GPS, « GAMMA procédure de secours » (seed, part IV): its menu GPS · GÉNÉRER UN NUMÉRO · SUIVRE
MES PROCÉDURES DE SECOURS · AIDE. Same account and rights as GAMMA (« Emettre un DAA / DAA
secours », « Emettre un DSA / DSA secours »), read from ``habilitations.rights`` on every request."""

import functools
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fallback import pdf, selectors, services
from fallback.errors import FallbackError
from gamma import services as gamma_services
from habilitations import catalogue, rights
from portal import instance
from www.fallback.forms import FollowUpFilterForm, GenerateNumberForm

FOLLOW_UP_PAGE_SIZE = 20


def gps_user_required(view):
    """A logged-in user holding an « Emettre » right on at least one excise number; the others
    are told why they cannot use GPS. The view receives ``numbers`` (number → rights held)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        numbers = rights.rights_by_excise_number(request.user, catalogue.GPS)
        if not numbers:
            return render(
                request,
                "fallback/gps/refused.html",
                {"title": "Accès à GPS refusé", "rights": [catalogue.ISSUE_DAA, catalogue.ISSUE_DSA]},
                status=403,
            )
        return view(request, *args, numbers=numbers, **kwargs)

    return wrapper


def _document_or_404(request, number: str):
    document = selectors.documents_for(request.user).filter(number=number).first()
    if document is None:
        raise Http404
    return document


@require_GET
@gps_user_required
def home(request, numbers):
    incidents, authorisations = selectors.open_grounds(user=request.user)
    return render(
        request,
        "fallback/gps/home.html",
        {
            "title": "GPS — procédure de secours",
            "section": "home",
            "numbers": numbers,
            "incidents": incidents,
            "authorisations": authorisations,
            "recent": selectors.documents_for(request.user).order_by("-issued_at", "-pk")[:5],
            "blank_form_size": blank_form_size(),
        },
    )


@require_http_methods(["GET", "POST"])
@gps_user_required
def generate(request, numbers):
    form = GenerateNumberForm(request.POST or None, user=request.user, initial={"nature": "DAA"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.issue_fallback_document(
                    actor=request.user,
                    nature=data["nature"],
                    excise_number=data["excise_number"],
                    vehicle_registration=data["vehicle_registration"],
                    dispatch_at=data["dispatch_at"],
                )
            except FallbackError as error:
                form.add_fallback_error(error, default_field="dispatch_date")
            else:
                messages.success(
                    request, f"Le numéro {document.number} est généré : portez-le sur le formulaire papier."
                )
                return redirect("gps:document", number=document.number)
        status = 400
    return render(
        request,
        "fallback/gps/generate.html",
        {"title": "Générer un numéro", "section": "generate", "form": form},
        status=status,
    )


@require_GET
@gps_user_required
def document(request, number: str, numbers):
    document = _document_or_404(request, number)
    return render(
        request,
        "fallback/gps/document.html",
        {"title": f"Document de secours {document.number}", "section": "follow_up", "document": document},
    )


@require_GET
@gps_user_required
def document_pdf(request, number: str, numbers):
    document = _document_or_404(request, number)
    response = HttpResponse(pdf.fallback_form_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="procedure-secours-{document.number}.pdf"'
    return response


@require_POST
@gps_user_required
def regularise(request, number: str, numbers):
    """« Régulariser dans GAMMA »: the draft prefilled from the GPS number (the one already opened
    for it on a second click), then its task list."""
    document = _document_or_404(request, number)
    try:
        movement, created = gamma_services.draft_from_fallback_document(actor=request.user, document=document)
    except gamma_services.Refused as refusal:
        return render(
            request,
            "fallback/gps/regularise_refused.html",
            {"title": "Régularisation refusée", "section": "follow_up", "document": document, "message": str(refusal)},
            status=403,
        )
    if created:
        messages.success(request, f"Le brouillon de régularisation du document {document.number} est créé.")
    else:
        messages.info(request, f"Le brouillon de régularisation du document {document.number} existe déjà.")
    return redirect("gamma:draft", movement.consignor.number, movement.pk)


def _blank_form() -> bytes:
    return _blank_form_of(instance.is_training())  # the training instance's is watermarked


@functools.cache
def _blank_form_of(training: bool) -> bytes:
    return pdf.blank_form_pdf()


def blank_form_size() -> str:
    """« PDF - 8 Ko » (with an en dash), as the DSFR download link shows it."""
    return f"PDF \N{EN DASH} {max(1, round(len(_blank_form()) / 1000))} Ko"


def _may_download_blank_form(user) -> bool:
    """Anybody logged in holding a GPS (« Emettre ») or any GAMMA right on an excise number."""
    return user.is_authenticated and bool(
        rights.rights_by_excise_number(user, catalogue.GPS) or rights.rights_by_excise_number(user, catalogue.GAMMA)
    )


@require_GET
@login_required
def blank_form(request):
    """The blank « DAA suivi P.S. » form, for anybody with a GAMMA or GPS right, before any outage."""
    if not _may_download_blank_form(request.user):
        return render(
            request,
            "fallback/gps/refused.html",
            {"title": "Accès à GPS refusé", "rights": [catalogue.ISSUE_DAA, catalogue.ISSUE_DSA]},
            status=403,
        )
    response = HttpResponse(_blank_form(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="daa-suivi-procedure-secours-vierge.pdf"'
    patch_cache_control(response, private=True, max_age=86400)  # the same file for everybody, until a deploy
    response.holds_no_personal_data = True  # accounts.middleware.PrivateCacheMiddleware keeps these headers
    return response


@require_GET
@gps_user_required
def follow_up(request, numbers):
    form = FollowUpFilterForm(request.GET, numbers=numbers)
    page = None
    if form.is_valid():
        documents = form.apply(selectors.documents_for(request.user)).order_by("-dispatch_at", "-pk")
        page = Paginator(documents, FOLLOW_UP_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "fallback/gps/follow_up.html",
        {"title": "Suivre mes procédures de secours", "section": "follow_up", "form": form, "page": page},
    )


@require_GET
def help_page(request):
    return render(
        request,
        "fallback/gps/help.html",
        {
            "title": "Aide — GPS",
            "section": "help",
            "delay_days": settings.FALLBACK_REGULARISATION_DELAY_DAYS,
            "may_use_gps": bool(rights.rights_by_excise_number(request.user, catalogue.GPS)),
            "blank_form_size": blank_form_size() if _may_download_blank_form(request.user) else "",
        },
    )
