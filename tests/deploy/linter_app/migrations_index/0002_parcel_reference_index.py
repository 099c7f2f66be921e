from django.db import migrations, models


class Migration(migrations.Migration):
    """Bad on PostgreSQL: CREATE INDEX without CONCURRENTLY blocks writes to the table while it builds."""

    dependencies = [("linter_app", "0001_initial")]
    operations = [migrations.AddIndex("parcel", models.Index(fields=["reference"], name="parcel_reference_idx"))]
