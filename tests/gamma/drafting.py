"""Helpers of the preparation tests: the data of each section of a complete DAE of company A
(FR008777E0001, build_world) to company B (FR009990F0005), as its forms post it."""

from gamma.demo import CONSIGNEE_NUMBER, dae_draft, dae_sections, wine_line
from gamma.models import Movement

__all__ = ["CONSIGNEE_NUMBER", "complete_dae", "dae_sections", "wine_line"]


def complete_dae(actor, excise_number, **options) -> Movement:
    """A DAE draft with every section filled through the service, ready to validate."""
    return dae_draft(actor, excise_number, dae_sections(**options))
