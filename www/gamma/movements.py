"""GAMMA's movement pages after validation: « Rechercher DAA / DSA » (and its CSV), a movement's
page (its data by section, its timeline, the actions allowed), its printed copy, one short form
per action. The « Messages » of a number are ``www/gamma/inbox.py``'s.

HTTP only: rights and rules are ``gamma.actions``'s, reads ``gamma.search``, ``gamma.timeline``
and ``gamma.inbox``'s. Every page acts for one excise number of the user's company (in the URL);
another company's number or movement is a 404, logged when it was a post."""

from __future__ import annotations

import logging
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gamma import actions, inbox_state, printing, receipt_parts, search, timeline
from gamma import messages as stored_messages
from gamma.models import Movement, MovementMessage, TraderRole
from habilitations import catalogue, rights
from register.models import ExciseNumber
from www.gamma.movement_forms import ACTION_FORMS, SLUGS, STATUS_BADGES, SearchForm, add_action_errors
from www.gamma.sorting import sort_headers

security_log = logging.getLogger("prodouane.security")
PAGE_SIZE = 20
SEARCH_COLUMNS = {"arc": "arc", "dispatch_date": "-dispatch_date", "validated_at": "-validated_at"}


def acting_for(view):
    """Resolve the excise number of the URL: the user's company's (404 otherwise) and with at least
    one GAMMA right (the refusal page otherwise); the view gets it with the rights held."""

    @wraps(view)
    @login_required
    def wrapper(request, number: str, *args, **kwargs):
        excise_number = ExciseNumber.objects.select_related("operator", "customs_office").filter(number=number).first()
        company = rights.company_of(request.user)
        if excise_number is None or company is None or excise_number.operator_id != company.pk:
            if request.method == "POST":
                security_log.warning("Refused forged request by %s: excise number %s", request.user, number)
            raise Http404
        held = rights.rights_for(request.user, catalogue.GAMMA, excise_number)
        if not held:
            return render(
                request,
                "gamma/refused.html",
                {"title": f"GAMMA — {number}", "excise_number": excise_number},
                status=403,
            )
        return view(request, excise_number, held, *args, **kwargs)

    return wrapper


def _refused(request, excise_number, message: str, *, status: int = 403):
    return render(
        request,
        "gamma/movement/refused.html",
        {"title": "Action impossible", "excise_number": excise_number, "message": message},
        status=status,
    )


def _nav(request, excise_number, held, current: str) -> dict:
    kinds = actions.visible_kinds(held)
    unread = inbox_state.unread_count(user=request.user, excise_number=excise_number, kinds=kinds)
    return {
        "excise_number": excise_number,
        "nav_current": current,
        "can_search": bool(actions.searchable_kinds(held)),
        "unread": unread,
        "unread_label": inbox_state.unread_label(unread),
    }


# --- Search ---------------------------------------------------------------------------------------


def _search_form(request, excise_number, held):
    kinds = actions.searchable_kinds(held)
    form = SearchForm(request.GET)
    return kinds, form


@require_GET
@acting_for
def movement_search(request, excise_number, held):
    kinds, form = _search_form(request, excise_number, held)
    if not kinds:
        return _refused(
            request,
            excise_number,
            "Votre compte n'a ni le droit « Rechercher DAA » ni le droit « Rechercher DSA » "
            f"pour {excise_number.number}.",
        )
    page = rows = found = None
    today = timezone.localdate()
    valid = form.is_valid()
    sort = (form.cleaned_data.get("tri") if valid else "") or search.DEFAULT_SORT
    if valid:
        found = search.search(excise_number=excise_number, kinds=kinds, filters=form.filters(), today=today)
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [
            (search.row(movement, number=excise_number.number, today=today), STATUS_BADGES.get(movement.status, ""))
            for movement in search.with_details(search.ids(page.object_list))
        ]
    return render(
        request,
        "gamma/movement/search.html",
        {
            "title": f"Rechercher DAA / DSA — {excise_number.number}",
            "form": form,
            "page": page,
            "rows": rows,
            "more": found is not None and found.more,
            "kinds": kinds,
            "query": request.GET.urlencode(),
            "by_reference": valid and form.filters().by_reference,
            "headers": sort_headers(
                request.GET,
                current=sort,
                columns=SEARCH_COLUMNS,
                labels={key: label for key, (label, _) in search.SORTS.items()},
            ),
            **_nav(request, excise_number, held, "search"),
        },
    )


