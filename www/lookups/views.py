"""The free teleservices: SIRET look-up (page and JSON), InfoAccises and TVA Intracom.

HTTP only: the rules are in ``register.services``. Every form works with a plain GET, without
JavaScript; each refusal is shown next to its field.
"""

from http import HTTPStatus

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from habilitations import join_requests
from register.services import (
    LookupRefused,
    RefusalReason,
    establishment_sheet,
    excise_number_info,
    vat_check,
    vat_from_siren,
)
from www.lookups.forms import ExciseNumberLookupForm, SiretLookupForm, VatCheckForm, VatFromSirenForm


def _bound(form_class, request, field: str):
    """The form bound to the query string when its field was sent, unbound otherwise."""
    return form_class(request.GET) if field in request.GET else form_class()


@require_GET
def siret_lookup(request):
    form = _bound(SiretLookupForm, request, "siret")
    sheet = None
    if form.is_bound and form.is_valid():
        try:
            sheet = establishment_sheet(siret=form.cleaned_data["siret"])
        except LookupRefused as refusal:
            form.add_error("siret", refusal.message)
    # An employee whose company already adhered may ask to join it (issue 12, item 8).
    join = join_requests.join_offer(user=request.user, siret=sheet.siret) if sheet else None
    return render(
        request,
        "lookups/siret.html",
        {"title": "Recherche d'un établissement (SIRET)", "form": form, "sheet": sheet, "join": join},
    )


JSON_STATUS = {
    RefusalReason.INVALID: HTTPStatus.BAD_REQUEST,
    RefusalReason.FOREIGN: HTTPStatus.BAD_REQUEST,
    RefusalReason.UNKNOWN: HTTPStatus.NOT_FOUND,
    RefusalReason.CLOSED: HTTPStatus.GONE,
}


@require_GET
def siret_json(request, siret: str):
    """The establishment sheet as JSON, for the registration form's « eye » and other callers.

    Kept lean on purpose: no session, no template, one primary-key query.
    """
    try:
        sheet = establishment_sheet(siret=siret)
    except LookupRefused as refusal:
        return JsonResponse(
            {"error": refusal.message, "code": refusal.reason.value},
            status=JSON_STATUS[refusal.reason],
            json_dumps_params={"ensure_ascii": False},
        )
    return JsonResponse(sheet.as_dict(), json_dumps_params={"ensure_ascii": False})


@require_GET
def infoaccises(request):
    form = _bound(ExciseNumberLookupForm, request, "numero")
    info = None
    if form.is_bound and form.is_valid():
        try:
            info = excise_number_info(number=form.cleaned_data["numero"])
        except LookupRefused as refusal:
            form.add_error("numero", refusal.message)
    return render(
        request,
        "lookups/infoaccises.html",
        {"title": "InfoAccises : vérifier un numéro d'accise", "form": form, "info": info},
    )


@require_GET
def tva(request):
    check_form = _bound(VatCheckForm, request, "numero_tva")
    siren_form = _bound(VatFromSirenForm, request, "siren")
    checked = computed = None
    if check_form.is_bound and check_form.is_valid():
        try:
            checked = vat_check(value=check_form.cleaned_data["numero_tva"])
        except LookupRefused as refusal:
            check_form.add_error("numero_tva", refusal.message)
    if siren_form.is_bound and siren_form.is_valid():
        try:
            computed = vat_from_siren(siren=siren_form.cleaned_data["siren"])
        except LookupRefused as refusal:
            siren_form.add_error("siren", refusal.message)
    return render(
        request,
        "lookups/tva.html",
        {
            "title": "TVA Intracom : numéro de TVA intracommunautaire",
            "check_form": check_form,
            "siren_form": siren_form,
            "checked": checked,
            "computed": computed,
            # Looked up by its SIREN, a company that already adhered may be asked to join (issue 12, item 8).
            "join": join_requests.join_offer(
                user=request.user, siret=join_requests.head_office_siret(siren=computed.siren)
            )
            if computed
            else None,
        },
    )
