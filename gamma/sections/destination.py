"""The section « Destination et lieu de livraison »: the destination type (the types R196 allows),
the place of delivery and its customs office (C164, C074, C079, C078)."""

from __future__ import annotations

from django import forms

from gamma.models import DestinationType, Movement, MovementTrader, TraderRole
from gamma.rules import RuleError, c074, c078, c079, c164, presence
from gamma.rules import r196 as rule_r196
from gamma.sections.base import EMCS_KINDS, Bound, Section, make_form, missing_field
from gamma.sections.fields import ReferenceChoices, choice_field, numbered
from gamma.sections.traders import save_trader, trader_form
from identifiers import fields as identifier_fields


class DestinationSection(Section):
    key = "destination"
    slug = "destination"
    title = "Destination et lieu de livraison"
    # C164, C074, C079: the place of delivery by destination type (not « if it differs from the consignee »).
    hint = (
        "Le type de destination ; le lieu de livraison, obligatoire pour un entrepôt fiscal (son numéro d'accise), "
        "une livraison directe ou un destinataire certifié, sans objet pour un destinataire enregistré ; "
        "le bureau de sortie pour une exportation."
    )
    fields = ("destination_type_code", "delivery_place_customs_office_code")
    traders = (TraderRole.DELIVERY_PLACE,)

    # R196: the destination types a draft may take, by kind (7 is reserved, 11 comes from a change of destination).
    TYPES = rule_r196.ALLOWED

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        kind = bound.movement.kind
        fields: dict[str, forms.Field] = {}
        if kind in self.TYPES:
            fields["destination_type_code"] = choice_field(
                "Type de destination",
                numbered((value, DestinationType(value).label) for value in self.TYPES[kind]),
                coerce=int,
            )
            fields["delivery_place_customs_office_code"] = identifier_fields.customs_office_field(
                "Bureau de sortie (exportation seulement)"
            )
        bound.forms["destination"] = make_form(fields, bound.data)
        bound.forms["delivery_place"] = trader_form(TraderRole.DELIVERY_PLACE, bound.data)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        save_trader(movement, TraderRole.DELIVERY_PLACE, bound.cleaned("delivery_place"))
        changed = self._save_fields(movement, bound.cleaned("destination"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])


def missing_destination(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Destination (R196 is a draft rule; here C164, C074, C079, C078)."""
    kind = movement.kind
    destination = movement.destination_type_code
    delivery = traders.get(TraderRole.DELIVERY_PLACE)
    errors: list[RuleError] = []
    if kind in EMCS_KINDS and destination is None:
        errors.append(missing_field("destination_type_code", "Choisissez le type de destination."))
    errors += c164.check(
        kind=kind,
        destination_type_code=destination,
        delivery_place=delivery,
        delivery_place_customs_office_code=movement.delivery_place_customs_office_code,
    )
    # Before the destination type is chosen, the usual one's needs (``presence.assumed_destination``).
    assumed, note = presence.assumed_destination(kind, destination)
    for rule in (c074, c079, c078):
        errors += presence.with_note(
            rule.check(kind=kind, destination_type_code=assumed, delivery_place=delivery), note
        )
    return errors
