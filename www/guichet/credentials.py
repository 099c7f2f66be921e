"""The Guichet EDI's credentials, for the people who manage them:

- a company's GAMMA administrator (or its correspondent, for the credentials of a company that is
  itself an EDI provider): ``/guichet-edi/identifiants/``, the company's credentials, « Créer »,
  « Renouveler le secret », « Révoquer »;
- a customs office agent: ``/bureau/edi/``, the EDI providers its adhesions name and the
  credentials of the companies and providers it is in charge of, issued, renewed or revoked there;
  any other office's credential is a 404.

Who may do what is ``habilitations.rights.may_manage_edi_credentials``, read inside
``edi.credentials``'s use cases; who sees which is ``edi.credentials.visible_credentials``. The
secret is shown once, in the answer to the post that made it: never stored in the session, in a
message, a log or a page that can be opened again."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from edi import credentials
from edi.models import Credential, Delivery, Webhook
from habilitations import catalogue, rights, selectors
from habilitations.models import ACTIVE_STATUSES, Adhesion
from register.models import Operator
from www.office.views import agent_required

COMPANY, OFFICE = "company", "office"


class CreateForm(forms.Form):
    label = forms.CharField(
        label="Libellé",
        max_length=120,
        required=False,
        help_text="Facultatif : pour reconnaître l'identifiant, par exemple « ERP entrepôt de Nanterre ».",
        error_messages={"max_length": "120 caractères au plus."},
    )
    holder = forms.ChoiceField(
        label="Titulaire",
        required=True,
        error_messages={
            "required": "Choisissez le titulaire de l'identifiant.",
            "invalid_choice": "Choisissez un titulaire de la liste.",
        },
    )

    def __init__(self, *args, holders: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        holders = holders or []
        self.fields["holder"].choices = holders
        if len(holders) == 1:
            self.fields["holder"].initial = holders[0][0]


@dataclass(frozen=True)
class Row:
    credential: Credential
    numbers: list[str]  # the excise numbers it acts for now
    manageable: bool
    webhook_url: str = ""  # where its notifications go, "" if none
    deliveries: dict[str, int] = field(default_factory=dict)  # DeliveryStatus → how many


@dataclass(frozen=True)
class Provider:
    siret: str
    name: str
    adhesions: list[Adhesion]


def _holder_key(*, operator: Operator | None = None, siret: str = "") -> str:
    return f"operateur:{operator.siren}" if operator is not None else f"prestataire:{siret}"


def _rows(user, queryset) -> list[Row]:
    found = list(queryset.select_related("operator", "created_by", "revoked_by").order_by("revoked_at", "-pk"))
    urls = dict(Webhook.objects.filter(credential__in=found).values_list("credential_id", "url"))
    counts: dict[int, dict[str, int]] = {}
    for credential_id, status, count in (
        Delivery.objects.filter(credential__in=found)
        .values_list("credential_id", "status")
        .annotate(count=Count("id"))
        .order_by()
    ):
        counts.setdefault(credential_id, {})[status] = count
    rows = []
    for credential in found:
        numbers = list(rights.edi_channel_rights(credential, catalogue.GAMMA)) if credential.is_active else []
        manageable = credential.is_active and rights.may_manage_edi_credentials(
            user, operator=credential.operator, provider_siret=credential.provider_siret
        )
        rows.append(
            Row(
                credential=credential,
                numbers=numbers,
                manageable=manageable,
                webhook_url=urls.get(credential.pk, ""),
                deliveries=counts.get(credential.pk, {}),
            )
        )
    return rows


# --- Who holds what ----------------------------------------------------------------------------------


def _company_holders(user) -> list[tuple[str, str, Operator | None, str]]:
    """(key, label, operator, provider SIRET) of the credentials a company's person may create."""
    company = rights.company_of(user)
    if company is None:
        return []
    holders = []
    if rights.may_manage_edi_credentials(user, operator=company):
        holders.append((_holder_key(operator=company), f"{company.name} (logiciel de l'entreprise)", company, ""))
    if rights.is_correspondent(user, company):
        named = (
            Adhesion.objects.filter(status__in=ACTIVE_STATUSES, edi_provider_siret__startswith=company.siren)
            .values_list("edi_provider_siret", flat=True)
            .distinct()
        )
        for siret in sorted(set(named)):
            if rights.may_manage_edi_credentials(user, provider_siret=siret):
                label = f"{company.name}, prestataire EDI (SIRET {siret})"
                holders.append((_holder_key(siret=siret), label, None, siret))
    return holders


def _office_providers(office) -> list[Provider]:
    adhesions = (
        Adhesion.objects.filter(customs_office=office, status__in=ACTIVE_STATUSES, edi_enabled=True)
        .exclude(edi_provider_siret="")
        .select_related("excise_number", "operator")
        .order_by("edi_provider_siret", "excise_number__number")
    )
    grouped: dict[str, list[Adhesion]] = {}
    for adhesion in adhesions:
        grouped.setdefault(adhesion.edi_provider_siret, []).append(adhesion)
    return [
        Provider(
            siret=siret, name=selectors.edi_provider_name(siret, found[0].edi_provider_name_address), adhesions=found
        )
        for siret, found in grouped.items()
    ]


