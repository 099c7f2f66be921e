"""Account pages: registration (the seed's "fiche d'inscription"), summary, activation,
personal space and "Mon compte". Rules live in ``accounts.services``."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from accounts import selectors, services
from accounts.forms import (
    ActivationForm,
    CompanyChangeForm,
    ReferencesForm,
    RegistrationForm,
    ResendActivationForm,
    SiretForm,
    TestEmailForm,
)
from portal.templatetags.error_summary import form_error_summary

SESSION_REGISTERED = "accounts.registered_user"


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


def _send_test_email(request, email_field: str) -> tuple[str, str]:
    """Send the "Tester" e-mail; returns (level, French message). Creates nothing."""
    form = TestEmailForm({"email": request.POST.get(email_field, "")})
    if not form.is_valid():
        return "error", "Saisissez une adresse courriel valide, par exemple prenom.nom@entreprise.fr, puis « Tester »."
    if not ratelimit.consume(request, action="test_email", key=form.cleaned_data["email"].lower()):
        return "error", "Trop de courriels de test ont été demandés. Réessayez dans quelques minutes."
    services.send_test_email(email=form.cleaned_data["email"])
    return "success", (
        f"Un courriel de test vient d'être envoyé à {form.cleaned_data['email']}. "
        "S'il ne vous parvient pas, vérifiez l'adresse et votre dossier de courriers indésirables."
    )


def _error_summary(form) -> list[dict]:
    """The refused registration's errors, in the order of the form, each a link to its field
    (includes/error_summary.html); the SIRET's to its section (once confirmed, the number is a
    hidden input with no id)."""
    return form_error_summary(form, {"siret": "rubrique-siret"})


@never_cache  # a refused or round-tripped registration carries both passwords back: kept by no cache
@require_http_methods(["GET", "POST"])
def registration(request):
    if request.user.is_authenticated:
        return redirect("accounts:personal_space")
    sheet = None
    confirmed_company = ""
    test_email_result = None
    if request.method == "GET":
        form = RegistrationForm()
        return render(request, "accounts/registration.html", {"form": form, "title": "Fiche d'inscription"})

    action = request.POST.get("action", "register")
    form = RegistrationForm(request.POST)
    confirmed_siret = request.POST.get("siret_confirmed", "")
    if action == "test_email":
        test_email_result = _send_test_email(request, "email")
    elif action in {"show_siret", "confirm_siret"}:
        siret_form = SiretForm({"siret": request.POST.get("siret", "")})
        if siret_form.is_valid():
            sheet = siret_form.sheet
            if action == "confirm_siret":
                confirmed_siret, confirmed_company, sheet = sheet.siret, sheet.name, None
        else:
            form.siret_error = siret_form.errors["siret"][0]
    elif action == "change_siret":
        confirmed_siret = ""
    elif not ratelimit.consume(request, action="registration"):
        # Every submission counts, per IP: what keeps the « identifiant déjà pris » answer from
        # serving as a directory. The form is not checked at all.
        action = "throttled"
        test_email_result = ("error", "Trop d\u2019inscriptions ont été demandées. Réessayez dans une heure.")
    elif not form.is_valid():
        pass
    elif not ratelimit.consume(request, action="registration_mail", key=form.cleaned_data["email"]):
        # Each valid registration mails its address (activation, or « vous avez déjà un compte »).
        form.add_error(
            "email", "Trop d\u2019inscriptions ont été demandées pour cette adresse. Réessayez dans une heure."
        )
    else:
        data = form.cleaned_data
        try:
            services.register_account(
                registration=services.Registration(
                    username=data["username"],
                    password=data["password1"],
                    security_level=data["security_level"],
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    siret=data["siret"],
                    company_name=form.sheet.name,
                    sms_number=data["sms_number"],
                    phone_number=data["phone_number"],
                    professional_address=data["professional_address"],
                    infos_douane=data["infos_douane"],
                ),
                base_url=_base_url(request),
            )
        except services.AccountError as error:
            form.add_error(error.field, error.message)
        else:
            # The same summary whether an account was opened or the address already had one (its
            # owner then gets a mail saying so): the page never tells which.
            request.session[SESSION_REGISTERED] = {
                "username": data["username"],
                "first_name": data["first_name"],
                "last_name": data["last_name"],
                "email": data["email"],
                "company_name": form.sheet.name,
            }
            return redirect("accounts:registration_summary")
    if confirmed_siret and not confirmed_company:
        confirmed_company = selectors.company_name_for_siret(confirmed_siret)
    # « Tester », the SIRET check and a refused submission give back both passwords as typed (issue
    # 12): the page is a POST answer, ``no-store``; the passwords go nowhere else (no URL, session, log).
    form.keep_passwords()
    return render(
        request,
        "accounts/registration.html",
        {
            "form": form,
            "action": action,
            "bound": action == "register",
            "error_summary": _error_summary(form) if action == "register" else [],
            "sheet": sheet,
            "confirmed_siret": confirmed_siret,
            "confirmed_company": confirmed_company,
            "test_email_result": test_email_result,
            "title": "Fiche d'inscription",
        },
    )


def registration_summary(request):
    registered = request.session.get(SESSION_REGISTERED)
    if not isinstance(registered, dict):
        raise Http404
    test_email_result = None
    if request.method == "POST":
        test_email_result = _send_test_email(request, "email")
    return render(
        request,
        "accounts/registration_summary.html",
        {"registered": registered, "title": "Votre compte ProDou@ne", "test_email_result": test_email_result},
    )


@require_http_methods(["GET", "POST"])
def activate(request, token: str):
    try:
        services.check_activation_token(token=token)
    except services.AccountError as error:
        return render(
            request, "accounts/activation_refused.html", {"reason": error.message, "title": "Activation impossible"}
        )
    form = ActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(
            request, action="login_failed", key=form.cleaned_data["username"].lower(), dry_run=True
        ):
            form.add_error(None, "Trop de tentatives. Réessayez dans quelques minutes.")
        else:
            try:
                user = services.activate_account(
                    token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
                )
            except services.AccountError as error:
                ratelimit.consume(request, action="login_failed", key=form.cleaned_data["username"].lower())
                form.add_error(None, error.message)
            else:
                login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
                return redirect("accounts:activated")
    return render(request, "accounts/activation.html", {"form": form, "title": "Activation de votre compte"})


@login_required
def activated(request):
    return render(request, "accounts/activated.html", {"title": "Votre compte Prodouane est activé"})


@require_http_methods(["GET", "POST"])
def resend_activation(request):
    form = ResendActivationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login_value = form.cleaned_data["login"]
        if ratelimit.consume(request, action="resend_activation", key=login_value.lower()):
            services.resend_activation_link(login=login_value, base_url=_base_url(request))
        messages.success(
            request,
            "Si un compte en attente d'activation correspond à ce que vous avez saisi, un nouveau lien "
            "d'activation vient d'être envoyé à son adresse courriel.",
        )
        return redirect("accounts:resend_activation")
    return render(
        request, "accounts/resend_activation.html", {"form": form, "title": "Recevoir un nouveau lien d'activation"}
    )


def not_activated(request):
    return render(request, "accounts/not_activated.html", {"title": "Compte non activé"})


# --- Mon compte: the seed's tabs ---------------------------------------------------------------

ACCOUNT_TABS = [
    ("Accueil", "accounts:my_account"),
    ("Situation", "accounts:situation"),
    ("Sécurité", "accounts:security"),
    ("Mot de passe", "account_change_password"),
    ("Courriel", "account_email"),
    ("Références", "accounts:references"),
    ("Notifications", "accounts:notifications"),
]


@login_required
def my_account(request):
    return render(request, "accounts/my_account.html", {"title": "Mon compte", "tab": "accounts:my_account"})


@login_required
def situation(request):
    return render(
        request,
        "accounts/situation.html",
        {
            "title": "Situation de votre compte",
            "tab": "accounts:situation",
            "connections": selectors.last_connections(user=request.user),
            "security_level": services.security_level_label(request.user),
            "has_totp": selectors.has_totp(request.user),
        },
    )


@login_required
def security(request):
    return render(
        request,
        "accounts/security.html",
        {
            "title": "Sécurité de votre compte",
            "tab": "accounts:security",
            "security_level": services.security_level_label(request.user),
            "has_totp": selectors.has_totp(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def references(request):
    form = ReferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Vos coordonnées ont été enregistrées.")
        return redirect("accounts:references")
    return _references_page(request, form, CompanyChangeForm())


def _references_page(request, form, company_form, *, status=200):
    return render(
        request,
        "accounts/references.html",
        {"title": "Vos références", "tab": "accounts:references", "form": form, "company_form": company_form},
        status=status,
    )


SCREEN_REFERENCES = "portail — mon compte, références"


@login_required
@require_POST
def change_company(request):
    """A person who changed employer claims another company, keeping the account: the claim waits
    for confirmation again and the former company's rights end (``habilitations.claims``)."""
    from habilitations import claims
    from habilitations.services import HabilitationError

    company_form = CompanyChangeForm(request.POST)
    if company_form.is_valid():
        try:
            user = claims.claim_change(
                actor=request.user, siret=company_form.cleaned_data["siret"], screen=SCREEN_REFERENCES
            )
        except HabilitationError as error:
            company_form.add_error("siret" if error.field == "siret" else None, error.message)
        else:
            if user.claim_confirmed:
                messages.success(request, f"Votre établissement de rattachement est désormais le SIRET {user.siret}.")
            else:
                messages.success(
                    request,
                    f"Votre demande de rattachement à {user.company_name} (SIRET {user.siret}) est enregistrée. "
                    "Le correspondant ProDou@ne de l'entreprise doit la confirmer (ou le bureau de douane, en "
                    "acceptant une demande d'adhésion qui vous désigne) : d'ici là, vous ne voyez rien "
                    "de l'entreprise. Vos habilitations auprès de votre ancienne entreprise ont pris fin.",
                )
            return redirect("accounts:references")
    return _references_page(request, ReferencesForm(instance=request.user), company_form, status=400)


# --- Espace personnel ----------------------------------------------------------------------------


@login_required
def personal_space(request):
    from habilitations.join_requests import pending_request
    from portal.instance import is_training
    from portal.selectors import accessible_services

    return render(
        request,
        "accounts/personal_space.html",
        {
            "title": "Espace personnel",
            "join_request": pending_request(user=request.user),
            "services": accessible_services(user=request.user),
            "connected_at": selectors.current_login_time(request),
            "training_instance": is_training(),
        },
    )


@login_required
def enter_teleservice(request, service_name: str):
    url = services.enter_teleservice(user=request.user, service_name=service_name)
    if url is None:
        raise Http404
    return redirect(url)


def admin_login(request):
    """The admin has no login page of its own: staff log in through the portal's (allauth: rate
    limits, TOTP), then come back to the admin page they asked for."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    if request.user.is_authenticated:
        if not (request.user.is_active and request.user.is_staff):
            raise Http404  # the admin is not for them: no login page to go round in circles with
        return redirect(next_url or reverse("admin:index"))
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url or reverse('admin:index')})}")
