from datetime import date

import pytest

from emcs.codelists import ReferenceData
from emcs.models import ExciseProductCode
from gamma import rules

TODAY = date(2025, 3, 12)

# BC36's flags of a few products, as the loader stores them (checked against the file in
# tests/emcs/test_codelists.py).
BEER = ExciseProductCode(code="B000", alcoholic_strength_applicable=True, degree_plato_applicable=True)
WINE = ExciseProductCode(code="W200", alcoholic_strength_applicable=True)
GASOIL = ExciseProductCode(code="E430", density_applicable=True)
CIGARETTES = ExciseProductCode(code="T200")


def reference(**overrides) -> ReferenceData:
    values = {
        "products": {product.code: product for product in (BEER, WINE, GASOIL, CIGARETTES)},
        "cn_codes_by_epc": {"W200": frozenset({"22042109"}), "B000": frozenset({"22030001"})},
        "countable_packages": {"BO": True, "VL": False},
        "plato_states": frozenset({"DE", "BE"}),
    }
    values.update(overrides)
    return ReferenceData(**values)


def context(*, used=(), today=TODAY, **overrides) -> rules.Context:
    """A context whose used LRNs are the (excise number, LRN) pairs of ``used``."""
    return rules.Context(
        today=today, reference=reference(**overrides), lrn_already_used=lambda number, lrn: (number, lrn) in used
    )


@pytest.fixture
def ctx():
    return context()
