"""What every rule shares: the error it returns, the registry of the rules a draft goes through,
and the context they read (today's date, the reference data, the LRNs already used)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

from emcs.codelists import ReferenceData
from gamma.rules.draft import Draft


@dataclass(frozen=True)
class RuleError:
    """One fault of a draft: the rule's official code (``C047``), the field it concerns as a stable
    path (``lines.0.alcoholic_strength``, positions from 0) and the French message shown there."""

    code: str
    field: str
    message: str


@dataclass(frozen=True)
class Authorisation:
    """What the customs register (``register.models.ExciseNumber``) says of one excise number, as
    plain values: its status (``EA``, ``EE``, ``DE``, ``DT``, ``EC``, ``DC``: ``ExciseStatus``'s
    codes), its validity, the product categories it is authorised for (BC66 codes) and the
    reference of its tax warehouse (its own number when the register gives none)."""

    number: str
    status: str
    valid_from: date
    valid_until: date | None = None
    categories: frozenset[str] = frozenset()
    tax_warehouse: str = ""

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


@dataclass(frozen=True)
class Context:
    """What the rules read besides the draft.

    ``lrn_already_used(consignor_excise_number, lrn)`` answers BR001: whether another document of
    that consignor already carries the LRN (the draft being validated excluded);
    ``fallback_number_open(consignor_excise_number, lrn)`` answers SECOURS: whether the LRN is the
    number of a fallback document of that consignor not yet regularised (none, unless told)."""

    today: date
    reference: ReferenceData
    lrn_already_used: Callable[[str, str], bool]
    # SECOURS: whether (consignor excise number, LRN) is a fallback document still to regularise.
    fallback_number_open: Callable[[str, str], bool] = lambda consignor, lrn: False
    # The register's authorisations of the French excise numbers and tax warehouses the draft
    # names, by number and by tax warehouse reference (R044, R045, BR002 … BR049). A French number
    # missing here is not in the register.
    authorisations: Mapping[str, Authorisation] = field(default_factory=dict)


DraftRule = Callable[[Draft, Context], list[RuleError]]

# Rule code → the function checking a whole draft (IE815), in the order they run.
RULES: dict[str, DraftRule] = {}


def register(code: str) -> Callable[[DraftRule], DraftRule]:
    """Add a draft rule to the registry under its code."""

    def decorator(function: DraftRule) -> DraftRule:
        if code in RULES:
            raise ValueError(f"Rule {code} is registered twice.")
        RULES[code] = function
        return function

    return decorator


def french_number(value: Decimal | int | float) -> str:
    """``Decimal("12.50")`` → ``12,5``: a number as French users write it."""
    text = format(Decimal(str(value)).normalize(), "f")
    return text.replace(".", ",")


class Product(Protocol):
    """An excise product's flags, as ``emcs.models.ExciseProductCode`` carries them (BC36)."""

    code: str
    category: str  # BC66: B, E, I, S, T, W
    alcoholic_strength_applicable: bool
    degree_plato_applicable: bool
    density_applicable: bool
