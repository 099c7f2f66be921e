"""The base of the presence conditions of an IE815 (C006 … C208): a data group or a field is
required ('R'), optional ('O') or does not apply, according to another value of the draft (the
destination type, the origin, the guarantor type …).

They are not draft rules (the registry holds those that read ``gamma.rules.Draft``): they read the
trader groups and repeated groups of the movement, and the task list (``gamma.sections.missing``)
calls each module's ``check`` among the required fields, in the order of its sections. A trader
group is any object with the ``MovementTrader`` attributes (``Trader``); None when absent.

A required group or field missing, and one given that does not apply, are both a ``RuleError``
with the condition's code, at the path of the field shown in the form."""

from typing import Protocol

from gamma.rules.base import RuleError
from gamma.rules.draft import DAE, DAES

# The kinds of document EMCS knows (a DSA is national: these conditions do not apply to it).
EMCS_KINDS = frozenset({DAE, DAES})

# The values a trader group may hold (``gamma.sections.TRADER_FIELDS``'s names): one of them
# filled in is a group given.
TRADER_VALUES = (
    "trader_excise_number",
    "traderid",
    "reference_of_tax_warehouse",
    "vat_number",
    "eori_number",
    "trader_name",
    "street_number",
    "street_name",
    "postcode",
    "city",
)
# The name and address a trader group requires (the street number is always optional).
ADDRESS = ("trader_name", "street_name", "postcode", "city")
ADDRESS_MESSAGES = {
    "trader_name": "Indiquez le nom {who}.",
    "street_name": "Indiquez la voie (rue, avenue…) de l'adresse {who}.",
    "postcode": "Indiquez le code postal {who}.",
    "city": "Indiquez la ville {who}.",
}


class Trader(Protocol):
    """A trader group, as ``gamma.models.MovementTrader`` holds it."""

    trader_excise_number: str
    traderid: str
    reference_of_tax_warehouse: str
    vat_number: str
    eori_number: str
    trader_name: str
    street_number: str
    street_name: str
    postcode: str
    city: str


# The destination type the presence conditions of the consignee and of the place of delivery read
# before one is chosen: the kind's usual one (a DAE to a tax warehouse, a DAES to a certified
# consignee). The first validation of a draft then already lists the consignee and the place of
# delivery that type needs (issue 12: every check in the first pass), each message saying so.
USUAL_DESTINATION = {DAE: (1, "entrepôt fiscal"), DAES: (9, "destinataire certifié")}


def assumed_destination(kind: str, destination_type_code: int | None) -> tuple[int | None, str]:
    """The destination type to check the consignee and the place of delivery against, and the
    note to add to their messages when it is the usual one assumed ("" when it was chosen)."""
    if destination_type_code is not None or kind not in USUAL_DESTINATION:
        return destination_type_code, ""
    code, label = USUAL_DESTINATION[kind]
    return code, f" (si la destination est : {label})"


def with_note(errors: list[RuleError], note: str) -> list[RuleError]:
    """``errors`` with ``note`` added to each message."""
    return [RuleError(error.code, error.field, error.message + note) for error in errors] if note else errors


def has_data(trader: Trader | None) -> bool:
    """The group is given: one of its values is filled in."""
    return trader is not None and any(getattr(trader, name) for name in TRADER_VALUES)


def required(code: str, field: str, message: str) -> RuleError:
    """A required field (or group, shown at its first field) that the draft lacks."""
    return RuleError(code, field, message)


def not_applicable(code: str, field: str, message: str) -> RuleError:
    """A field (or group) given where it does not apply."""
    return RuleError(code, field, message)


def address(
    code: str, group: str, trader: Trader | None, who: str, names: tuple[str, ...] = ADDRESS
) -> list[RuleError]:
    """The name and address fields ``names`` of the group ``group`` that are missing, each at
    ``group.name``; ``who`` completes the message (« du destinataire »)."""
    return [
        required(code, f"{group}.{name}", ADDRESS_MESSAGES[name].format(who=who))
        for name in names
        if trader is None or not getattr(trader, name)
    ]
