"""« Envois en attente »: the pending and failed items of the three outboxes (mails, EDI
notifications, messages to the other member states), for the helpdesk (SAU, everything, under
/demandes-assistance/sau/envois/) and for a customs office (its operators' share, under
/bureau/envois/). Who sees what is ``habilitations.rights.outbox_scope``'s; anybody else gets a
404. « Relancer maintenant » (SAU only, POST): the item's next attempt is brought forward to now,
a failed one put back in the queue; logged."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from habilitations import rights
from www.outbox import selectors

logger = logging.getLogger("prodouane.security")
PAGE_SIZE = 50


def _scope_or_404(request, *, as_office: bool):
    scope = rights.outbox_scope(request.user, as_office=as_office)
    if scope is None:
        raise Http404
    return scope


def _page(request, *, as_office: bool):
    scope = _scope_or_404(request, as_office=as_office)
    kinds = selectors.kinds_for(scope)
    kind = request.GET.get("onglet") or kinds[0]
    status = request.GET.get("statut") or ""
    errors = []
    if kind not in kinds:
        errors.append("Cet onglet n'existe pas : les envois affichés sont ceux du premier onglet.")
        kind = kinds[0]
    if status and status not in selectors.STATUSES:
        errors.append("Cet état n'existe pas : tous les envois en attente ou en échec sont affichés.")
        status = ""
    page = Paginator(selectors.items(kind, scope, status), PAGE_SIZE).get_page(request.GET.get("page"))
    url_name = "office:outbox" if as_office else "helpdesk:outbox"
    return render(
        request,
        "outbox/page.html",
        {
            "title": "Envois en attente",
            "as_office": as_office,
            "office": scope if as_office else None,
            "url": reverse(url_name),
            "summaries": [selectors.summary(each, scope) for each in kinds],
            "kind": kind,
            "kind_label": selectors.KINDS[kind],
            "status": status,
            "statuses": selectors.STATUSES,
            "errors": errors,
            "page": page,
            "rows": [selectors.row(kind, obj) for obj in page.object_list],
            "may_resend": not as_office and rights.may_resend_outbox(request.user),
        },
        status=400 if errors else 200,
    )


@require_GET
def sau_page(request):
    return _page(request, as_office=False)


@require_GET
def office_page(request):
    return _page(request, as_office=True)


def _detail(request, kind: str, pk: int, *, as_office: bool):
    scope = _scope_or_404(request, as_office=as_office)
    if kind not in selectors.kinds_for(scope):
        raise Http404
    obj = selectors.item(kind, scope, pk)
    if obj is None:  # sent meanwhile, unknown, or another office's
        raise Http404
    return render(
        request,
        "outbox/detail.html",
        {
            "title": f"{selectors.ITEM_LABELS[kind]} n° {pk}",
            "as_office": as_office,
            "office": scope if as_office else None,
            "url": reverse("office:outbox" if as_office else "helpdesk:outbox"),
            "kind": kind,
            "kind_label": selectors.KINDS[kind],
            "row": selectors.row(kind, obj),
            "may_resend": not as_office and rights.may_resend_outbox(request.user),
        },
    )


@require_GET
def sau_detail(request, kind: str, pk: int):
    return _detail(request, kind, pk, as_office=False)


@require_GET
def office_detail(request, kind: str, pk: int):
    return _detail(request, kind, pk, as_office=True)


@require_POST
def sau_resend(request, kind: str, pk: int):
    """Bring an item's next attempt forward to now (a failed one goes back to the queue, with one
    more attempt; the 72 h window of an EDI notification is not reopened: it counts from the
    notification's creation, which its payload states)."""
    if not rights.may_resend_outbox(request.user):
        raise Http404
    if kind not in (selectors.MAIL, selectors.EDI, selectors.EU):
        raise Http404
    before = selectors.bring_forward(kind, pk, now=timezone.now())
    if before is None:
        raise Http404
    logger.info(
        "Outbox resend: %s %s (%s) brought forward by %s (user %s)",
        kind,
        pk,
        before,
        request.user.username,
        request.user.pk,
    )
    label = {
        selectors.MAIL: f"Le courriel n° {pk} sera de nouveau tenté",
        selectors.EDI: f"La notification EDI n° {pk} sera de nouveau tentée",
        selectors.EU: f"Le message n° {pk} pour l\u2019État membre sera de nouveau tenté",
    }[kind]
    messages.success(request, f"{label} au prochain passage des envois.")
    return redirect(f"{reverse('helpdesk:outbox')}?onglet={kind}")
