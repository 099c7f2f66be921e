"""A text column kept encrypted in the database (``prodouane.crypto``): a mail body carries
activation, password-reset and e-mail confirmation links, which nobody reading the database or
the admin may see. Python code reads and writes clear text; the column only holds Fernet tokens."""

from django.db import models

from prodouane import crypto

PURPOSE = "mail.body"
# What a body encrypted under a key no longer configured reads as; never sent (see mail.services).
UNREADABLE = "[contenu illisible : chiffré avec une clé qui n\u2019est plus configurée]"


class EncryptedTextField(models.TextField):
    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return crypto.encrypt(value, purpose=PURPOSE)

    def from_db_value(self, value, expression, connection):
        if not value or not crypto.is_encrypted(value):
            return value  # empty, or written before encryption (migration 0002 encrypts those)
        try:
            return crypto.decrypt(value, purpose=PURPOSE)
        except crypto.Unreadable:
            return UNREADABLE
