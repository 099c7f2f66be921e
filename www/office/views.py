"""The customs office's back-office (issue 4): the queue of adhesions, the instruction screen, the
companies the office is in charge of (habilitations, delegations) and their audit trail.

HTTP only: who may see and do what is ``habilitations.rights``; every change is a service of
``habilitations.services``. Anyone who is not an office agent, and any object of another office,
gets a 404: nothing tells them it exists."""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from habilitations import catalogue, rights, selectors, services
from habilitations.models import Adhesion, Delegation, DelegationKind
from habilitations.services import HabilitationError
from register.models import Operator
from www.office import audit
from www.office.forms import (
    ALL_STATUSES,
    AdministratorForm,
    CompanySearchForm,
    CorrespondentForm,
    HabilitationTargetForm,
    OperatorForm,
    QueueFilterForm,
    RejectForm,
    RightsForm,
)

SCREEN_INSTRUCTION = "bureau — instruction"
SCREEN_COMPANY = "bureau — entreprise"
SCREEN_HABILITATIONS = "bureau — habilitations"
QUEUE_PAGE_SIZE = 20
COMPANIES_PAGE_SIZE = 20
AUDIT_PAGE_SIZE = 50


def agent_required(view):
    """Office agents only; anybody else (anonymous included) is told the page does not exist."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        office = rights.office_of(request.user)
        if office is None:
            raise Http404
        return view(request, *args, office=office, **kwargs)

    return wrapper


def _adhesion_or_404(request, pk: int) -> Adhesion:
    adhesion = (
        rights.visible_adhesions(request.user)
        .select_related("excise_number", "operator", "customs_office", "prepared_by", "decided_by")
        .filter(pk=pk)
        .first()
    )
    if adhesion is None or not rights.adhesion_abilities(request.user, adhesion).view:
        raise Http404
    return adhesion


def _company_or_404(request, siren: str) -> Operator:
    operator = Operator.objects.filter(siren=siren).first()
    if operator is None or not rights.office_in_charge_of(request.user, operator):
        raise Http404
    return operator


def _base_url(request) -> str:
    return request.build_absolute_uri("/")


# --- The queue -------------------------------------------------------------------------------------


@require_GET
@agent_required
def queue(request, office):
    visible = rights.visible_adhesions(request.user)
    counts = dict(visible.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    form = QueueFilterForm(request.GET)
    page = None
    if form.is_valid():
        adhesions = (
            form.apply(visible)
            .select_related("excise_number", "operator", "prepared_by")
            .annotate(accounts=Count("lines"))
            .order_by("submitted_at", "pk")  # the oldest waiting first
        )
        page = Paginator(adhesions, QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    status_counts = [
        (value, label, counts.get(value, 0)) for value, label in form.fields["statut"].choices if value != ALL_STATUSES
    ]
    return render(
        request,
        "office/queue.html",
        {
            "title": "Adhésions à instruire",
            "office": office,
            "form": form,
            "page": page,
            "status_counts": status_counts,
            "total": sum(counts.values()),
        },
    )


# --- The instruction screen ------------------------------------------------------------------------


def _instruction_page(request, adhesion, *, operator_form=None, reject_form=None, status=200):
    abilities = rights.adhesion_abilities(request.user, adhesion)
    lines = [(line, line.right_labels()) for line in adhesion.lines.select_related("user").order_by("user__username")]
    return render(
        request,
        "office/adhesion.html",
        {
            "title": f"Instruction de la demande d'adhésion — {adhesion.excise_number.number}",
            "adhesion": adhesion,
            "abilities": abilities,
            "lines": lines,
            "check": services.adhesion_register_check(adhesion=adhesion),
            "operator_form": operator_form
            or OperatorForm(initial=OperatorForm.initial_from(adhesion), auto_id="rosa_%s"),
            "reject_form": reject_form or RejectForm(auto_id="refus_%s"),
            "history": audit.rows(selectors.adhesion_audit_trail(adhesion=adhesion)),
            "company_in_charge": rights.office_in_charge_of(request.user, adhesion.operator),
        },
        status=status,
    )


@require_GET
@agent_required
def adhesion_detail(request, pk: int, office):
    return _instruction_page(request, _adhesion_or_404(request, pk))


def _already_decided(request, adhesion) -> bool:
    """A second click, or a colleague who decided first: say so, change nothing."""
    if rights.adhesion_abilities(request.user, adhesion).instruct:
        return False
    decided = f" le {adhesion.decided_at:%d/%m/%Y à %H:%M}" if adhesion.decided_at else ""
    messages.warning(
        request,
        f"Cette demande n'est plus à instruire : elle est « {adhesion.get_status_display()} »{decided}. "
        "Aucune modification n'a été faite.",
    )
    return True


@require_POST
@agent_required
def adhesion_approve(request, pk: int, office):
    adhesion = _adhesion_or_404(request, pk)
    if _already_decided(request, adhesion):
        return redirect("office:adhesion", pk=adhesion.pk)
    try:
        services.adhesion_approve(
            actor=request.user, adhesion=adhesion, base_url=_base_url(request), screen=SCREEN_INSTRUCTION
        )
    except HabilitationError as error:
        messages.error(request, error.message)
    else:
        accounts = adhesion.lines.count()
        messages.success(
            request,
            f"Demande acceptée : {accounts} compte(s) habilité(s) à {adhesion.get_teleservice_display()} pour "
            f"{adhesion.excise_number.number}. Le demandeur et chaque compte désigné en sont informés par courriel.",
        )
    return redirect("office:adhesion", pk=adhesion.pk)


@require_POST
@agent_required
def adhesion_reject(request, pk: int, office):
    adhesion = _adhesion_or_404(request, pk)
    if _already_decided(request, adhesion):
        return redirect("office:adhesion", pk=adhesion.pk)
    form = RejectForm(request.POST, auto_id="refus_%s")
    if form.is_valid():
        try:
            services.adhesion_reject(
                actor=request.user,
                adhesion=adhesion,
                reason=form.cleaned_data["reason"],
                base_url=_base_url(request),
                screen=SCREEN_INSTRUCTION,
            )
        except HabilitationError as error:
            if error.field != "reason":
                messages.error(request, error.message)
                return redirect("office:adhesion", pk=adhesion.pk)
            form.add_error("reason", error.message)
        else:
            messages.success(
                request,
                f"Demande refusée. Le motif est communiqué par courriel au demandeur et à chaque compte désigné : "
                f"« {adhesion.rejection_reason} ».",
            )
            return redirect("office:adhesion", pk=adhesion.pk)
    adhesion.refresh_from_db()
    return _instruction_page(request, adhesion, reject_form=form)


@require_POST
@agent_required
def operator_update(request, pk: int, office):
    adhesion = _adhesion_or_404(request, pk)
    if _already_decided(request, adhesion):
        return redirect("office:adhesion", pk=adhesion.pk)
    form = OperatorForm(request.POST, auto_id="rosa_%s")
    if form.is_valid():
        operator = adhesion.operator
        before = (operator.name, operator.address, operator.postal_code, operator.city)
        try:
            services.operator_update_from_adhesion(
                actor=request.user, adhesion=adhesion, screen=SCREEN_INSTRUCTION, **form.cleaned_data
            )
        except HabilitationError as error:
            if error.field in form.fields:
                form.add_error(error.field, error.message)
            else:
                messages.error(request, error.message)
                return redirect("office:adhesion", pk=adhesion.pk)
        else:
            after = (operator.name, operator.address, operator.postal_code, operator.city)
            if after == before:
                messages.info(request, "La fiche opérateur de ROSA était déjà à jour : rien n'a été modifié.")
            else:
                messages.success(request, f"La fiche opérateur de {operator.name} est mise à jour dans ROSA.")
            return redirect("office:adhesion", pk=adhesion.pk)
    return _instruction_page(request, adhesion, operator_form=form)


# --- The companies in charge ---------------------------------------------------------------------


@require_GET
@agent_required
def companies(request, office):
    form = CompanySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    operators = rights.companies_in_charge(user=request.user).order_by("name", "siren")
    if query:
        operators = operators.filter(Q(name__icontains=query) | Q(siren__startswith=query.replace(" ", "")))
    page = Paginator(operators, COMPANIES_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "office/companies.html",
        {"title": "Entreprises suivies par le bureau", "office": office, "page": page, "form": form},
    )


def _company_page(request, operator, office, *, correspondent_form=None, admin_form=None, status=200):
    teleservice = catalogue.GAMMA
    accounts = selectors.company_accounts(operator=operator)
    correspondents = Delegation.objects.filter(operator=operator, kind=DelegationKind.CORRESPONDENT).values("user")
    numbers = []
    for number in selectors.company_excise_numbers(operator=operator):
        numbers.append((number, number.customs_office_id == office.pk, selectors.active_adhesion(excise_number=number)))
    habilitations = []
    for number in rights.managed_excise_numbers(request.user, operator, teleservice).order_by("number"):
        matrix = [
            (user, [(right, right.code in held) for right in catalogue.rights_of(teleservice)])
            for user, held in selectors.habilitation_matrix(excise_number=number, teleservice=teleservice)
        ]
        habilitations.append((number, matrix))
    return render(
        request,
        "office/company.html",
        {
            "title": f"{operator.name} — entreprise suivie",
            "office": office,
            "operator": operator,
            "numbers": numbers,
            "adhesions": rights.visible_adhesions(request.user)
            .filter(operator=operator)
            .select_related("excise_number")
            .order_by("-submitted_at", "-pk"),
            "rights": catalogue.rights_of(teleservice),
            "habilitations": habilitations,
            "delegations": Delegation.objects.filter(operator=operator)
            .select_related("user", "granted_by")
            .order_by("user__username", "kind", "teleservice"),
            "correspondent_form": correspondent_form
            or CorrespondentForm(accounts=accounts.exclude(pk__in=correspondents)),
            "admin_form": admin_form
            or AdministratorForm(
                accounts=selectors.appointable_admins(
                    operator=operator, teleservice=teleservice, excluding=request.user
                )
            ),
            "target_form": HabilitationTargetForm(
                numbers=rights.managed_excise_numbers(request.user, operator, teleservice), accounts=accounts
            ),
        },
        status=status,
    )


@require_GET
@agent_required
def company_detail(request, siren: str, office):
    return _company_page(request, _company_or_404(request, siren), office)


@require_POST
@agent_required
def delegation_grant(request, siren: str, office):
    operator = _company_or_404(request, siren)
    accounts = selectors.company_accounts(operator=operator)
    kind = request.POST.get("kind")
    if kind == DelegationKind.CORRESPONDENT:
        form = CorrespondentForm(request.POST, accounts=accounts)
        forms = {"correspondent_form": form}
    elif kind == DelegationKind.TELESERVICE_ADMIN:
        form = AdministratorForm(request.POST, accounts=accounts)
        forms = {"admin_form": form}
    else:
        messages.error(request, "Statut inconnu : choisissez « correspondant » ou « administrateur téléservice ».")
        return redirect("office:company", siren=operator.siren)
    if form.is_valid():
        data = form.cleaned_data
        try:
            delegation = services.delegation_grant(
                actor=request.user,
                user=data["compte"],
                operator=operator,
                kind=kind,
                teleservice=data.get("teleservice", ""),
                may_appoint_admins=data.get("may_appoint_admins", False),
                screen=SCREEN_COMPANY,
            )
        except HabilitationError as error:
            form.add_error("compte", error.message)
        else:
            what = delegation.get_kind_display()
            if delegation.teleservice:
                what += f" {delegation.teleservice.upper()}"
                if delegation.may_appoint_admins:
                    what += ", qui peut nommer d'autres administrateurs"
            messages.success(request, f"{delegation.user.username} : statut « {what} » accordé.")
            return redirect(reverse("office:company", kwargs={"siren": operator.siren}) + "#delegations")
    return _company_page(request, operator, office, **forms)


@require_POST
@agent_required
def delegation_revoke(request, siren: str, pk: int, office):
    operator = _company_or_404(request, siren)
    delegation = Delegation.objects.filter(pk=pk, operator=operator).select_related("user").first()
    if delegation is None:
        messages.warning(request, "Ce statut a déjà été retiré : aucune modification n'a été faite.")
    else:
        try:
            services.delegation_revoke(actor=request.user, delegation=delegation, screen=SCREEN_COMPANY)
        except HabilitationError as error:
            messages.error(request, error.message)
        else:
            extra = (
                " Ses statuts d'administrateur téléservice sont retirés avec lui."
                if delegation.kind == DelegationKind.CORRESPONDENT
                else ""
            )
            messages.success(
                request, f"{delegation.user.username} : statut « {delegation.get_kind_display()} » retiré.{extra}"
            )
    return redirect(reverse("office:company", kwargs={"siren": operator.siren}) + "#delegations")


@require_http_methods(["GET", "POST"])
@agent_required
def habilitations_edit(request, siren: str, office):
    """One account's rights on one excise number the office is in charge of."""
    operator = _company_or_404(request, siren)
    teleservice = catalogue.GAMMA
    numbers = rights.managed_excise_numbers(request.user, operator, teleservice)
    source = request.POST if request.method == "POST" else request.GET
    target = HabilitationTargetForm(
        source if ("numero" in source or "compte" in source) else None,
        numbers=numbers,
        accounts=selectors.company_accounts(operator=operator),
    )
    context = {
        "title": f"Habilitations — {operator.name}",
        "office": office,
        "operator": operator,
        "target_form": target,
        "has_numbers": numbers.exists(),
    }
    if not target.is_bound or not target.is_valid():
        return render(request, "office/habilitations.html", context)
    number, user = target.cleaned_data["numero"], target.cleaned_data["compte"]
    held = rights.rights_for(user, teleservice, number)
    if request.method == "POST":
        form = RightsForm(request.POST, teleservice=teleservice, auto_id="droits_%s")
        if form.is_valid():
            try:
                now = services.habilitations_set(
                    actor=request.user,
                    user=user,
                    excise_number=number,
                    teleservice=teleservice,
                    codes=set(form.cleaned_data["rights"]),
                    screen=SCREEN_HABILITATIONS,
                )
            except HabilitationError as error:
                form.add_error(None, error.message)
            else:
                labels = audit.describe({"rights": sorted(now)}, teleservice)[0]
                if now == held:
                    messages.info(request, f"Les habilitations de {user.username} sur {number.number} sont inchangées.")
                else:
                    messages.success(
                        request, f"Habilitations de {user.username} sur {number.number} enregistrées. {labels}."
                    )
                return redirect(reverse("office:company", kwargs={"siren": operator.siren}) + "#habilitations")
    else:
        form = RightsForm(initial={"rights": sorted(held)}, teleservice=teleservice, auto_id="droits_%s")
    context.update({"number": number, "account": user, "form": form, "held": held})
    return render(request, "office/habilitations.html", context)


@require_GET
@agent_required
def company_audit(request, siren: str, office):
    operator = _company_or_404(request, siren)
    events = services.audit_trail_for(actor=request.user, operator=operator).select_related("actor", "adhesion")
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "office/audit.html",
        {
            "title": f"Journal des modifications — {operator.name}",
            "office": office,
            "operator": operator,
            "page": page,
            "rows": audit.rows(page.object_list),
        },
    )
