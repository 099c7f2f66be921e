"""The refusal of the fallback procedure's use cases (``FallbackError``, French, with the field it
concerns), and the refusal of a forged request, which is also logged."""

import logging

security_log = logging.getLogger("prodouane.security")

NOT_ALLOWED = "Cette opération ne vous est pas permise."


class FallbackError(Exception):
    """A refusal of the fallback procedure's rules: ``message`` is French and shown as it is,
    next to ``field`` when it names a field of the form."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _refuse_forged(actor, what: str, message: str = NOT_ALLOWED, *, field: str | None = None) -> FallbackError:
    security_log.warning("Refused forged request by %s: %s", getattr(actor, "username", actor), what)
    return FallbackError(message, field=field)
