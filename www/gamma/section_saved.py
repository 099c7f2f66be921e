"""The message after a section of a draft is saved (issue 12): one coherent message. A section
saved but still holding what the validation refuses is a warning that says how many points remain
(the very count the task list shows beside it), never a green success next to « N points à
corriger »."""

from __future__ import annotations

from django.contrib import messages

from gamma import sections, services
from gamma.models import Movement


def remaining_points(movement: Movement, section: sections.Section) -> int:
    """What the task list counts beside the section: the validation's errors it owns."""
    return sum(1 for error in services.movement_errors(services.prefetched(movement)) if section.owns(error.field))


def announce_saved(request, movement: Movement, section: sections.Section) -> None:
    remaining = remaining_points(movement, section)
    if not remaining:
        messages.success(request, f"Rubrique « {section.title} » enregistrée.")
        return
    plural = "s" if remaining > 1 else ""
    messages.warning(
        request,
        f"Rubrique « {section.title} » enregistrée, mais incomplète : {remaining} point{plural} à corriger "
        "avant d'émettre le document.",
    )
