"""The customs office's view of the fallback procedure: the requests the SAU passed to it (grant or
refuse an individual authorisation), its authorisations, the incidents, and the fallback numbers
of its excise numbers not yet regularised, with their CSV export. Office agents only, their own
office only (404 otherwise)."""

import csv
import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from fallback import selectors, services
from fallback.errors import FallbackError
from fallback.models import AssistanceStatus
from www.fallback.access import base_url, office_agent_required
from www.fallback.forms import GrantForm, OfficeDocumentsFilterForm, RefuseForm

PAGE_SIZE = 20
INCIDENT_HISTORY = datetime.timedelta(days=90)


def _documents(request, office):
    form = OfficeDocumentsFilterForm(request.GET)
    documents = None
    if form.is_valid():
        documents = form.apply(selectors.office_documents(office)).order_by("dispatch_at", "pk")
    return form, documents


@require_GET
@office_agent_required
def overview(request, office):
    form, documents = _documents(request, office)
    now = timezone.now()
    return render(
        request,
        "fallback/office/overview.html",
        {
            "title": "Procédure de secours",
            "office": office,
            "waiting": selectors.office_waiting_requests(office),
            "form": form,
            "page": Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
            if documents is not None
            else None,
            "authorisations": selectors.office_authorisations(office).filter(valid_until__gte=now - INCIDENT_HISTORY),
            "current_incidents": selectors.current_incidents(teleservice=selectors.FALLBACK_TELESERVICE),
            "past_incidents": selectors.closed_incidents().filter(
                teleservice__slug=selectors.FALLBACK_TELESERVICE, closed_at__gte=now - INCIDENT_HISTORY
            ),
            "decided": selectors.office_requests(office).exclude(status=AssistanceStatus.ESCALATED)[:20],
            "now": now,
        },
    )


def _csv_cell(value) -> str:
    """Text a spreadsheet will not read as a formula."""
    text = str(value if value is not None else "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""


@require_GET
@office_agent_required
def export(request, office):
    _form, documents = _documents(request, office)
    if documents is None:
        return redirect("office_fallback:overview")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="documents-secours-{office.code}.csv"'
    response.write("\ufeff")  # spreadsheets then read the accents right
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            "Numéro de document",
            "Numéro d'accise",
            "Opérateur",
            "Nature",
            "Immatriculation",
            "Date et heure d'expédition",
            "Émis le",
            "Émis par",
            "Fondement",
            "État",
            "En retard depuis",
            "Régularisé le",
        ]
    )
    for document in documents.iterator(chunk_size=500):
        writer.writerow(
            [
                _csv_cell(value)
                for value in (
                    document.number,
                    document.excise_number.number,
                    document.excise_number.operator.name,
                    document.nature,
                    document.vehicle_registration,
                    _local(document.dispatch_at),
                    _local(document.issued_at),
                    document.issued_by.username,
                    document.ground_label,
                    document.get_status_display(),
                    _local(document.late_since),
                    _local(document.regularised_at),
                )
            ]
        )
    return response


def _request_or_404(office, pk: int):
    assistance = (
        selectors.office_requests(office)
        .select_related("teleservice", "customs_office", "authorisation")
        .filter(pk=pk)
        .first()
    )
    if assistance is None:
        raise Http404
    return assistance


def _request_page(request, office, assistance, *, grant_form=None, refuse_form=None, status=200):
    now = timezone.localtime()
    return render(
        request,
        "fallback/office/request.html",
        {
            "title": f"Demande d'assistance n° {assistance.pk} — {assistance.excise_number.number}",
            "office": office,
            "assistance": assistance,
            "events": assistance.events.select_related("actor"),
            "may_decide": assistance.status == AssistanceStatus.ESCALATED,
            "grant_form": grant_form
            or GrantForm(
                initial={
                    # Strings as the inputs want them (a date object would be shown localised).
                    "valid_from_on": f"{now:%Y-%m-%d}",
                    "valid_from_time": f"{now:%H:%M}",
                    "valid_until_on": f"{now + datetime.timedelta(days=1):%Y-%m-%d}",
                    "valid_until_time": f"{now:%H:%M}",
                }
            ),
            "refuse_form": refuse_form or RefuseForm(),
        },
        status=status,
    )


@require_GET
@office_agent_required
def request_detail(request, pk: int, office):
    return _request_page(request, office, _request_or_404(office, pk))


@require_POST
@office_agent_required
def grant(request, pk: int, office):
    assistance = _request_or_404(office, pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            authorisation = services.authorisation_grant(
                actor=request.user,
                request=assistance,
                valid_from=data["valid_from"],
                valid_until=data["valid_until"],
                note=data["note"],
                base_url=base_url(request),
            )
        except FallbackError as error:
            form.add_fallback_error(error)
        else:
            messages.success(
                request,
                f"La procédure de secours est autorisée pour {assistance.excise_number.number} du "
                f"{_local(authorisation.valid_from)} au {_local(authorisation.valid_until)}.",
            )
            return redirect("office_fallback:overview")
    return _request_page(request, office, assistance, grant_form=form, status=400)


@require_POST
@office_agent_required
def refuse(request, pk: int, office):
    assistance = _request_or_404(office, pk)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            services.authorisation_refuse(
                actor=request.user, request=assistance, reason=form.cleaned_data["reason"], base_url=base_url(request)
            )
        except FallbackError as error:
            form.add_error("reason" if error.field == "reason" else None, error.message)
        else:
            messages.success(request, f"La procédure de secours est refusée pour {assistance.excise_number.number}.")
            return redirect("office_fallback:overview")
    return _request_page(request, office, assistance, refuse_form=form, status=400)
