from django.db import migrations, models


class Migration(migrations.Migration):
    """Bad: NOT NULL without a default on an existing table (rewrites it; the old code's inserts fail)."""

    dependencies = [("linter_app", "0001_initial")]
    operations = [migrations.AddField("parcel", "office", models.CharField(max_length=8))]
