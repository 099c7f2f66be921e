"""The section « Transport »: who arranges it (C102), its duration, its mode (C127), the first
transporter and the transport units."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django import forms

from emcs import codelists
from gamma.models import Movement, MovementTrader, TraderRole, TransportArrangement, TransportDetail
from gamma.rules import RuleError, c102, c127, presence
from gamma.sections.base import (
    EMCS_KINDS,
    MAX_ROWS,
    Bound,
    Section,
    address,
    bind_rows,
    compact,
    make_form,
    missing_field,
    raw,
)
from gamma.sections.fields import CodeField, ReferenceChoices, choice_field, numbered, text
from gamma.sections.traders import save_trader, trader_form

# H or D followed by 2 digits: H12, D03 (how long the transport takes).
_JOURNEY_TIME = re.compile(r"[HD][0-9]{2}", re.ASCII)


TRANSPORT_UNIT_FIELDS = (
    "transport_unit_code",
    "identity_of_transport_units",
    "commercial_seal_identification",
    "seal_information",
    "complementary_information",
)


class TransportSection(Section):
    key = "transport"
    slug = "transport"
    title = "Transport"
    hint = "Organisation, durée et mode du transport, transporteurs, unités de transport (véhicules…)."
    fields = (
        "transport_arrangement",
        "journey_time",
        "transport_mode_code",
        "transport_mode_complementary_information",
    )
    traders = (TraderRole.TRANSPORT_ARRANGER, TraderRole.FIRST_TRANSPORTER)
    groups = ("transport_details",)

    def current_data(self, movement: Movement) -> dict[str, Any]:
        data = super().current_data(movement)
        for index, unit in enumerate(movement.transport_details.all()):
            for name in TRANSPORT_UNIT_FIELDS:
                data[f"transport_details-{index}-{name}"] = raw(getattr(unit, name))
        return compact(data)

    def build(self, bound: Bound, choices: ReferenceChoices) -> None:
        kind = bound.movement.kind
        fields: dict[str, forms.Field] = {}
        if kind in EMCS_KINDS:
            fields["transport_arrangement"] = choice_field(
                "Organisation du transport", numbered(TransportArrangement.choices), coerce=int
            )
            fields["journey_time"] = CodeField(
                label="Durée du transport",
                max_length=3,
                pattern=_JOURNEY_TIME,
                message="La durée s'écrit H suivie de 2 chiffres (heures) ou D suivie de 2 chiffres (jours), "
                "par exemple H12 ou D03.",
                help_text="H suivie du nombre d'heures (24 au plus) ou D suivie du nombre de jours "
                "(au plus le maximum du mode de transport) : H12, D03.",
            )
        fields["transport_mode_code"] = choice_field("Mode de transport", choices.list(codelists.TRANSPORT_MODES))
        fields["transport_mode_complementary_information"] = text(
            "Précisions sur le mode de transport (mode « Autre »)", 350, textarea=True
        )
        bound.forms["transport"] = make_form(fields, bound.data)
        if kind in EMCS_KINDS:
            bound.forms["transport_arranger"] = trader_form(TraderRole.TRANSPORT_ARRANGER, bound.data)
        bound.forms["first_transporter"] = trader_form(TraderRole.FIRST_TRANSPORTER, bound.data)
        units = choices.list(codelists.TRANSPORT_UNITS)

        def unit_form(prefix: str, data: Mapping | None) -> forms.Form:
            return make_form(
                {
                    "transport_unit_code": choice_field("Unité de transport", units),
                    "identity_of_transport_units": text("Identité (immatriculation, numéro de conteneur…)", 35),
                    "commercial_seal_identification": text("Scellé commercial", 35),
                    "seal_information": text("Informations sur le scellé", 350),
                    "complementary_information": text("Informations complémentaires", 350),
                },
                data,
                prefix,
            )

        bound.rows["transport_details"] = bind_rows("transport_details", bound.data, unit_form, limit=MAX_ROWS)

    def save(self, bound: Bound) -> None:
        movement = bound.movement
        for role in self.traders:
            if role in bound.forms:
                save_trader(movement, role, bound.cleaned(role))
        changed = self._save_fields(movement, bound.cleaned("transport"), self.fields)
        movement.save(update_fields=[*changed, "updated_at"])
        movement.transport_details.all().delete()
        TransportDetail.objects.bulk_create(
            TransportDetail(
                movement=movement,
                position=position,
                **{name: form.cleaned_data.get(name) or "" for name in TRANSPORT_UNIT_FIELDS},
            )
            for position, form in enumerate(bound.rows["transport_details"].kept, start=1)
        )


def missing_transport(movement: Movement, traders: dict[str, MovementTrader]) -> list[RuleError]:
    """Transport (C102, C127)."""
    emcs = movement.kind in EMCS_KINDS
    errors: list[RuleError] = []
    if emcs and not movement.journey_time:
        errors.append(missing_field("journey_time", "Indiquez la durée du transport (par exemple H12 ou D03)."))
    if emcs and movement.transport_arrangement is None:
        errors.append(missing_field("transport_arrangement", "Indiquez qui organise le transport."))
    errors += c102.check(
        kind=movement.kind,
        transport_arrangement=movement.transport_arrangement,
        transport_arranger=traders.get(TraderRole.TRANSPORT_ARRANGER),
    )
    if presence.has_data(traders.get(TraderRole.FIRST_TRANSPORTER)):
        errors += address("first_transporter", traders.get(TraderRole.FIRST_TRANSPORTER), "du premier transporteur")
    if emcs and not movement.transport_mode_code:
        errors.append(missing_field("transport_mode_code", "Choisissez le mode de transport."))
    errors += c127.check(
        transport_mode_code=movement.transport_mode_code,
        complementary_information=movement.transport_mode_complementary_information,
    )
    units = list(movement.transport_details.all())
    if emcs and not units:
        errors.append(
            missing_field(
                "transport_details.0.transport_unit_code",
                "Ajoutez au moins une unité de transport (véhicule, conteneur…).",
            )
        )
    for index, unit in enumerate(units):
        if not unit.transport_unit_code:
            errors.append(
                missing_field(
                    f"transport_details.{index}.transport_unit_code", "Choisissez le type d'unité de transport."
                )
            )
    return errors
