"""Templates of movements (« modèles »): a draft's data kept under a name, without what belongs to
one movement only, and new drafts started from a template."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from gamma import sections
from gamma.abilities import PREPARE_RIGHT, _require, abilities
from gamma.drafts import draft_create, draft_save_section, prefetched
from gamma.errors import InvalidSection
from gamma.models import Movement, MovementTemplate
from register.models import ExciseNumber

# What a template leaves out: it belongs to one movement only (a field, or a repeated group's rows).
TEMPLATE_EXCLUDED = {
    "movement": frozenset(
        {
            "local_reference_number",
            "invoice_number",
            "invoice_date",
            "dispatch_date",
            "dispatch_time",
            "import_customs_declarations",  # C096: the declarations of this shipment's goods, every row
        }
    ),
}
# Sections a template does not keep: the consignor is always taken afresh from the register.
TEMPLATE_SECTIONS_EXCLUDED = frozenset({"consignor"})


def _template_data(movement: Movement) -> dict[str, dict[str, Any]]:
    data = {}
    for section in sections.sections_for(movement.kind):
        if section.key in TEMPLATE_SECTIONS_EXCLUDED:
            continue
        values = section.current_data(movement)
        excluded = TEMPLATE_EXCLUDED.get(section.key, frozenset())
        data[section.key] = {
            key: value for key, value in values.items() if sections.path_of(key).split(".")[0] not in excluded
        }
    return data


def template_from_draft(*, actor, movement: Movement, name: str) -> MovementTemplate:
    """Keep the draft's data under ``name`` (LRN, invoice and dates left out); a template of the
    same name for this excise number is replaced."""
    _require(actor, movement.consignor, PREPARE_RIGHT[movement.kind], "save a template")
    name = " ".join((name or "").split())
    if not name:
        raise InvalidSection({"name": ["Donnez un nom au modèle."]})
    if len(name) > 80:
        raise InvalidSection({"name": ["Le nom du modèle compte 80 caractères au plus."]})
    if sections.has_control_characters(name):
        raise InvalidSection({"name": ["Ce nom contient un caractère de contrôle : saisissez-le à nouveau."]})
    movement = prefetched(movement)
    template, _created = MovementTemplate.objects.update_or_create(
        excise_number=movement.consignor,
        name=name,
        defaults={"kind": movement.kind, "data": _template_data(movement), "created_by": actor},
    )
    return template


def templates_visible(*, actor, excise_number: ExciseNumber) -> QuerySet[MovementTemplate]:
    kinds = abilities(actor, excise_number).prepare
    return MovementTemplate.objects.filter(excise_number=excise_number, kind__in=kinds)


def template_delete(*, actor, template: MovementTemplate) -> None:
    _require(actor, template.excise_number, PREPARE_RIGHT[template.kind], "delete a template")
    template.delete()


def draft_from_template(*, actor, template: MovementTemplate) -> Movement:
    """A new draft holding the template's data; the values the code lists no longer accept are
    left out (the task list then shows what to complete)."""
    with transaction.atomic():
        movement = prefetched(draft_create(actor=actor, excise_number=template.excise_number, kind=template.kind))
        for section in sections.sections_for(template.kind):
            data = template.data.get(section.key)
            if not isinstance(data, dict) or not data:
                continue
            # On top of what the new draft already holds (its dispatch date, its prefilled traders).
            data = {**section.current_data(movement), **data}
            try:
                movement = draft_save_section(actor=actor, movement=movement, section=section.key, data=data)
            except InvalidSection as error:
                kept = {key: value for key, value in data.items() if sections.path_of(key) not in error.errors}
                try:
                    movement = draft_save_section(actor=actor, movement=movement, section=section.key, data=kept)
                except InvalidSection:
                    continue  # this section starts empty
    return movement
