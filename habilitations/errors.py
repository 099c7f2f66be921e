"""The refusal every habilitation use case raises (``HabilitationError``, a French message and
the field it concerns), and the refusal of a forged request, which is also logged."""

import logging

security_log = logging.getLogger("prodouane.security")


class HabilitationError(Exception):
    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class HabilitationErrors(HabilitationError):
    """Several refusals found in one pass (every row of the table, every section of the form), so
    that the form lists them all at once; reads as the first one where one is expected."""

    def __init__(self, errors: list[HabilitationError]) -> None:
        super().__init__(errors[0].message, field=errors[0].field)
        self.errors = errors


def _refuse_forged(actor, what: str, message: str = "Cette opération ne vous est pas permise.") -> HabilitationError:
    security_log.warning("Refused forged request by %s: %s", getattr(actor, "username", actor), what)
    return HabilitationError(message)
