"""The field helpers of the movement models: a free text, and the EMCS language code (BC12) kept
beside it so that a message read from outside is written back unchanged."""

from django.db import models

LANGUAGE_DEFAULT = "fr"


def _text(label: str, max_length: int) -> models.CharField:
    return models.CharField(label, max_length=max_length, blank=True)


def _language() -> models.CharField:
    # EMCS language code (BC12) of the text beside it; blank when the message had none.
    return models.CharField("langue", max_length=2, blank=True, default=LANGUAGE_DEFAULT)
