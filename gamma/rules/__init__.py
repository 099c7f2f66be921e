"""The business rules of a GAMMA draft (IE815), one module per official rule code, each with its
French message next to it and a test of its own (tests/gamma/rules/test_<code>.py).

Every module exposes ``check(...)``, which takes plain values (so a form, the EDI channel or a
change of destination can call it alone), and registers ``check_draft(draft, context)`` under its
code. The validation service runs them all in one pass and gets every error at once::

    from gamma import rules

    draft = rules.Draft(kind=..., lines=[rules.Line(...)], ...)   # built from the movement
    context = rules.context_for(draft, lrn_already_used=lambda number, lrn: ...)
    errors = rules.check_all(draft, context)                       # list[RuleError]

An error's ``field`` is a path into the draft (``lines.0.packages.1.number_of_packages``); the
names are the movement model's.

R259 (destination types of a change of destination, IE813) is here too but not registered: it
is not a draft rule. Nor are the conditions of the lifecycle messages (IE807 … IE871: BR023,
BR024, BR025, BR041, BR056, C032, C063, C067, C095, C103, C119, C126, C128, C140, C143, C154, C156,
C159, C161, C162, C165, C181, C182, C210, R058, R059, R216, R232, TC61, TC73, and the portal's
``reason_once``), which ``gamma.actions`` calls with plain values."""

from collections.abc import Mapping
from datetime import date

from django.utils import timezone

from emcs import codelists
from gamma.rules.base import RULES, Authorisation, Context, Product, RuleError, french_number, register
from gamma.rules.draft import DAE, DAES, DSA, Draft, Line, Package

# Registration order is the order the rules run in: the header's rules, the lines', the guarantee's; the
# register's rules (the consignor's and the consignee's authorisations) last.
from gamma.rules import br001, secours, r196, r054, dispatch_date, r263, br018, c047, r237, c048, c049, r219, c073  # noqa: F401  isort: skip
from gamma.rules import tc29  # noqa: F401  isort: skip  (TC29, the guarantee: after the lines, on its own line)
from gamma.rules import r044, br002, br003, br004, br006, reg_exp_cat, r045, br012, br011, br013, br016, br048, br049  # noqa: F401  isort: skip

__all__ = [
    "DAE",
    "DAES",
    "DSA",
    "RULES",
    "Authorisation",
    "Context",
    "Draft",
    "Line",
    "Package",
    "Product",
    "RuleError",
    "check_all",
    "context_for",
    "errors_by_field",
    "french_number",
    "register",
    "register_numbers",
]


def context_for(
    draft: Draft,
    *,
    lrn_already_used,
    fallback_number_open=None,
    authorisations: Mapping[str, Authorisation] | None = None,
    today: date | None = None,
) -> Context:
    """The context of one draft: today's date (Paris), and the reference data its lines name,
    read in four queries. Without ``fallback_number_open``, no LRN is an open fallback number;
    ``authorisations`` are the register's entries of the numbers the draft names (by number and
    by tax warehouse reference: ``register_numbers`` says which), none when not given."""
    reference = codelists.reference_for(
        epcs=(line.excise_product_code for line in draft.lines),
        package_kinds=(package.kind_of_packages for line in draft.lines for package in line.packages),
    )
    return Context(
        today=today or timezone.localdate(),
        reference=reference,
        lrn_already_used=lrn_already_used,
        fallback_number_open=fallback_number_open or (lambda consignor, lrn: False),
        authorisations=authorisations or {},
    )


def register_numbers(draft: Draft) -> set[str]:
    """The French excise numbers and tax warehouse references the register's rules look up."""
    numbers = {
        draft.consignor_excise_number,
        draft.place_of_dispatch_warehouse,
        draft.consignee_traderid,
        draft.delivery_place_traderid,
    }
    return {number for number in numbers if number[:2] == "FR"}


def check_all(draft: Draft, context: Context) -> list[RuleError]:
    """Every rule on the draft; every error, none stopping the others."""
    errors: list[RuleError] = []
    for rule in RULES.values():
        errors += rule(draft, context)
    return errors


def errors_by_field(errors: list[RuleError]) -> dict[str, list[RuleError]]:
    """The errors grouped by field path, in the order they came."""
    grouped: dict[str, list[RuleError]] = {}
    for error in errors:
        grouped.setdefault(error.field, []).append(error)
    return grouped
