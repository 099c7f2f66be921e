"""« Mon compte > Notifications »: the person ticks the events they want an e-mail of. The rules
(which events a person is offered, who is told) are ``accounts.notifications``'."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import notifications


@login_required
@require_http_methods(["GET", "POST"])
def notification_preferences(request):
    if request.method == "POST":
        notifications.preferences_save(user=request.user, chosen=request.POST.getlist("events"))
        messages.success(request, "Vos choix de notifications ont été enregistrés.")
        return redirect("accounts:notifications")
    preferences = notifications.preferences_of(request.user)
    groups = [
        {
            "legend": legend,
            "events": [
                {"name": event, "label": notifications.label_of(event), "on": getattr(preferences, event)}
                for event in events
            ],
        }
        for legend, events in notifications.groups_for(request.user)
    ]
    return render(
        request,
        "accounts/notifications.html",
        {"title": "Vos notifications", "tab": "accounts:notifications", "groups": groups},
    )
