"""The company's side of the adhesion to GAMMA, in the portal: the seed's adhesion form section by
section, the company's requests with their PDF for signature, the management of habilitations by
the company's administrator, and the audit trail. HTTP only: who may do what is
``habilitations.rights``; every change goes through ``habilitations.services``, whose French
messages are shown next to the field they concern."""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.models import User
from habilitations import catalogue, join_requests, rights, selectors, services
from habilitations.models import Adhesion
from habilitations.pdf import adhesion_pdf
from habilitations.services import HabilitationError
from register.models import ExciseNumber
from www.adhesions import audit
from www.adhesions.forms import (
    ROWS_ADDED,
    AddAccountForm,
    AdhesionForm,
    rights_nobody_holds,
    rows_from_post,
    rows_of,
)

GAMMA = catalogue.GAMMA
security_log = logging.getLogger("prodouane.security")
SCREEN_FORM = "portail — formulaire d'adhésion"
SCREEN_ADHESIONS = "portail — mes demandes d'adhésion"
SCREEN_HABILITATIONS = "portail — habilitations de l'entreprise"
# Errors of the services that concern section 1's read-only values, shown there.
SECTION_1_FIELDS = {"siren", "excise_number"}
# « Transmettre au bureau de douane », and the same once told which rights no account would hold.
TRANSMIT, TRANSMIT_ANYWAY = "transmettre", "transmettre_sans_droits"
SECTION_1_ANCHORS = ["#rubrique-1-erreur", "#id_company_name", "#id_company_address"]


def _position(href: str, order: list[str]) -> int:
    """Where an error's anchor comes in the form (text-only errors first)."""
    if not href:
        return -1
    return next((index for index, prefix in enumerate(order) if href.startswith(prefix)), len(order))


