"""Identifiers of the domain: parse, normalise, validate and compute.

Pure Python (no model, no database). Each module exposes ``validate(value) -> str``, which returns
the compact normalised form or raises an :class:`InvalidIdentifier` carrying a French message
meant for the user, and ``is_valid(value) -> bool``.
"""

from identifiers.exceptions import (
    EmptyIdentifier,
    ForeignIdentifier,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidIdentifier,
    InvalidLength,
)

__all__ = [
    "EmptyIdentifier",
    "ForeignIdentifier",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidIdentifier",
    "InvalidLength",
]