def _office_holders(user, office) -> list[tuple[str, str, Operator | None, str]]:
    holders = []
    for provider in _office_providers(office):
        if rights.may_manage_edi_credentials(user, provider_siret=provider.siret):
            label = f"Prestataire {provider.name} (SIRET {provider.siret})"
            holders.append((_holder_key(siret=provider.siret), label, None, provider.siret))
    for operator in rights.companies_in_charge(user=user).order_by("name"):
        holders.append(
            (_holder_key(operator=operator), f"Opérateur {operator.name} (SIREN {operator.siren})", operator, "")
        )
    return holders


def pages_url(user) -> str:
    """Where ``user`` manages EDI credentials (the office's page, or the company's), "" if nowhere."""
    if rights.office_of(user) is not None:
        return reverse("office_edi:credentials")
    if _company_holders(user) or credentials.visible_credentials(user=user).exists():
        return reverse("guichet:credentials")
    return ""


# --- Pages -------------------------------------------------------------------------------------------


def _side_context(request, side: str, office=None) -> dict:
    user = request.user
    if side == OFFICE:
        holders = _office_holders(user, office)
        return {
            "side": side,
            "title": "Guichet EDI : prestataires et identifiants",
            "office": office,
            "providers": _office_providers(office),
            "holders": holders,
            "rows": _rows(user, credentials.visible_credentials(user=user)),
            "list_url": reverse("office_edi:credentials"),
        }
    holders = _company_holders(user)
    return {
        "side": side,
        "title": "Identifiants EDI",
        "company": rights.company_of(user),
        "holders": holders,
        "rows": _rows(user, credentials.visible_credentials(user=user)),
        "list_url": reverse("guichet:credentials"),
    }


def _template(side: str) -> str:
    return "guichet/office_credentials.html" if side == OFFICE else "guichet/credentials.html"


def _list(request, side: str, office=None):
    context = _side_context(request, side, office)
    if side == COMPANY and not context["holders"] and not context["rows"]:
        return render(request, "guichet/credentials_refused.html", {"title": context["title"]}, status=403)
    holders = context["holders"]
    choices = [(key, label) for key, label, _operator, _siret in holders]
    issued = None
    status = 200
    if request.method == "POST":
        form = CreateForm(request.POST, holders=choices)
        if form.is_valid():
            _key, _label, operator, siret = next(h for h in holders if h[0] == form.cleaned_data["holder"])
            try:
                issued = credentials.issue(
                    actor=request.user, operator=operator, provider_siret=siret, label=form.cleaned_data["label"]
                )
            except credentials.CredentialError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                context = _side_context(request, side, office)  # the new row in the table
                form = CreateForm(holders=choices)
        else:
            status = 400
    else:
        form = CreateForm(holders=choices)
    return render(request, _template(side), {**context, "form": form, "issued": issued}, status=status)


def _credential_or_404(request, pk: int) -> Credential:
    credential = credentials.visible_credentials(user=request.user).filter(pk=pk).first()
    if credential is None:
        raise Http404
    return credential


def _act(request, pk: int, action: str, side: str, office=None):
    """« Renouveler le secret » or « Révoquer »: a confirmation page, then the post."""
    credential = _credential_or_404(request, pk)
    context = _side_context(request, side, office)
    if request.method == "GET" or not credential.is_active:
        refusal = "" if credential.is_active else "Cet identifiant EDI est déjà révoqué."
        return render(
            request,
            "guichet/credential_confirm.html",
            {**context, "credential": credential, "action": action, "refusal": refusal},
            status=200 if credential.is_active else 409,
        )
    try:
        if action == "rotate":
            issued = credentials.rotate(actor=request.user, credential=credential)
        else:
            credentials.revoke(actor=request.user, credential=credential)
    except credentials.CredentialError as error:
        return render(
            request,
            "guichet/credential_confirm.html",
            {**context, "credential": credential, "action": action, "refusal": error.message},
            status=403,
        )
    if action == "revoke":
        messages.success(request, f"L'identifiant EDI {credential.client_id} est révoqué : il ne fonctionne plus.")
        return redirect(context["list_url"])
    context = _side_context(request, side, office)
    choices = [(key, label) for key, label, _operator, _siret in context["holders"]]
    return render(
        request, _template(side), {**context, "form": CreateForm(holders=choices), "issued": issued, "rotated": True}
    )


@login_required
@require_http_methods(["GET", "POST"])
def company_credentials(request):
    if rights.office_of(request.user) is not None:
        return redirect("office_edi:credentials")
    return _list(request, COMPANY)


@login_required
@require_http_methods(["GET", "POST"])
def company_rotate(request, pk: int):
    return _act(request, pk, "rotate", COMPANY)


@login_required
@require_http_methods(["GET", "POST"])
def company_revoke(request, pk: int):
    return _act(request, pk, "revoke", COMPANY)


@agent_required
@require_http_methods(["GET", "POST"])
def office_credentials(request, office):
    return _list(request, OFFICE, office)


@agent_required
@require_http_methods(["GET", "POST"])
def office_rotate(request, pk: int, office):
    return _act(request, pk, "rotate", OFFICE, office)


@agent_required
@require_http_methods(["GET", "POST"])
def office_revoke(request, pk: int, office):
    return _act(request, pk, "revoke", OFFICE, office)
