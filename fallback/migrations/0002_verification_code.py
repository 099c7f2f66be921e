"""A random check code for every FallbackDocument (the QR code of the printed document): the rows already
there get one each, then the column is unique and filled by default."""

from django.db import migrations, models

import identifiers.check_code


def fill_codes(apps, schema_editor):
    Model = apps.get_model("fallback", "FallbackDocument")
    for pk in Model.objects.filter(verification_code__isnull=True).values_list("pk", flat=True).iterator():
        Model.objects.filter(pk=pk).update(verification_code=identifiers.check_code.new())


class Migration(migrations.Migration):
    dependencies = [("fallback", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="fallbackdocument",
            name="verification_code",
            field=models.CharField(editable=False, max_length=20, null=True, verbose_name="code de vérification"),
        ),
        migrations.RunPython(fill_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="fallbackdocument",
            name="verification_code",
            field=models.CharField(
                default=identifiers.check_code.new,
                editable=False,
                max_length=20,
                unique=True,
                verbose_name="code de vérification",
            ),
        ),
    ]
