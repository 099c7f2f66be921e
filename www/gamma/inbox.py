"""GAMMA's « Messages » of a number: the list (a view — inbox, unread, archived — and a sort by
date, type or ARC, both GET parameters where an unknown value means the default), one message on its
own page (opening it marks it read), and the person's changes: read, unread, archived, back in the
inbox, everything read.

HTTP only: what a message is and each person's state of it are ``gamma.inbox`` and
``gamma.inbox_state``'s; the number and the rights are resolved by ``acting_for`` as on the other
movement pages: another company's number or message is a 404."""

from __future__ import annotations

import logging
from functools import partial

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from gamma import actions, inbox_state
from www.gamma.movement_forms import STATUS_BADGES
from www.gamma.movements import _nav, acting_for
from www.gamma.sorting import sort_headers

security_log = logging.getLogger("prodouane.security")
PAGE_SIZE = 30
# The button's value → (the change, the confirmation).
CHANGES = {
    "lu": (partial(inbox_state.set_read, read=True), "Message marqué comme lu."),
    "non-lu": (partial(inbox_state.set_read, read=False), "Message marqué comme non lu."),
    "archiver": (inbox_state.archive, "Message archivé : il est dans « Archivés »."),
    "desarchiver": (inbox_state.unarchive, "Message remis dans la boîte de réception."),
}


def _message_or_404(request, excise_number, held, pk: int):
    event = inbox_state.message(
        user=request.user, excise_number=excise_number, kinds=actions.visible_kinds(held), pk=pk
    )
    if event is None:
        if request.method == "POST":
            security_log.warning(
                "Refused forged request by %s: message %s for %s", request.user, pk, excise_number.number
            )
        raise Http404
    return event


@require_GET
@acting_for
def inbox_list(request, excise_number, held):
    view = inbox_state.view_of(request.GET.get("vue"))
    sort = inbox_state.sort_of(request.GET.get("tri"))
    events = inbox_state.messages(
        user=request.user, excise_number=excise_number, kinds=actions.visible_kinds(held), view=view, sort=sort
    )
    page = Paginator(inbox_state.Listed(events), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "gamma/movement/inbox.html",
        {
            "title": f"Messages — {inbox_state.VIEWS[view]} — {excise_number.number}",
            "page": page,
            "items": inbox_state.shown(page.object_list, number=excise_number.number),
            "view": view,
            "views": inbox_state.VIEWS,
            "view_label": inbox_state.VIEWS[view],
            "sort_label": inbox_state.SORTS[sort],
            "headers": sort_headers(request.GET, current=sort, columns=inbox_state.COLUMNS, labels=inbox_state.SORTS),
            **_nav(request, excise_number, held, "inbox"),
        },
    )


@require_GET
@acting_for
def inbox_message(request, excise_number, held, pk: int):
    event = _message_or_404(request, excise_number, held, pk)
    if not event.is_read:
        inbox_state.set_read(user=request.user, event=event)
        event.is_read = True
    (item,) = inbox_state.shown([event], number=excise_number.number)
    movement = event.movement
    return render(
        request,
        "gamma/movement/message.html",
        {
            "title": f"{item.headline} — Messages — {excise_number.number}",
            "item": item,
            "movement": movement,
            "badge": STATUS_BADGES.get(movement.status, ""),
            **_nav(request, excise_number, held, "inbox"),
        },
    )


@require_POST
@acting_for
def inbox_change(request, excise_number, held, pk: int):
    event = _message_or_404(request, excise_number, held, pk)
    change = CHANGES.get(request.POST.get("changer", ""))
    message_url = reverse("gamma:inbox_message", args=[excise_number.number, event.pk])
    if change is None:
        messages.error(request, "Cette modification du message n'existe pas : rien n'a changé.")
        return redirect(message_url)
    apply, confirmation = change
    apply(user=request.user, event=event)
    messages.success(request, confirmation)
    if request.POST.get("changer") in ("archiver", "non-lu"):
        # Back to the list: the message's page would mark it read again.
        return redirect("gamma:inbox", excise_number.number)
    return redirect(message_url)


@require_POST
@acting_for
def inbox_all_read(request, excise_number, held):
    inbox_state.mark_all_read(user=request.user, excise_number=excise_number)
    messages.success(request, "Tous les messages sont marqués comme lus.")
    return redirect("gamma:inbox", excise_number.number)
