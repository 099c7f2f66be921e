from django.db import migrations, models


class Migration(migrations.Migration):
    """Expand: a nullable column, then a new table: nothing locked, the running code unaffected."""

    dependencies = [("linter_app", "0001_initial")]
    operations = [
        migrations.AddField("parcel", "note", models.CharField(max_length=100, null=True)),
        migrations.CreateModel(
            name="Label",
            fields=[("id", models.BigAutoField(primary_key=True, serialize=False))],
        ),
    ]
