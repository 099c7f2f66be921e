"""« Relire avant d'émettre » (issue 12, item 7): the whole draft on one page, section by section
in the order of the task list, each datum with the label of its input and the wording of its code
list, what still stops the validation at the top, and « Émettre le DAE » (the same validation as
the task list's button: ``draft_validate``). Read only: nothing here saves."""

from __future__ import annotations

import datetime as dt
import re

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from gamma import sections, services
from www.gamma import prepare
from www.gamma.section_labels import LEGENDS, ROW_LABELS

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _flat(choices) -> dict[str, str]:
    labels: dict[str, str] = {}
    for value, label in choices:
        if isinstance(label, (list, tuple)):  # a group of choices
            labels.update(_flat(label))
        else:
            labels[str(value)] = str(label)
    return labels


def _shown(value, labels: dict[str, str] | None) -> str:
    if isinstance(value, bool):
        return "Oui" if value else "Non"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, (list, tuple)):
        return ", ".join(_shown(item, labels) for item in value)
    text = str(value)
    if labels is not None and text in labels:
        return labels[text]
    if ISO_DATE.fullmatch(text):  # a date input holds it as ISO; people read dd/mm/yyyy
        return f"{dt.date.fromisoformat(text):%d/%m/%Y}"
    return text


def facts(form) -> list[tuple[str, str]]:
    """The filled inputs of ``form`` as (label, what it holds), codes as their code list words them."""
    pairs = []
    for field in form:
        value = field.value()
        if value in (None, "", [], ()) or value is False:
            continue
        choices = getattr(field.field, "choices", None)
        pairs.append((str(field.label), _shown(value, _flat(choices) if choices is not None else None)))
    return pairs


def _groups(movement) -> list[dict]:
    groups = []
    for section in sections.sections_for(movement.kind):
        bound = section.bind(movement, None)
        parts = []
        if section.key == "lines":
            for line in bound.extra.get("lines", []):
                if line.line is None:
                    continue
                parts.append({"legend": f"Ligne {line.number}", "facts": facts(line.form)})
                for position, package in enumerate(line.packages.kept, 1):
                    parts.append({"legend": f"Ligne {line.number}, emballage {position}", "facts": facts(package)})
            url = reverse("gamma:draft_lines", args=[movement.consignor.number, movement.pk])
        else:
            for key, form in bound.forms.items():
                parts.append({"legend": LEGENDS.get(key, key), "facts": facts(form)})
            for key, rows in bound.rows.items():
                for position, form in enumerate(rows.kept, 1):
                    label = ROW_LABELS.get(key, "Ligne")
                    parts.append({"legend": f"{label} {position}", "facts": facts(form)})
            url = reverse("gamma:draft_section", args=[movement.consignor.number, movement.pk, section.slug])
        groups.append({"section": section, "parts": [part for part in parts if part["facts"]], "url": url})
    return groups


@login_required
@require_GET
def draft_review(request, number: str, pk: int):
    excise_number, movement = prepare._draft_or_404(request, number, pk)
    abilities = services.abilities(request.user, excise_number)
    if movement.kind not in abilities.sees_drafts:
        return prepare._refused(request, excise_number, "Votre compte n'est pas habilité à consulter ce brouillon.")
    errors = services.movement_errors(movement)
    return render(
        request,
        "gamma/prepare/review.html",
        {
            "title": f"Relire le {movement.kind} avant de l'émettre",
            "excise_number": excise_number,
            "movement": movement,
            "kind_label": prepare.KIND_LABELS[movement.kind],
            "groups": _groups(movement),
            "summary": prepare._summary(number, movement, errors),
            "may_issue": movement.kind in abilities.issue,
        },
    )
