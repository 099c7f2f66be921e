"""The office's GAMMA pages (« GAMMA pour le bureau »): the search of the movements of the
operators in the office's charge, a movement's page (its data, timeline and messages, read-only,
with the office's actions), the interruption (IE807) and the manual closure, and the receipts
awaited past their date (« En attente d'apurement hors délai »).

HTTP only: which movements an office sees and what it may do is ``gamma.actions.office``'s (on
``habilitations.rights``); anybody who is not an agent, and any movement of another office's
operators, gets a 404, logged when it was a post."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from gamma import actions, lifecycle, printing, receipt_parts, search, timeline
from gamma import messages as stored_messages
from gamma.actions import office as office_actions
from gamma.models import Movement, MovementAction, MovementMessage, TraderRole
from www.gamma.movement_forms import STATUS_BADGES, add_action_errors
from www.gamma.sorting import sort_headers
from www.office.gamma_forms import InterruptForm, ManualClosureForm, OfficeSearchForm
from www.office.views import agent_required

security_log = logging.getLogger("prodouane.security")
PAGE_SIZE = 20
OVERDUE_PAGE_SIZE = 50
SEARCH_COLUMNS = {"arc": "arc", "dispatch_date": "-dispatch_date", "validated_at": "-validated_at"}
# slug → (action, form, heading)
ACTIONS = {
    "interrompre": (MovementAction.INTERRUPT, InterruptForm, "Interrompre le mouvement (IE807)"),
    "cloturer": (MovementAction.MANUAL_CLOSURE, ManualClosureForm, "Clôturer manuellement le mouvement"),
}
SLUGS = {action: slug for slug, (action, _, _) in ACTIONS.items()}


def _movement_or_404(request, pk: int):
    movement = actions.office_movement(user=request.user, pk=pk)
    if movement is None:
        if request.method == "POST":
            security_log.warning("Refused forged request by %s: office action on movement %s", request.user, pk)
        raise Http404
    return movement


def _rows(ids, today):
    rows = []
    for movement in search.with_details(ids):
        traders = movement.list_traders
        consignor = traders.get(TraderRole.CONSIGNOR)
        consignee = traders.get(TraderRole.CONSIGNEE)
        rows.append(
            {
                "movement": movement,
                "badge": STATUS_BADGES.get(movement.status, ""),
                "overdue": search.is_overdue(movement, today=today),
                "expected_arrival": search.expected_arrival(movement),
                "consignor": movement.consignor.number if movement.consignor else "",
                "consignor_name": consignor.trader_name if consignor else "",
                "consignee": movement.consignee_identifier,
                "consignee_name": consignee.trader_name if consignee else "",
                "products": ", ".join(movement.list_products),
            }
        )
    return rows


@require_GET
@agent_required
def movement_search(request, office):
    form = OfficeSearchForm(request.GET)
    today = timezone.localdate()
    page = rows = None
    more = False
    valid = form.is_valid()
    sort = (form.cleaned_data.get("tri") if valid else "") or search.DEFAULT_SORT
    if valid:
        found = office_actions.office_search(
            user=request.user,
            filters=form.filters(),
            number=form.cleaned_data["operateur"],
            name=form.cleaned_data["raison_sociale"],
            today=today,
        )
        page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = _rows(list(page.object_list), today)
        more = found.more
    return render(
        request,
        "office/gamma_search.html",
        {
            "title": "GAMMA — mouvements des opérateurs suivis",
            "office": office,
            "form": form,
            "page": page,
            "rows": rows,
            "more": more,
            "by_reference": valid and form.filters().by_reference,
            "headers": sort_headers(
                request.GET,
                current=sort,
                columns=SEARCH_COLUMNS,
                labels={key: label for key, (label, _) in search.SORTS.items()},
            ),
        },
    )


@require_GET
@agent_required
def overdue(request, office):
    today = timezone.localdate()
    page = Paginator(actions.overdue_receipts(user=request.user, today=today), OVERDUE_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [
        {**row, "late_days": (today - row["expected_arrival"]).days}
        for row in _rows([movement.pk for movement in page.object_list], today)
    ]
    return render(
        request,
        "office/gamma_overdue.html",
        {"title": "En attente d'apurement hors délai", "office": office, "page": page, "rows": rows, "today": today},
    )


@require_GET
@agent_required
def movement_detail(request, office, pk: int):
    movement = (
        Movement.objects.select_related("consignor")
        .prefetch_related("traders", "documents", "lines__packages", "transport_details")
        .get(pk=_movement_or_404(request, pk).pk)
    )
    movement = stored_messages.show_stored_ie801(movement)  # the validation as the IE801 sent says it
    today = timezone.localdate()
    traders = {trader.role: trader for trader in movement.traders.all()}
    return render(
        request,
        "office/gamma_movement.html",
        {
            "title": f"{movement.kind} {movement.arc}",
            "office": office,
            "movement": movement,
            "office_view": True,
            "traders": [traders[role] for role in printing.TRADER_ORDER if role in traders],
            "consignor": traders.get(TraderRole.CONSIGNOR),
            "consignee": traders.get(TraderRole.CONSIGNEE),
            "expected_arrival": search.expected_arrival(movement),
            "transport_mode": printing.coded("BC67", movement.transport_mode_code),
            "overdue": search.is_overdue(movement, today=today),
            "timeline": timeline.entries(movement),
            "receipt_lines": receipt_parts.latest_report_rows(movement),
            "action_links": [
                {"slug": SLUGS[action], "label": ACTIONS[SLUGS[action]][2]}
                for action in office_actions.allowed_actions(movement, today=today)
            ],
            "badge": STATUS_BADGES.get(movement.status, ""),
        },
    )


@require_GET
@agent_required
def movement_message_xml(request, office, pk: int, message_pk: int):
    """A stored EMCS message of one of the office's movements, its XML byte for byte."""
    movement = _movement_or_404(request, pk)
    stored = MovementMessage.objects.filter(movement=movement, pk=message_pk).first()
    if stored is None:
        raise Http404
    response = HttpResponse(bytes(stored.xml), content_type="application/xml")
    name = f"{stored.message_type}-{movement.arc or movement.local_reference_number}-{stored.pk}.xml"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


