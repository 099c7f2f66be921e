"""Preparing and issuing a movement in the portal (issue 5, journeys 1 and 2): a new draft, its
task list, one form per section (the lines one page each), the drafts list, templates, and
« Valider (émettre) » with every error at its field. HTTP only: rights, rules and saving are
``gamma.services``'; another company's excise number or draft is a 404, a right not held is a
French refusal (403), logged by the services."""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gamma import sections, services
from gamma.models import Movement, MovementKind, MovementStatus
from gamma.rules import RuleError
from habilitations import rights
from register.models import ExciseNumber
from www.gamma import register_fill, section_saved
from www.gamma.section_labels import ADD_ROW_LABELS, LEGENDS, ROW_LABELS
from www.kept_posts import login_required_keeping_post, take_kept_post

security_log = logging.getLogger("prodouane.security")

PAGE_SIZE = 20
KIND_LABELS = {
    MovementKind.DAE: "DAE (droits suspendus)",
    MovementKind.DAES: "DAES (droits acquittés, vers un autre État membre)",
    MovementKind.DSA: "DSA (droits acquittés, en France)",
}


# --- Access ---------------------------------------------------------------------------------------


def _not_found(request, what: str) -> Http404:
    """A 404 that says nothing; a post to it was forged (the pages never offer one): logged."""
    if request.method == "POST":
        security_log.warning("GAMMA: %s posted to %s: %s", request.user.username, request.path, what)
    return Http404()


def _excise_number_or_404(request, number: str) -> ExciseNumber:
    """The user's company's excise number; any other (or none) is a 404: nothing leaks."""
    excise_number = ExciseNumber.objects.select_related("operator", "customs_office").filter(number=number).first()
    company = rights.company_of(request.user)
    if excise_number is None or company is None or excise_number.operator_id != company.pk:
        raise _not_found(request, f"{number} is not an excise number of the user's company")
    return excise_number


def _draft_or_404(request, number: str, pk: int, *, prefetch: bool = True) -> tuple[ExciseNumber, Movement]:
    """The draft of one of the user's company's numbers, with its relations unless the caller only
    hands it to a service that reads them itself (validation, deletion, template)."""
    excise_number = _excise_number_or_404(request, number)
    movement = (
        Movement.objects.select_related("consignor")
        .filter(pk=pk, consignor=excise_number, status=MovementStatus.DRAFT)
        .first()
    )
    if movement is None:
        raise _not_found(request, f"no draft {pk} of {number}")
    return excise_number, services.prefetched(movement) if prefetch else movement


def _refused(request, excise_number, message: str):
    return render(
        request,
        "gamma/prepare/refused.html",
        {"title": "Action refusée", "excise_number": excise_number, "message": message},
        status=403,
    )


def _error_text(error: RuleError) -> str:
    return f"[{error.code}] {error.message}" if error.code else error.message


def _section_url(number: str, movement: Movement, path: str) -> str:
    """Where the field at ``path`` is typed, with the validation's errors shown (``?verifier=1``)."""
    section = sections.section_of(path, movement.kind)
    if section is None:
        return reverse("gamma:draft", args=[number, movement.pk])
    if section.key == "lines":
        parts = path.split(".")
        if len(parts) > 1 and parts[1].isdigit():
            url = reverse("gamma:draft_line", args=[number, movement.pk, int(parts[1]) + 1])
        else:
            return reverse("gamma:draft_lines", args=[number, movement.pk]) + "?verifier=1#erreurs"
    else:
        url = reverse("gamma:draft_section", args=[number, movement.pk, section.slug])
    return f"{url}?verifier=1#id_{sections.html_name(path)}"


def _summary(number: str, movement: Movement, errors: list[RuleError]) -> list[dict]:
    return [
        {"text": _error_text(error), "href": _section_url(number, movement, error.field), "field": error.field}
        for error in errors
    ]


# --- New draft, drafts list, deletion ---------------------------------------------------------------


@login_required
@require_POST
def draft_new(request, number: str, kind: str):
    excise_number = _excise_number_or_404(request, number)
    if kind.upper() not in MovementKind.values:
        raise Http404
    try:
        movement = services.draft_create(actor=request.user, excise_number=excise_number, kind=kind.upper())
    except services.Refused as refusal:
        return _refused(request, excise_number, refusal.message)
    messages.success(
        request,
        f"Brouillon de {movement.kind} créé : l'expéditeur et le lieu d'expédition sont repris du référentiel. "
        "Chaque rubrique est enregistrée dès que vous la validez.",
    )
    return redirect("gamma:draft", number=number, pk=movement.pk)


class DraftFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Nature", required=False, choices=[("", "Toutes"), *[(k, k) for k in MovementKind.values]]
    )
    lrn = forms.CharField(label="Numéro de référence local (LRN)", required=False, max_length=22)
    consignee = forms.CharField(label="Destinataire (nom ou identifiant)", required=False, max_length=182)
    date_from = sections.date_field("Expédition à partir du")
    date_to = sections.date_field("Expédition jusqu'au")


@login_required
@require_GET
def draft_list(request, number: str):
    excise_number = _excise_number_or_404(request, number)
    abilities = services.abilities(request.user, excise_number)
    if not abilities.sees_drafts:
        return _refused(
            request,
            excise_number,
            f"Votre compte n'est habilité ni à préparer ni à émettre de documents pour {excise_number.number}.",
        )
    form = DraftFilterForm(request.GET or None)
    filters = {}
    if form.is_bound:
        form.is_valid()
        filters = {name: value for name, value in form.cleaned_data.items() if value}
    drafts = services.draft_list(actor=request.user, excise_number=excise_number, **filters)
    page = Paginator(drafts, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "gamma/prepare/drafts.html",
        {
            "title": f"Mes brouillons — {excise_number.number}",
            "excise_number": excise_number,
            "abilities": abilities,
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": bool(filters),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def draft_delete(request, number: str, pk: int):
    excise_number, movement = _draft_or_404(request, number, pk)
    if request.method == "POST":
        try:
            services.draft_delete(actor=request.user, movement=movement)
        except services.Refused as refusal:
            return _refused(request, excise_number, refusal.message)
        messages.success(request, f"Le brouillon {movement.local_reference_number or movement.pk} est supprimé.")
        return redirect("gamma:drafts", number=number)
    # The confirmation only to who may delete (the service asks the right to prepare its kind).
    refusal = _editable(request, excise_number, movement)
    if refusal:
        return refusal
    return render(
        request,
        "gamma/prepare/delete.html",
        {"title": "Supprimer le brouillon", "excise_number": excise_number, "movement": movement},
    )


# --- Task list, validation ------------------------------------------------------------------------


def _task_list(request, excise_number, movement, *, errors=None, status=200, failure=""):
    found = services.movement_errors(movement) if errors is None else errors
    abilities = services.abilities(request.user, excise_number)
    rows = []
    for section in sections.sections_for(movement.kind):
        count = sum(1 for error in found if section.owns(error.field))
        rows.append(
            {
                "section": section,
                "status": sections.status(section, movement, found),
                "errors": count,
                "url": reverse(
                    "gamma:draft_lines" if section.key == "lines" else "gamma:draft_section",
                    args=[excise_number.number, movement.pk] + ([] if section.key == "lines" else [section.slug]),
                ),
            }
        )
    return render(
        request,
        "gamma/prepare/task_list.html",
        {
            "title": f"Brouillon de {movement.kind} — {movement.local_reference_number or 'sans LRN'}",
            "excise_number": excise_number,
            "movement": movement,
            "kind_label": KIND_LABELS[movement.kind],
            "rows": rows,
            "complete": sum(row["status"] == sections.COMPLETE for row in rows),
            "may_issue": movement.kind in abilities.issue,
            "may_prepare": movement.kind in abilities.prepare,
            "summary": _summary(excise_number.number, movement, errors) if errors else [],
            "failure": failure,
            "template_name": request.POST.get("name", "") if request.method == "POST" else "",
        },
        status=status,
    )


@login_required
@require_GET
def draft_detail(request, number: str, pk: int):
    excise_number, movement = _draft_or_404(request, number, pk)
    if movement.kind not in services.abilities(request.user, excise_number).sees_drafts:
        return _refused(request, excise_number, "Votre compte n'est pas habilité à consulter ce brouillon.")
    if request.GET.get("verifier") == "1":
        # Opened from a refused upload: the validation's errors at the top, each linking to its field.
        return _task_list(request, excise_number, movement, errors=services.movement_errors(movement) or None)
    return _task_list(request, excise_number, movement)


@login_required
@require_POST
def draft_validate(request, number: str, pk: int):
    excise_number, movement = _draft_or_404(request, number, pk, prefetch=False)
    try:
        movement = services.movement_validate(actor=request.user, movement=movement)
    except services.Refused as refusal:
        return _refused(request, excise_number, refusal.message)
    except services.MessageNotBuilt as failure:  # the portal's fault, not the draft's: no field to correct
        return _task_list(request, excise_number, services.prefetched(movement), status=422, failure=failure.message)
    except services.InvalidMovement as invalid:
        return _task_list(request, excise_number, services.prefetched(movement), errors=invalid.errors, status=400)
    return redirect("gamma:draft_issued", number=number, pk=movement.pk)


@login_required
@require_GET
def draft_issued(request, number: str, pk: int):
    excise_number = _excise_number_or_404(request, number)
    movement = Movement.objects.filter(pk=pk, consignor=excise_number).exclude(status=MovementStatus.DRAFT).first()
    if movement is None or movement.kind not in services.abilities(request.user, excise_number).sees_drafts:
        raise Http404
    return render(
        request,
        "gamma/prepare/issued.html",
        {"title": f"{movement.kind} émis — ARC {movement.arc}", "excise_number": excise_number, "movement": movement},
    )


# --- Sections -----------------------------------------------------------------------------------------


def _show_validation_errors(request, movement, bound, section) -> list[dict]:
    """With ``?verifier=1``: the validation's errors of this section, at their fields; those no
    field here holds are returned for the top of the page."""
    if request.GET.get("verifier") != "1":
        return []
    elsewhere = []
    for error in services.movement_errors(movement):
        if section.owns(error.field) and not bound.add_error(error.field, _error_text(error)):
            elsewhere.append({"text": _error_text(error), "field": error.field})
    return elsewhere


def _field_summary(bound) -> list[dict]:
    """The errors of the forms shown, each linking to its input."""
    summary = []
    for form in bound.all_forms_shown():
        for name, errors in form.errors.items():
            key = form.add_prefix(name)
            label = form.fields[name].label if name in form.fields else ""
            summary += [{"text": f"{label} : {error}" if label else error, "href": f"#id_{key}"} for error in errors]
    return summary


def _summary_title(status: int) -> str:
    if status == 400:
        return "Rien n'est enregistré"
    return "Avant d'émettre le document"


def _editable(request, excise_number, movement):
    if movement.kind not in services.abilities(request.user, excise_number).prepare:
        return _refused(
            request,
            excise_number,
            f"Votre compte n'est pas habilité à « {services.PREPARE_RIGHT[movement.kind].label} » pour "
            f"{excise_number.number}.",
        )
    return None


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def draft_section(request, number: str, pk: int, slug: str):
    excise_number, movement = _draft_or_404(request, number, pk)
    section = sections.BY_SLUG.get(slug)
    if section is None or section.key == "lines" or not section.applies_to(movement.kind):
        raise Http404
    refusal = _editable(request, excise_number, movement)
    if refusal:
        return refusal
    status = 200
    fill = register_fill.fill_role(section, request.POST.get("action", ""))
    if fill is not None:  # « Compléter depuis le registre »: the form filled in again, nothing saved
        bound, status = register_fill.fill_section(request, movement, section, fill)
    elif request.method == "POST":
        try:
            services.draft_save_section(actor=request.user, movement=movement, section=section.key, data=request.POST)
        except services.Refused as refused:
            return _refused(request, excise_number, refused.message)
        except services.InvalidSection as invalid:
            bound, status = invalid.bound, 400
        else:
            action = request.POST.get("action", "")
            if action.startswith("ajouter"):
                return redirect(reverse("gamma:draft_section", args=[number, pk, slug]) + "#lignes-ajoutees")
            section_saved.announce_saved(request, movement, section)
            return redirect("gamma:draft", number=number, pk=pk)
    else:
        # A form posted after the session ended comes back filled in, to be checked and saved.
        bound = section.bind(movement, take_kept_post(request))
        bound.is_valid()
    elsewhere = _show_validation_errors(request, movement, bound, section)
    return render(
        request,
        "gamma/prepare/section.html",
        {
            "title": f"{section.title} — brouillon de {movement.kind}",
            "excise_number": excise_number,
            "movement": movement,
            "section": section,
            "groups": [(LEGENDS.get(key, key), form) for key, form in bound.forms.items()],
            "rows": [
                {
                    "key": key,
                    "legend": LEGENDS.get(key, key),
                    "label": ROW_LABELS.get(key, "Ligne"),
                    "add": ADD_ROW_LABELS.get(key, "Ajouter"),
                    "forms": rows.forms,
                    "saved": len(rows.forms) - 1,
                }
                for key, rows in bound.rows.items()
            ],
            "errors": _field_summary(bound) + elsewhere,  # those no input here holds: text only
            "summary_title": _summary_title(status),
            "verifier": request.GET.get("verifier") == "1",
            "register_filled": [role for role in sections.REGISTER_FILLED if role in section.traders],
        },
        status=status,
    )


# --- Lines ----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def draft_lines(request, number: str, pk: int):
    excise_number, movement = _draft_or_404(request, number, pk)
    refusal = _editable(request, excise_number, movement)
    if refusal:
        return refusal
    lines = list(movement.lines.all())
    if request.method == "POST":
        position = request.POST.get("supprimer", "")
        if not position.isdigit() or not 1 <= int(position) <= len(lines):
            messages.error(request, "Cette ligne n'existe pas (ou plus).")
            return redirect("gamma:draft_lines", number=number, pk=pk)
        index = int(position) - 1
        data = {**sections.line_data(lines[index], index), f"lines-{index}-supprimer": "on"}
        try:
            services.draft_save_section(actor=request.user, movement=movement, section="lines", data=data)
        except services.Refused as refused:
            return _refused(request, excise_number, refused.message)
        except services.InvalidSection:
            pass  # the line is removed whatever it held
        messages.success(request, f"La ligne {position} est supprimée ; les lignes suivantes sont renumérotées.")
        return redirect("gamma:draft_lines", number=number, pk=pk)
    errors = []
    if request.GET.get("verifier") == "1":
        errors = [
            {"text": _error_text(error), "href": _section_url(number, movement, error.field)}
            for error in services.movement_errors(movement)
            if error.field.startswith("lines")
        ]
    products = {product.code: product for product in sections.ReferenceChoices().products().values()}
    return render(
        request,
        "gamma/prepare/lines.html",
        {
            "title": f"Marchandises — brouillon de {movement.kind}",
            "excise_number": excise_number,
            "movement": movement,
            "lines": [
                (position, line, products.get(line.excise_product_code)) for position, line in enumerate(lines, 1)
            ],
            "next_position": len(lines) + 1,
            "max_lines": sections.MAX_LINES,
            "errors": errors,
        },
    )


def _line_data(posted, prefix: str):
    """Only this line's inputs: a forged name of another line is not taken."""
    data = posted.copy()
    for key in list(data):
        if key.startswith("lines-") and not key.startswith(f"{prefix}-"):
            del data[key]
    if not any(key.startswith(f"{prefix}-") for key in data):
        data[f"{prefix}-excise_product_code"] = ""
    return data


@login_required_keeping_post
@require_http_methods(["GET", "POST"])
def draft_line(request, number: str, pk: int, position: int):
    excise_number, movement = _draft_or_404(request, number, pk)
    refusal = _editable(request, excise_number, movement)
    if refusal:
        return refusal
    lines = list(movement.lines.all())
    if not 1 <= position <= min(len(lines) + 1, sections.MAX_LINES):
        raise Http404
    index = position - 1
    handler = sections.BY_KEY["lines"]
    prefix = f"lines-{index}"
    status = 200
    kept = take_kept_post(request) if request.method == "GET" else None
    if request.method == "POST":
        data = _line_data(request.POST, prefix)
        try:
            services.draft_save_section(actor=request.user, movement=movement, section="lines", data=data)
        except services.Refused as refused:
            return _refused(request, excise_number, refused.message)
        except services.InvalidSection as invalid:
            bound, status = invalid.bound, 400
        else:
            action = request.POST.get("action", "")
            saved = services.prefetched(movement)
            if index >= saved.lines.count():  # a new line left empty: nothing to show
                return redirect("gamma:draft_lines", number=number, pk=pk)
            if action == "choisir":
                return redirect(reverse("gamma:draft_line", args=[number, pk, position]) + f"#id_{prefix}-cn_code")
            if action == "ajouter":
                return redirect(reverse("gamma:draft_line", args=[number, pk, position]) + "#emballages")
            messages.success(request, f"Ligne {position} enregistrée.")
            return redirect("gamma:draft_lines", number=number, pk=pk)
    elif kept is not None:
        # A line posted after the session ended comes back filled in, to be checked and saved.
        bound = handler.bind(movement, _line_data(kept, prefix))
        bound.is_valid()
    elif index < len(lines):
        bound = handler.bind(movement, handler.current_data(movement, index))
        bound.is_valid()
    else:
        bound = handler.empty_line(movement, index)
    elsewhere = _show_validation_errors(request, movement, bound, handler)
    line = bound.extra["lines"][0] if bound.extra.get("lines") else None
    if line is None:  # the line was removed in the post: back to the list
        return redirect("gamma:draft_lines", number=number, pk=pk)
    form = line.form
    main = [name for name in sections.LINE_FIELDS[:5] if name in form.fields]
    strength = [name for name in sections.STRENGTH_FIELDS if name in form.fields]
    description = [name for name in sections.LINE_FIELDS[5:] if name in form.fields]
    wine = [name for name in sections.WINE_FIELDS if name in form.fields]
    return render(
        request,
        "gamma/prepare/line.html",
        {
            "title": f"Ligne {position} — brouillon de {movement.kind}",
            "excise_number": excise_number,
            "movement": movement,
            "position": position,
            "is_new": index >= len(lines),
            "form": form,
            "product": form.product,
            "line_title": f"Ligne {position}",
            "cn": form["cn_code"],
            "main": [form[name] for name in main if name not in ("excise_product_code", "cn_code")],
            "epc": form["excise_product_code"],
            "strength": [form[name] for name in strength],
            "description": [form[name] for name in description],
            "wine": [form[name] for name in wine],
            "packages": line.packages.forms,
            "saved_packages": len(line.packages.forms) - 1,
            "errors": _field_summary(bound) + elsewhere,  # those no input here holds: text only
            "summary_title": _summary_title(status),
            "verifier": request.GET.get("verifier") == "1",
        },
        status=status,
    )


# --- Templates ------------------------------------------------------------------------------------------


@login_required
@require_POST
def template_save(request, number: str, pk: int):
    excise_number, movement = _draft_or_404(request, number, pk, prefetch=False)
    try:
        template = services.template_from_draft(
            actor=request.user, movement=movement, name=request.POST.get("name", "")
        )
    except services.Refused as refusal:
        return _refused(request, excise_number, refusal.message)
    except services.InvalidSection as invalid:
        messages.error(request, " ".join(invalid.errors.get("name", [invalid.message])))
        return redirect(reverse("gamma:draft", args=[number, pk]) + "#modele")
    messages.success(
        request, f"Modèle « {template.name} » enregistré : il sert de point de départ à d'autres documents."
    )
    return redirect("gamma:draft", number=number, pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def template_list(request, number: str):
    excise_number = _excise_number_or_404(request, number)
    abilities = services.abilities(request.user, excise_number)
    if not abilities.prepare:
        return _refused(
            request,
            excise_number,
            f"Votre compte n'est pas habilité à préparer de documents pour {excise_number.number}.",
        )
    templates = services.templates_visible(actor=request.user, excise_number=excise_number)
    if request.method == "POST":
        pk = request.POST.get("modele", "")
        template = templates.filter(pk=int(pk)).first() if pk.isdigit() else None
        if template is None:
            raise Http404
        try:
            if request.POST.get("action") == "supprimer":
                services.template_delete(actor=request.user, template=template)
                messages.success(request, f"Le modèle « {template.name} » est supprimé.")
                return redirect("gamma:templates", number=number)
            movement = services.draft_from_template(actor=request.user, template=template)
        except services.Refused as refusal:
            return _refused(request, excise_number, refusal.message)
        messages.success(
            request, f"Brouillon créé à partir du modèle « {template.name} » : indiquez son LRN et ses dates."
        )
        return redirect("gamma:draft", number=number, pk=movement.pk)
    return render(
        request,
        "gamma/prepare/templates.html",
        {
            "title": f"Modèles — {excise_number.number}",
            "excise_number": excise_number,
            "templates": templates.select_related("created_by"),
        },
    )
