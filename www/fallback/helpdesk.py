"""« Demande d'assistance » (seed, case 2): the user reports that they cannot issue or print a
document; the SAU diagnoses, closes it as solved or passes it to the customs office in charge.
A request is shown to its requester and to the SAU only (404 for anyone else)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from fallback import selectors, services
from fallback.errors import FallbackError
from fallback.models import AssistanceRequest, AssistanceStatus
from habilitations import catalogue, rights
from www.fallback.access import base_url, sau_required
from www.fallback.forms import AssistanceForm, DiagnosisForm, SauFilterForm

PAGE_SIZE = 20


@require_GET
@login_required
def request_list(request):
    return render(
        request,
        "fallback/helpdesk/list.html",
        {
            "title": "Mes demandes d'assistance",
            "requests": selectors.requests_of(request.user).order_by("-created_at", "-pk"),
            "may_ask": bool(rights.rights_by_excise_number(request.user, catalogue.GAMMA)),
        },
    )


@require_http_methods(["GET", "POST"])
@login_required
def new(request):
    now = timezone.localtime()
    form = AssistanceForm(
        request.POST or None,
        user=request.user,
        initial={
            "teleservice": catalogue.GAMMA,
            "occurred_on": f"{now:%Y-%m-%d}",
            "occurred_time": f"{now:%H:%M}",
        },
    )
    if not form.numbers:
        return render(request, "fallback/helpdesk/no_number.html", {"title": "Demande d'assistance"})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                assistance = services.assistance_submit(
                    actor=request.user,
                    excise_number=data["excise_number"],
                    teleservice=data["teleservice"],
                    problem=data["problem"],
                    occurred_at=data["occurred_at"],
                    contact_phone=data["contact_phone"],
                    base_url=base_url(request),
                )
            except FallbackError as error:
                form.add_fallback_error(error, default_field="problem")
            else:
                messages.success(
                    request,
                    f"Votre demande d'assistance n° {assistance.pk} est transmise au SAU ; "
                    "vous êtes informé par courriel de chaque étape.",
                )
                return redirect("helpdesk:detail", pk=assistance.pk)
        status = 400
    return render(request, "fallback/helpdesk/new.html", {"title": "Demande d'assistance", "form": form}, status=status)


def _with_details(requests):
    return requests.select_related(
        "excise_number__operator",
        "customs_office",
        "teleservice",
        "requester",
        "diagnosed_by",
        "decided_by",
        "authorisation",
    )


@require_GET
@login_required
def detail(request, pk: int):
    assistance = _with_details(AssistanceRequest.objects.filter(requester=request.user, pk=pk)).first()
    if assistance is None:
        raise Http404
    return render(
        request,
        "fallback/helpdesk/detail.html",
        {
            "title": f"Demande d'assistance n° {assistance.pk}",
            "assistance": assistance,
            "events": assistance.events.select_related("actor"),
        },
    )


@require_GET
@sau_required
def sau_queue(request):
    data = request.GET.copy()
    data.setdefault("statut", AssistanceStatus.OPEN)
    form = SauFilterForm(data)
    page = None
    if form.is_valid():
        queue = selectors.sau_queue(status=form.cleaned_data["statut"] or None)
        page = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "fallback/helpdesk/sau_queue.html",
        {"title": "Demandes d'assistance (SAU)", "form": form, "page": page},
    )


def _sau_page(request, assistance, *, form=None, status=200):
    return render(
        request,
        "fallback/helpdesk/sau_detail.html",
        {
            "title": f"Demande d'assistance n° {assistance.pk}",
            "assistance": assistance,
            "events": assistance.events.select_related("actor"),
            "form": form or DiagnosisForm(initial={"diagnosis": assistance.diagnosis}),
            "may_handle": assistance.status == AssistanceStatus.OPEN,
        },
        status=status,
    )


def _sau_request_or_404(pk: int) -> AssistanceRequest:
    assistance = _with_details(AssistanceRequest.objects.filter(pk=pk)).first()
    if assistance is None:
        raise Http404
    return assistance


@require_GET
@sau_required
def sau_detail(request, pk: int):
    return _sau_page(request, _sau_request_or_404(pk))


@require_POST
@sau_required
def sau_handle(request, pk: int):
    assistance = _sau_request_or_404(pk)
    form = DiagnosisForm(request.POST)
    action = request.POST.get("action")
    handlers = {"resoudre": services.assistance_solve, "transmettre": services.assistance_escalate}
    if action not in handlers:
        form.add_error(None, "Choisissez de clore la demande ou de la transmettre au bureau de douane.")
    elif form.is_valid():
        try:
            handlers[action](
                actor=request.user,
                request=assistance,
                diagnosis=form.cleaned_data["diagnosis"],
                base_url=base_url(request),
            )
        except FallbackError as error:
            form.add_error("diagnosis" if error.field == "diagnosis" else None, error.message)
        else:
            if action == "resoudre":
                messages.success(request, f"La demande n° {assistance.pk} est close comme résolue.")
            else:
                messages.success(
                    request,
                    f"La demande n° {assistance.pk} est transmise au bureau de douane "
                    f"{assistance.customs_office.name}.",
                )
            return redirect("helpdesk:sau_queue")
    return _sau_page(request, assistance, form=form, status=400)