def _error_summary(form) -> list[dict]:
    summary = [{"text": message} for message in form.non_field_errors()]
    for name in form.fields:
        summary += [{"text": message, "href": f"#{form[name].id_for_label}"} for message in form.errors.get(name, [])]
    return summary


@require_http_methods(["GET", "POST"])
@agent_required
def movement_action(request, office, pk: int, slug: str):
    if slug not in ACTIONS:
        raise Http404
    movement = _movement_or_404(request, pk)
    action, form_class, heading = ACTIONS[slug]
    detail_url = reverse("office:gamma_movement", args=[movement.pk])
    today = timezone.localdate()
    if action not in office_actions.allowed_actions(movement, today=today):
        refusal = lifecycle.refusal(movement, action, role=lifecycle.OFFICE, today=today)
        if request.method == "POST":
            security_log.warning(
                "Refused forged request by %s: %s on movement %s: %s", request.user, action, movement.pk, refusal
            )
        messages.error(request, refusal)
        return redirect(detail_url)
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                form.submit(movement=movement, actor=request.user)
            except actions.ActionRefused as refused:
                if not refused.errors:
                    messages.error(request, refused.message)
                    return redirect(detail_url)
                add_action_errors(form, refused)
            else:
                movement.refresh_from_db(fields=["status"])
                messages.success(request, f"C'est enregistré. État du document : {movement.get_status_display()}.")
                return redirect(detail_url)
    else:
        form = form_class()
    return render(
        request,
        "office/gamma_action.html",
        {
            "title": f"{heading} — {movement.arc}",
            "office": office,
            "heading": heading,
            "slug": slug,
            "form": form,
            "movement": movement,
            "detail_url": detail_url,
            "error_summary": _error_summary(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )
