"""The refusals of GAMMA's preparation use cases, each with a French message that may be shown as
it is: ``Refused`` (rights, status), ``InvalidSection`` (a section's data, field by field) and
``InvalidMovement`` (every fault of a draft at validation)."""

from __future__ import annotations

from gamma import rules, sections


class GammaError(Exception):
    """A French message that may be shown as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Refused(GammaError):
    """The actor may not do this (right, status, another company's movement)."""


class InvalidSection(GammaError):
    """The data of a section cannot be saved: ``errors`` maps each field path to its messages;
    ``bound`` is the section's forms bound to the data, to show them again."""

    def __init__(self, errors: dict[str, list[str]], bound: sections.Bound | None = None) -> None:
        super().__init__("Certaines données ne peuvent pas être enregistrées : corrigez les champs signalés.")
        self.errors = errors
        self.bound = bound


class InvalidMovement(GammaError):
    """The draft cannot be validated: every fault at once (``rules.RuleError``: code, field path,
    message)."""

    def __init__(self, errors: list[rules.RuleError]) -> None:
        count = len(errors)
        super().__init__(f"Le document n'est pas émis : {count} erreur{'s' if count > 1 else ''} à corriger.")
        self.errors = errors
