"""The account's company link becomes a claim (claimed → confirmed / refused). Existing links
were trusted until now (they gave the company's data and rights): they are marked confirmed, so
nobody loses access on deployment; new registrations and changes of company start claimed."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def confirm_existing_links(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.exclude(siret="").update(siret_status="confirmed", siret_decided_at=django.utils.timezone.now())


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_user_customs_office"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="siret_status",
            field=models.CharField(
                choices=[("claimed", "à confirmer"), ("confirmed", "confirmé"), ("refused", "refusé")],
                default="claimed",
                max_length=10,
                verbose_name="état du rattachement",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="siret_claimed_at",
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name="rattachement demandé le"),
        ),
        migrations.AddField(
            model_name="user",
            name="siret_decided_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="rattachement confirmé ou refusé le"),
        ),
        migrations.AddField(
            model_name="user",
            name="siret_decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="rattachement confirmé ou refusé par",
            ),
        ),
        migrations.RunPython(confirm_existing_links, migrations.RunPython.noop),
    ]