@require_GET
@acting_for
def movement_search_csv(request, excise_number, held):
    kinds, form = _search_form(request, excise_number, held)
    if not kinds:
        raise Http404
    if not form.is_valid():
        messages.error(request, "Corrigez les filtres signalés avant d'exporter.")
        return redirect(reverse("gamma:movement_search", args=[excise_number.number]) + "?" + request.GET.urlencode())
    today = timezone.localdate()
    movements = search.search(excise_number=excise_number, kinds=kinds, filters=form.filters(), today=today)
    response = StreamingHttpResponse(
        search.csv_lines(movements, number=excise_number.number, today=today), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="mouvements-{excise_number.number}-{today:%Y%m%d}.csv"'
    return response


# --- One movement -------------------------------------------------------------------------------


def _movement_or_404(request, excise_number, held, pk: int) -> actions.MovementAccess:
    movement = (
        Movement.objects.select_related("consignor")
        .prefetch_related("traders", "documents", "lines__packages", "transport_details")
        .filter(pk=pk)
        .first()
    )
    access = None
    if movement is not None:
        access = actions.movement_access(user=request.user, excise_number=excise_number, movement=movement, held=held)
    if access is None:
        if request.method == "POST":
            security_log.warning(
                "Refused forged request by %s: movement %s for %s", request.user, pk, excise_number.number
            )
        raise Http404
    return access


def _action_links(access: actions.MovementAccess, today) -> list[dict]:
    return [
        {"slug": SLUGS[action], "label": ACTION_FORMS[SLUGS[action]][2]}
        for action in access.allowed_actions(today=today)
        if action in SLUGS
    ]


@require_GET
@acting_for
def movement_detail(request, excise_number, held, pk: int):
    access = _movement_or_404(request, excise_number, held, pk)
    movement = stored_messages.show_stored_ie801(access.movement)  # the validation as the IE801 sent says it
    today = timezone.localdate()
    traders = {trader.role: trader for trader in movement.traders.all()}
    return render(
        request,
        "gamma/movement/detail.html",
        {
            "title": f"{movement.kind} {movement.arc or movement.local_reference_number}",
            "movement": movement,
            "access": access,
            "is_consignor": actions.CONSIGNOR in access.roles,
            "traders": [traders[role] for role in printing.TRADER_ORDER if role in traders],
            "consignor": traders.get(TraderRole.CONSIGNOR),
            "consignee": traders.get(TraderRole.CONSIGNEE),
            "expected_arrival": search.expected_arrival(movement),
            "transport_mode": printing.coded("BC67", movement.transport_mode_code),
            "overdue": search.is_overdue(movement, today=today),
            "timeline": timeline.entries(movement),
            "receipt_lines": receipt_parts.latest_report_rows(movement),
            "action_links": _action_links(access, today),
            "badge": STATUS_BADGES.get(movement.status, ""),
            **_nav(request, excise_number, held, "movement"),
        },
    )


@require_GET
@acting_for
def movement_pdf(request, excise_number, held, pk: int):
    """The printed copy. The movement's row is read first and the user's access checked on it (404
    as for its page); its lines, traders and documents are read only for a copy to draw."""
    movement = printing.read(pk)
    access = movement and actions.movement_access(
        user=request.user, excise_number=excise_number, movement=movement, held=held
    )
    if not access:
        raise Http404
    try:
        printing.printable(movement)
    except printing.PrintRefused as refused:
        return _refused(request, excise_number, refused.message, status=409)
    pdf = printing.movement_pdf(printing.parts(movement))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{printing.filename(movement)}"'
    return response


@require_GET
@acting_for
def movement_message_xml(request, excise_number, held, pk: int, message_pk: int):
    """A stored EMCS message of the movement, its XML byte for byte as validated: to whoever sees
    the movement's page (404 otherwise, as for the page), never kept by a cache."""
    movement = printing.read(pk)
    access = movement and actions.movement_access(
        user=request.user, excise_number=excise_number, movement=movement, held=held
    )
    stored = access and MovementMessage.objects.filter(movement=movement, pk=message_pk).first()
    if not stored:
        raise Http404
    response = HttpResponse(bytes(stored.xml), content_type="application/xml")
    name = f"{stored.message_type}-{movement.arc or movement.local_reference_number}-{stored.pk}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
@acting_for
def movement_action(request, excise_number, held, pk: int, slug: str):
    if slug not in ACTION_FORMS:
        raise Http404
    access = _movement_or_404(request, excise_number, held, pk)
    movement = access.movement
    action, form_class, heading = ACTION_FORMS[slug]
    detail_url = reverse("gamma:movement", args=[excise_number.number, movement.pk])
    today = timezone.localdate()
    refusal = access.refusal(action, today=today)
    if refusal:
        if request.method == "POST":
            security_log.warning(
                "Refused forged request by %s: %s on movement %s for %s: %s",
                request.user,
                action,
                movement.pk,
                excise_number.number,
                refusal,
            )
        messages.error(request, refusal)
        return redirect(detail_url)
    add_row = request.POST.get("ajouter", "") if request.method == "POST" else ""
    if add_row:  # « Ajouter un motif / une unité de transport »: the form again, one more row, nothing sent
        form = form_class(initial=request.POST.dict(), movement=movement, add_row=add_row)
    elif request.method == "POST":
        form = form_class(request.POST, movement=movement)
        if form.is_valid():
            try:
                form.submit(movement=movement, actor=request.user, excise_number=excise_number.number)
            except actions.ActionRefused as refused:
                if not refused.errors:
                    messages.error(request, refused.message)
                    return redirect(detail_url)
                add_action_errors(form, refused)
            else:
                movement.refresh_from_db(fields=["status"])
                messages.success(
                    request,
                    f"{heading.split(' (')[0]} : c'est enregistré. État du document : {movement.get_status_display()}.",
                )
                return redirect(detail_url)
    else:
        initial = {
            "date_of_arrival": today.isoformat(),
            "date": today.isoformat(),
            "date_of_analysis": today.isoformat(),
        }
        if action == "explain_delay":
            role = access.role_for(action)
            initial["message_role"] = str(
                actions.DELAY_OF_RECEIPT if role == actions.CONSIGNEE else actions.DELAY_OF_DESTINATION
            )
        if action == "alert_or_rejection":
            initial["rejected"] = "0"
        form = form_class(initial=initial, movement=movement)
    return render(
        request,
        "gamma/movement/action.html",
        {
            "title": f"{heading} — {movement.arc}",
            "heading": heading,
            "slug": slug,
            "form": form,
            "movement": movement,
            "detail_url": detail_url,
            "error_summary": form.error_summary() if form.is_bound else [],
            **_nav(request, excise_number, held, "movement"),
        },
        status=400 if form.is_bound else 200,
    )
