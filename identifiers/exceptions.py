"""Why an identifier was refused: one exception class per kind of fault, each with a French message."""


class InvalidIdentifier(ValueError):
    """The value is not a valid identifier; ``message`` is shown to the user as it is."""

    code = "invalid"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class EmptyIdentifier(InvalidIdentifier):
    code = "empty"  # nothing but blanks and separators


class InvalidFormat(InvalidIdentifier):
    code = "invalid_format"  # wrong characters or wrong layout


class InvalidLength(InvalidIdentifier):
    code = "invalid_length"


class InvalidChecksum(InvalidIdentifier):
    code = "invalid_checksum"  # the check digits do not match


class InvalidComponent(InvalidIdentifier):
    code = "invalid_component"  # a part is wrong, e.g. the SIREN inside a SIRET


class ForeignIdentifier(InvalidIdentifier):
    code = "foreign"  # well formed for another member state, outside what the caller accepts
