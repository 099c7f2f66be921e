class FallbackError(Exception):
    """A refusal of the fallback procedure's rules: ``message`` is French and shown as it is,
    next to ``field`` when it names a field of the form."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
