"""The trader groups of a movement (consignor, consignee, place of dispatch, place of delivery,
transport arranger, first transporter, guarantors): the fields each role holds, its form, and how
it is written to the movement."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms

from gamma.models import Movement, MovementTrader, TraderRole
from gamma.sections.fields import identifier_field, text
from identifiers import fields as identifier_fields

TRADER_FIELDS = {
    "trader_excise_number": lambda: identifier_fields.excise_number_field("Numéro d'accise"),
    "traderid": lambda: identifier_fields.trader_id_field("Identifiant (numéro d'accise ou de TVA)"),
    "reference_of_tax_warehouse": lambda: identifier_fields.tax_warehouse_field("Référence de l'entrepôt fiscal"),
    "vat_number": lambda: identifier_field("Numéro de TVA", 14, help_text="Par exemple FR40303265045."),
    "eori_number": lambda: identifier_field("Numéro EORI", 17),
    "trader_name": lambda: text("Nom ou raison sociale", 182),
    "street_number": lambda: text("Numéro dans la voie", 11),
    "street_name": lambda: text("Voie (rue, avenue…)", 65),
    "postcode": lambda: text("Code postal", 10),
    "city": lambda: text("Ville", 50),
}


ADDRESS = ["trader_name", "street_number", "street_name", "postcode", "city"]
ROLE_FIELDS: dict[str, list[str]] = {
    TraderRole.CONSIGNOR: ADDRESS,
    TraderRole.CONSIGNEE: ["traderid", *ADDRESS, "eori_number"],
    TraderRole.PLACE_OF_DISPATCH: ["reference_of_tax_warehouse", *ADDRESS],
    TraderRole.DELIVERY_PLACE: ["traderid", *ADDRESS],
    TraderRole.TRANSPORT_ARRANGER: ["vat_number", *ADDRESS],
    TraderRole.FIRST_TRANSPORTER: ["vat_number", *ADDRESS],
    TraderRole.GUARANTOR_1: ["trader_excise_number", "vat_number", *ADDRESS],
    TraderRole.GUARANTOR_2: ["trader_excise_number", "vat_number", *ADDRESS],
}


def trader_form(role: str, data: Mapping | None) -> forms.Form:
    fields = {name: TRADER_FIELDS[name]() for name in ROLE_FIELDS[role]}
    form_class = type(f"{role.title()}TraderForm", (forms.Form,), fields)
    return form_class(data=data, prefix=str(role))


def trader_data(trader: MovementTrader | None, role: str) -> dict[str, Any]:
    if trader is None:
        return {}
    return {f"{role}-{name}": getattr(trader, name) for name in ROLE_FIELDS[role] if getattr(trader, name)}


def save_trader(movement: Movement, role: str, values: Mapping[str, Any], *, keep: bool = False) -> None:
    """Create, update or (when every field is blank and ``keep`` is false) remove the trader."""
    values = {name: values.get(name) or "" for name in ROLE_FIELDS[role]}
    if not keep and not any(values.values()):
        MovementTrader.objects.filter(movement=movement, role=role).delete()
        return
    MovementTrader.objects.update_or_create(movement=movement, role=role, defaults=values)


# The trader groups a form fills from the register by their excise number (issue 12): the register
# knows the holder of a French excise number, its name and one line of address.
REGISTER_FILLED = (TraderRole.CONSIGNEE, TraderRole.DELIVERY_PLACE)
REGISTER_ADDRESS = {"trader_name": "name", "street_name": "street", "postcode": "postcode", "city": "city"}


def register_values(role: str, holder: Any) -> dict[str, str]:
    """The inputs of ``role``'s name and address as the register gives them (a
    ``register.services.HolderAddress``), cut to the lengths the form takes. The register's address
    is one line, so the street number goes with the street."""
    values = {
        f"{role}-{name}": getattr(holder, attribute)[: TRADER_FIELDS[name]().max_length]
        for name, attribute in REGISTER_ADDRESS.items()
    }
    values[f"{role}-street_number"] = ""
    return values