def _adhesion_or_404(user, pk: int) -> tuple[Adhesion, rights.AdhesionAbilities]:
    adhesion = (
        Adhesion.objects.select_related("excise_number", "operator", "customs_office", "prepared_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    abilities = rights.adhesion_abilities(user, adhesion) if adhesion else rights.AdhesionAbilities()
    if not abilities.view:
        raise Http404  # another company's, another preparer's draft, or none: nothing leaks
    return adhesion, abilities


# --- Starting and filling the form -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def start(request):
    """« Adhérer à GAMMA »: one form per excise number of the user's company (or of the company
    they claim, while it has no correspondent: the first adhesion)."""
    company = rights.adhesion_company(request.user)
    error = ""
    if request.method == "POST" and company is not None:
        number = request.POST.get("excise_number", "").strip().upper()
        excise_number = (
            ExciseNumber.objects.select_related("operator", "customs_office").filter(number=number).first()
            if "\x00" not in number  # PostgreSQL refuses NUL in a query; no number holds one
            else None
        )
        if excise_number is None:
            error = "Choisissez l'un des numéros d'accise de votre entreprise."
        else:
            try:
                adhesion = services.adhesion_start(actor=request.user, excise_number=excise_number, screen=SCREEN_FORM)
            except HabilitationError as refusal:
                error = refusal.message
            else:
                return redirect("adhesions:form", pk=adhesion.pk)
    entries = []
    if company is not None:
        for excise_number in selectors.company_excise_numbers(operator=company):
            active = selectors.active_adhesion(excise_number=excise_number, teleservice=GAMMA)
            entries.append(
                {
                    "excise_number": excise_number,
                    "active": active,
                    "active_visible": active is not None and rights.adhesion_abilities(request.user, active).view,
                    "draft": selectors.drafts_of(user=request.user, excise_number=excise_number).first(),
                }
            )
    return render(
        request,
        "adhesions/start.html",
        {
            "title": "Adhérer à GAMMA",
            "company": company,
            "claimed": rights.claimed_company(request.user),
            "join": _join_offer(request.user, company),
            "entries": entries,
            "error": error,
        },
        status=400 if error else 200,
    )


def _join_offer(user, company):
    """Without a company of their own, the employee sees the request waiting, or may ask to join
    the company of the SIRET they gave if it already adhered (issue 12, item 8)."""
    if company is not None and rights.company_of(user) == company:
        return None
    return join_requests.pending_request(user=user) or (
        join_requests.join_offer(user=user, siret=user.siret) if company is None and user.siret else None
    )


@login_required
@require_http_methods(["GET", "POST"])
def adhesion_form(request, pk: int):
    adhesion, abilities = _adhesion_or_404(request.user, pk)
    if request.method == "GET":
        if not abilities.edit:
            messages.info(request, "Cette demande a été transmise au bureau de douane : elle ne se modifie plus.")
            return redirect("adhesions:detail", pk=adhesion.pk)
        form = AdhesionForm(initial=AdhesionForm.initial_of(adhesion))
        return _render_form(request, adhesion, form, rows_of(adhesion, viewer=request.user))

    action = request.POST.get("action", "enregistrer")
    form = AdhesionForm(request.POST)
    if action == "ajouter_lignes":
        # Without JavaScript: the same form again, with more empty rows; nothing is saved.
        return _render_form(request, adhesion, form, rows_from_post(request.POST, add=ROWS_ADDED), show_errors=False)
    rows = rows_from_post(request.POST)
    lines = [row.as_request() for row in rows]
    transmit = action in (TRANSMIT, TRANSMIT_ANYWAY)
    form_valid = form.is_valid()  # its refusals and the rules' are shown together (issue 12)
    data = dict(form.cleaned_data)
    try:
        problems = services.adhesion_problems(
            actor=request.user, adhesion=adhesion, data=data, lines=lines, submitting=transmit
        )
        unconfirmed = _unconfirmed_missing_rights(request.POST, adhesion, rows) if transmit else []
        if form_valid and not problems and unconfirmed:
            # Said before transmitting, nothing saved: the user gives the rights, or confirms.
            return _render_form(request, adhesion, form, rows, missing_rights=unconfirmed)
        if form_valid and not problems:
            if transmit:
                services.adhesion_save_and_submit(
                    actor=request.user, adhesion=adhesion, data=data, lines=lines, screen=SCREEN_FORM
                )
            else:
                services.adhesion_update(
                    actor=request.user, adhesion=adhesion, data=data, lines=lines, screen=SCREEN_FORM
                )
    except HabilitationError as error:
        if not abilities.edit:
            messages.error(request, error.message)
            return redirect("adhesions:detail", pk=adhesion.pk)
        problems = getattr(error, "errors", [error])
    if problems or not form_valid:
        top_errors, section_1_error = [], ""
        for error in problems:
            row = next((row for row in rows if error.field == f"ligne-{row.number}-identifiant"), None)
            if error.field in form.fields:
                if not form.errors.get(error.field):  # the form's own refusal of the field comes first
                    form.add_error(error.field, error.message)
            elif row is not None:
                row.error = f"{row.error} {error.message}".strip()
            elif error.field in SECTION_1_FIELDS:
                section_1_error = f"{section_1_error} {error.message}".strip()
            else:
                top_errors.append(error.message)
        # Rights no account holds are listed with the errors; after « Transmettre sans ces droits »
        # the button stays, so that one click sends once the errors are corrected.
        missing = rights_nobody_holds(adhesion.teleservice, rows) if transmit else []
        return _render_form(
            request,
            adhesion,
            form,
            rows,
            top_errors=top_errors,
            section_1_error=section_1_error,
            missing_rights=missing,
            status=400,
        )
    if transmit:
        messages.success(
            request,
            f"Votre demande d'adhésion pour {adhesion.excise_number.number} est transmise au "
            f"{adhesion.customs_office.name}. Vous serez informé de sa décision par courriel.",
        )
        return redirect("adhesions:detail", pk=adhesion.pk)
    messages.success(request, "Le brouillon est enregistré. Vous pourrez le compléter et le transmettre plus tard.")
    return redirect("adhesions:form", pk=adhesion.pk)


def _unconfirmed_missing_rights(post, adhesion, rows) -> list[catalogue.MissingRight]:
    """The rights no account of section 2 would hold, unless the user has just confirmed
    transmitting without exactly these (« Transmettre sans ces droits »): a right untick since the
    warning asks again."""
    missing = rights_nobody_holds(adhesion.teleservice, rows)
    confirmed = post.get("action") == TRANSMIT_ANYWAY and set(post.getlist("droits_absents")) == {
        item.right.code for item in missing
    }
    return [] if confirmed else missing


def _render_form(
    request,
    adhesion,
    form,
    rows,
    *,
    show_errors=True,
    top_errors=(),
    section_1_error="",
    missing_rights=(),
    status=200,
):
    field_errors = show_errors and any(form.errors.get(name) for name in form.fields)
    # The error summary (includes/error_summary.html): every error, in the order of the form, each a
    # link to its input (``id_<name>`` for the form's fields, ``ligne-<n>-identifiant`` for a row).
    summary = [{"text": message} for message in top_errors]
    if section_1_error:
        summary.append({"text": section_1_error, "href": "#rubrique-1-erreur"})
    summary += [
        {"text": row.error, "href": f"#ligne-{row.number}-identifiant"} for row in rows if show_errors and row.error
    ]
    if show_errors:
        summary += [
            {"text": message, "href": f"#{form[name].id_for_label}"}
            for name in form.fields
            for message in form.errors.get(name, [])
        ]
    order = [*SECTION_1_ANCHORS, "#ligne-", *(f"#{form[name].id_for_label}" for name in form.fields)]
    summary.sort(key=lambda entry: _position(entry.get("href", ""), order))
    return render(
        request,
        "adhesions/form.html",
        {
            "title": f"Adhésion à GAMMA — {adhesion.excise_number.number}",
            "adhesion": adhesion,
            "form": form,
            "rows": rows,
            "row_count": len(rows),
            "rights": catalogue.rights_of(adhesion.teleservice),
            "show_errors": show_errors,
            "field_errors": field_errors,
            "top_errors": list(top_errors),
            "error_summary": summary,
            "section_1_error": section_1_error,
            "missing_rights": list(missing_rights),
            # The warning's links lead to the first account's checkbox of each missing right.
            "first_row": next((row.number for row in rows if not row.blank), 1),
        },
        status=status,
    )


# --- The company's requests -------------------------------------------------------------------


@login_required
@require_GET
def adhesion_list(request):
    adhesions = rights.visible_adhesions(request.user).select_related("excise_number", "customs_office", "prepared_by")
    return render(
        request,
        "adhesions/list.html",
        {
            "title": "Mes demandes d'adhésion",
            "company": rights.adhesion_company(request.user),
            "adhesions": adhesions,
        },
    )


@login_required
@require_GET
def adhesion_detail(request, pk: int):
    adhesion, abilities = _adhesion_or_404(request.user, pk)
    offered = catalogue.rights_of(adhesion.teleservice)
    lines = [
        (line, [(right, right.code in line.rights) for right in offered])
        for line in adhesion.lines.select_related("user").order_by("pk")
    ]
    events = audit.rows(selectors.adhesion_audit_trail(adhesion=adhesion)) if abilities.audit else []
    return render(
        request,
        "adhesions/detail.html",
        {
            "title": f"Demande d'adhésion à GAMMA — {adhesion.excise_number.number}",
            "adhesion": adhesion,
            "abilities": abilities,
            "rights": offered,
            "lines": lines,
            "events": events,
        },
    )


@login_required
@require_POST
def adhesion_withdraw(request, pk: int):
    adhesion, _ = _adhesion_or_404(request.user, pk)
    try:
        services.adhesion_withdraw(actor=request.user, adhesion=adhesion, screen=SCREEN_ADHESIONS)
    except HabilitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Votre demande d'adhésion pour {adhesion.excise_number.number} est retirée.")
    return redirect("adhesions:detail", pk=adhesion.pk)


@login_required
@require_GET
def adhesion_pdf_download(request, pk: int):
    adhesion, abilities = _adhesion_or_404(request.user, pk)
    if not abilities.print:
        raise Http404
    response = HttpResponse(adhesion_pdf(adhesion), content_type="application/pdf")
    filename = f"adhesion-{adhesion.teleservice}-{adhesion.excise_number.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Habilitations, by the company's administrator ------------------------------------------------


def _managed_company_or_404(user):
    company = rights.company_of(user)
    if company is None or not rights.can_manage_habilitations(user, company, GAMMA):
        raise Http404
    return company


def _user_by_pk(value, accounts) -> User | None:
    """The account ``value`` names among ``accounts`` (those the page offers): any other id, of an
    account of another company or of none, is not looked up at all (nothing about it leaks)."""
    try:
        return accounts.filter(pk=int(value)).first()
    except (TypeError, ValueError, OverflowError):
        return None


def _accounts_on_number(company, excise_number):
    """The accounts the habilitation table of ``excise_number`` may name: the company's (confirmed
    claim), and those still holding rows there (someone who left, to remove them)."""
    holders = selectors.habilitation_holders(excise_number=excise_number, teleservice=GAMMA)
    return User.objects.filter(pk__in=selectors.company_accounts(operator=company).values("pk")) | User.objects.filter(
        pk__in=holders
    )


@login_required
@require_GET
def habilitations_home(request):
    company = _managed_company_or_404(request.user)
    may_appoint = rights.can_appoint_admins(request.user, company, GAMMA)
    return render(
        request,
        "adhesions/habilitations_home.html",
        {
            "title": "Gérer les habilitations GAMMA",
            "company": company,
            "numbers": rights.managed_excise_numbers(request.user, company, GAMMA).order_by("number"),
            "admins": selectors.teleservice_admins(operator=company, teleservice=GAMMA),
            "may_appoint": may_appoint,
            "appointable": selectors.appointable_admins(operator=company, teleservice=GAMMA, excluding=request.user)
            if may_appoint
            else [],
        },
    )


@login_required
@require_POST
def appoint_admin(request):
    company = _managed_company_or_404(request.user)
    user = _user_by_pk(request.POST.get("compte"), selectors.company_accounts(operator=company))
    try:
        if user is None:
            raise HabilitationError("Choisissez l'un des correspondants de votre entreprise.")
        services.delegation_grant(
            actor=request.user,
            user=user,
            operator=company,
            kind="admin",
            teleservice=GAMMA,
            screen=SCREEN_HABILITATIONS,
        )
    except HabilitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"« {user.username} » est désormais administrateur téléservice GAMMA.")
    return redirect("adhesions:habilitations")


@login_required
@require_http_methods(["GET", "POST"])
def habilitations_number(request, number: str):
    company = _managed_company_or_404(request.user)
    excise_number = rights.managed_excise_numbers(request.user, company, GAMMA).filter(number=number).first()
    if excise_number is None:
        raise Http404  # another company's number, or one without an adhesion in force
    add_form = AddAccountForm()
    add_rights: set[str] = set()
    add_errors = {"rights": "", "top": ""}
    status = 200
    if request.method == "POST":
        if "retirer" in request.POST:
            done = _remove_account(request, company, excise_number, request.POST["retirer"])
        elif request.POST.get("action") == "ajouter":
            add_form = AddAccountForm(request.POST)
            add_rights = set(request.POST.getlist("droits"))
            done, status, add_errors = _add_account(request, excise_number, add_form, add_rights)
        else:
            done = _save_table(request, company, excise_number)
        if done:
            return redirect("adhesions:habilitations_number", number=excise_number.number)
    matrix = selectors.habilitation_matrix(excise_number=excise_number, teleservice=GAMMA)
    return render(
        request,
        "adhesions/habilitations_number.html",
        {
            "title": f"Habilitations GAMMA — {excise_number.number}",
            "company": company,
            "excise_number": excise_number,
            "rights": catalogue.rights_of(GAMMA),
            "matrix": [(user, [(r, r.code in held) for r in catalogue.rights_of(GAMMA)]) for user, held in matrix],
            "add_form": add_form,
            "add_rights": add_rights,
            "add_errors": add_errors,
        },
        status=status,
    )


def _save_table(request, company, excise_number) -> bool:
    changes = {}
    accounts = _accounts_on_number(company, excise_number)
    for value in request.POST.getlist("comptes"):
        user = _user_by_pk(value, accounts)
        if user is None:
            security_log.warning("Refused forged request by %s: account %r not offered", request.user, value)
            messages.error(request, "Cette opération ne vous est pas permise.")
            return True
        changes[user] = set(request.POST.getlist(f"droits-{user.pk}"))
    try:
        changed = services.habilitations_set_many(
            actor=request.user,
            excise_number=excise_number,
            teleservice=GAMMA,
            changes=changes,
            screen=SCREEN_HABILITATIONS,
        )
    except HabilitationError as error:
        messages.error(request, f"Aucune habilitation n'a été modifiée. {error.message}")
    else:
        if changed:
            names = ", ".join(user.username for user in changed)
            messages.success(request, f"Habilitations enregistrées pour {excise_number.number} : {names}.")
        else:
            messages.info(request, "Aucune habilitation n'a changé.")
    return True


def _remove_account(request, company, excise_number, account_pk: str) -> bool:
    user = _user_by_pk(account_pk, _accounts_on_number(company, excise_number))
    try:
        if user is None:
            raise HabilitationError("Cette opération ne vous est pas permise.")
        services.habilitations_set(
            actor=request.user,
            user=user,
            excise_number=excise_number,
            teleservice=GAMMA,
            codes=set(),
            screen=SCREEN_HABILITATIONS,
        )
    except HabilitationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Tous les droits de « {user.username} » sur {excise_number.number} sont retirés.")
    return True


def _add_account(request, excise_number, form, codes) -> tuple[bool, int, dict[str, str]]:
    errors = {"rights": "", "top": ""}
    if not form.is_valid():
        return False, 400, errors
    try:
        user = services.habilitation_add_account(
            actor=request.user,
            excise_number=excise_number,
            teleservice=GAMMA,
            username=form.cleaned_data["username"],
            email=form.cleaned_data["email"],
            codes=codes,
            screen=SCREEN_HABILITATIONS,
        )
    except HabilitationError as error:
        if error.field in form.fields:
            form.add_error(error.field, error.message)
        else:
            errors["rights" if error.field == "rights" else "top"] = error.message
        return False, 400, errors
    messages.success(request, f"« {user.username} » est habilité pour {excise_number.number}.")
    return True, 200, errors


# --- Audit trail --------------------------------------------------------------------------------


@login_required
@require_GET
def audit_trail(request):
    company = rights.company_of(request.user)
    if company is None or not rights.is_correspondent(request.user, company):
        raise Http404
    events = services.audit_trail_for(actor=request.user, operator=company).select_related("adhesion__excise_number")
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "adhesions/audit.html",
        {
            "title": "Journal des adhésions et habilitations",
            "company": company,
            "page": page,
            "events": audit.rows(page.object_list),
            "page_url": reverse("adhesions:audit"),
        },
    )
