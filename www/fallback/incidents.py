"""The « météo des téléservices »: its public page (current incidents and history), and the CID's
pages to declare, update and close incidents (404 for anyone else)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fallback import selectors, services
from fallback.errors import FallbackError
from fallback.models import Incident
from habilitations import catalogue
from www.fallback.access import cid_required
from www.fallback.forms import IncidentCloseForm, IncidentForm

HISTORY_PAGE_SIZE = 20


@require_GET
def weather(request):
    history = Paginator(selectors.closed_incidents(), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "fallback/incidents/weather.html",
        {"title": "Météo des téléservices", "current": selectors.current_incidents(), "page": history},
    )


@require_GET
@cid_required
def manage(request):
    return render(
        request,
        "fallback/incidents/manage.html",
        {
            "title": "Incidents des téléservices",
            "current": selectors.current_incidents(),
            "closed": selectors.closed_incidents()[:20],
        },
    )


def _incident_values(form) -> dict:
    data = form.cleaned_data
    return {
        "level": data["level"],
        "starts_at": data["starts_at"],
        "expected_end_at": data["expected_end_at"],
        "message": data["message"],
    }


@require_http_methods(["GET", "POST"])
@cid_required
def declare(request):
    now = timezone.localtime()
    initial = {
        "teleservice": catalogue.GAMMA,
        "starts_on": f"{now:%Y-%m-%d}",
        "starts_time": f"{now:%H:%M}",
    }
    form = IncidentForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                incident = services.incident_declare(
                    actor=request.user, teleservice=form.cleaned_data["teleservice"], **_incident_values(form)
                )
            except FallbackError as error:
                form.add_fallback_error(error, default_field="message")
            else:
                messages.success(request, f"L'incident sur {incident.teleservice.name} est déclaré.")
                return redirect("incidents:manage")
        status = 400
    return render(
        request, "fallback/incidents/form.html", {"title": "Déclarer un incident", "form": form}, status=status
    )


@require_http_methods(["GET", "POST"])
@cid_required
def edit(request, pk: int):
    incident = get_object_or_404(Incident.objects.select_related("teleservice", "declared_by"), pk=pk)
    form = IncidentForm(request.POST or None, initial=_initial(incident), with_teleservice=False)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.incident_update(actor=request.user, incident=incident, **_incident_values(form))
            except FallbackError as error:
                form.add_fallback_error(error, default_field="message")
            else:
                messages.success(request, "L'incident est mis à jour.")
                return redirect("incidents:edit", pk=incident.pk)
        status = 400
    return _edit_page(request, incident, form=form, status=status)


def _initial(incident: Incident) -> dict:
    starts, ends = timezone.localtime(incident.starts_at), timezone.localtime(incident.expected_end_at)
    return {
        "level": incident.level,
        "starts_on": f"{starts:%Y-%m-%d}",
        "starts_time": f"{starts:%H:%M}",
        "expected_end_on": f"{ends:%Y-%m-%d}",
        "expected_end_time": f"{ends:%H:%M}",
        "message": incident.message,
    }


def _edit_page(request, incident, *, form=None, close_form=None, status=200):
    return render(
        request,
        "fallback/incidents/edit.html",
        {
            # Each incident's page its own title (RGAA 8.6): level, teleservice and start.
            "title": f"{incident.alert_label} sur {incident.teleservice.name} "
            f"du {timezone.localtime(incident.starts_at):%d/%m/%Y %H:%M}",
            "incident": incident,
            "form": form or IncidentForm(initial=_initial(incident), with_teleservice=False),
            "close_form": close_form or IncidentCloseForm(),
            "events": incident.events.select_related("actor"),
        },
        status=status,
    )


@require_POST
@cid_required
def close(request, pk: int):
    incident = get_object_or_404(Incident.objects.select_related("teleservice"), pk=pk)
    form = IncidentCloseForm(request.POST)
    if form.is_valid():
        try:
            services.incident_close(
                actor=request.user, incident=incident, closing_message=form.cleaned_data["closing_message"]
            )
        except FallbackError as error:
            form.add_error("closing_message", error.message)
        else:
            messages.success(request, f"L'incident sur {incident.teleservice.name} est clos et passe à l'historique.")
            return redirect("incidents:manage")
    return _edit_page(request, incident, close_form=form, status=400)
