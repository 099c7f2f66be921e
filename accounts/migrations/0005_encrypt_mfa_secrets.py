"""TOTP secrets and recovery codes' seeds written in clear before ``accounts.adapter.MFAAdapter``
are encrypted in place (the adapter still reads clear ones, so this may run any time)."""

from django.db import migrations

from prodouane import crypto

PURPOSE = "mfa.secret"  # accounts.adapter.MFAAdapter.PURPOSE
SECRET_KEYS = {"totp": "secret", "recovery_codes": "seed"}


def encrypt_existing(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=SECRET_KEYS).iterator():
        key = SECRET_KEYS[authenticator.type]
        value = authenticator.data.get(key)
        if value and not crypto.is_encrypted(value):
            authenticator.data[key] = crypto.encrypt(value, purpose=PURPOSE)
            authenticator.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_company_claim"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_existing, migrations.RunPython.noop)]
