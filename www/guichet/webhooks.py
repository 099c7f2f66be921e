"""« Notifications » of an EDI credential (``/guichet-edi/identifiants/<pk>/notifications/`` for the
company, ``/bureau/edi/identifiants/<pk>/notifications/`` for the office): the HTTPS address the
portal posts to when a message waits in the feed, the signing key (shown once, in the answer to
the post that made it), « Envoyer un événement de test », and the last notifications' state.

Who sees the page: whoever sees the credential (``edi.credentials.visible_credentials``), else 404;
who changes it: whoever manages it (the use cases of ``edi.webhook_config`` check it). No key is
ever read back from the database into a page."""

from allauth.core import ratelimit
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from edi import webhook_config
from edi.credentials import CredentialError
from edi.models import Credential, DeliveryStatus, Webhook
from habilitations import rights
from www.guichet.credentials import COMPANY, OFFICE, _credential_or_404, _side_context
from www.office.views import agent_required

ACTIONS = frozenset({"save", "test", "rotate", "remove"})


class AddressForm(forms.Form):
    url = forms.CharField(
        label="Adresse de notification (HTTPS)",
        max_length=500,
        help_text="Par exemple https://edi.exemple.fr/notifications : une adresse joignable sur Internet, en HTTPS.",
        error_messages={
            "required": "Indiquez l'adresse HTTPS à laquelle votre logiciel reçoit les notifications.",
            "max_length": "L'adresse ne doit pas dépasser 500 caractères.",
        },
    )


def page_url(credential: Credential, side: str) -> str:
    name = "office_edi:credential_webhook" if side == OFFICE else "guichet:credential_webhook"
    return reverse(name, args=[credential.pk])


def _act(request, credential: Credential, action: str, form: AddressForm) -> tuple[dict, int]:
    """Run ``action``; what the page shows of it (a key to show once, a test's outcome)."""
    actor = request.user
    if action == "save":
        if not form.is_valid():
            return {}, 400
        try:
            configured = webhook_config.configure(actor=actor, credential=credential, url=form.cleaned_data["url"])
        except webhook_config.AddressError as error:
            form.add_error("url", error.message)
            return {}, 400
        except CredentialError as error:
            return {"refusal": error.message}, 400
        return {"secret": configured.secret, "saved": True}, 200
    try:
        if action == "rotate":
            return {
                "secret": webhook_config.rotate_secret(actor=actor, credential=credential).secret,
                "rotated": True,
            }, 200
        if action == "test":
            if not ratelimit.consume(request, action="edi_webhook_test"):
                return {"refusal": "Trop d'événements de test envoyés. Réessayez dans quelques minutes."}, 429
            return {"tested": webhook_config.send_test(actor=actor, credential=credential)}, 200
        webhook_config.remove(actor=actor, credential=credential)
    except CredentialError as error:
        return {"refusal": error.message}, 400
    return {"removed": True}, 200


def _page(request, pk: int, side: str, office=None):
    credential = _credential_or_404(request, pk)
    context = _side_context(request, side, office)
    manageable = credential.is_active and rights.may_manage_edi_credentials(
        request.user, operator=credential.operator, provider_siret=credential.provider_siret
    )
    webhook = Webhook.objects.filter(credential=credential).first()
    form = AddressForm(initial={"url": webhook.url if webhook else ""})
    outcome: dict = {}
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in ACTIONS:
            outcome, status = {"refusal": "Action inconnue."}, 400
        else:
            form = AddressForm(request.POST) if action == "save" else form
            outcome, status = _act(request, credential, action, form)
        if outcome.get("removed"):
            messages.success(request, f"Les notifications de l'identifiant {credential.client_id} sont supprimées.")
            return redirect(page_url(credential, side))
        webhook = Webhook.objects.filter(credential=credential).first()
        if status == 200 and action in ("save", "rotate"):
            form = AddressForm(initial={"url": webhook.url if webhook else ""})
    return render(
        request,
        "guichet/webhook.html",
        {
            **context,
            **outcome,
            "credential": credential,
            "webhook": webhook,
            "manageable": manageable,
            "form": form,
            "deliveries": webhook_config.recent_deliveries(credential),
            "statuses": DeliveryStatus,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_webhook(request, pk: int):
    return _page(request, pk, COMPANY)


@agent_required
@require_http_methods(["GET", "POST"])
def office_webhook(request, pk: int, office):
    return _page(request, pk, OFFICE, office)
