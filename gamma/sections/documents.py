"""The section « Documents d'accompagnement »: up to 9 documents, each saying what it is (C006)
and, with a type, its reference (C202)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from emcs import codelists
from gamma.models import Movement, MovementDocument, MovementTrader
from gamma.rules import RuleError, c006, c202
from gamma.sections.base import MAX_DOCUMENTS, Bound, Section, bind_rows, compact, make_form, raw
from gamma.sections.fields import ReferenceChoices, choice_field, text

DOCUMENT_FIELDS = ("document_type", "document_reference", "document_description", "reference_of_document")


class DocumentsSection(Section):
    key = "documents"
    slug = "documents"
    title = "Documents d'accompagnement"
    hint = "Certificats et documents qui accompagnent les marchandises (facultatif, 9 au plus)."
    optional = True
    groups = ("documents",)

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = {}
        for index, document in enumerate(movement.documents.all()):
            for name in DOCUMENT_FIELDS:
                data[f"documents-{index}-{name}"] = raw(getattr(document, name))
        return compact(data)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        types = choices.list(codelists.DOCUMENT_TYPES)

        def document_form(prefix: str, data: Mapping | None) -> forms.Form:
            return make_form(
                {
                    "document_type": choice_field("Type de document", types, searchable=True),
                    "document_reference": text("Référence du document", 35),
                    "document_description": text("Description du document", 350),
                    "reference_of_document": text("Référence du document (texte libre)", 350),
                },
                data,
                prefix,
            )

        bound.rows["documents"] = bind_rows("documents", bound.data, document_form, limit=MAX_DOCUMENTS)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        movement.documents.all().delete()
        MovementDocument.objects.bulk_create(
            MovementDocument(
                movement=movement,
                position=position,
                **{name: form.cleaned_data.get(name) or "" for name in DOCUMENT_FIELDS},
            )
            for position, form in enumerate(bound.rows["documents"].kept, start=1)
        )
        movement.save(update_fields=["updated_at"])


def missing_documents(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Documents (C006, C202)."""
    errors: list[RuleError] = []
    for index, document in enumerate(movement.documents.all()):
        errors += c006.check(
            document_type=document.document_type,
            document_description=document.document_description,
            reference_of_document=document.reference_of_document,
            field=f"documents.{index}.document_type",
        )
        errors += c202.check(
            document_type=document.document_type,
            document_reference=document.document_reference,
            field=f"documents.{index}.document_reference",
        )
    return errors
