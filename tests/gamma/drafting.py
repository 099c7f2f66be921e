"""Helpers of the preparation tests: the data of each section of a complete DAE of company A
(FR008777E0001, build_world) to company B (FR009990F0005), as its forms post it."""

from gamma import services
from gamma.demo import CONSIGNEE_NUMBER, dae_sections, wine_line
from gamma.models import Movement

__all__ = ["CONSIGNEE_NUMBER", "complete_dae", "dae_sections", "wine_line"]


def complete_dae(actor, excise_number, **options) -> Movement:
    """A DAE draft with every section filled through the service, ready to validate."""
    movement = services.draft_create(actor=actor, excise_number=excise_number, kind="DAE")
    for section, data in dae_sections(**options).items():
        movement = services.draft_save_section(actor=actor, movement=movement, section=section, data=data)
    return movement
