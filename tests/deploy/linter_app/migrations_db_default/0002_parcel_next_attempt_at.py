import django.utils.timezone
from django.db import migrations, models
from django.db.models.functions import Now


class Migration(migrations.Migration):
    """Expand: NOT NULL with a default kept by the database: the old code's inserts still work."""

    dependencies = [("linter_app", "0001_initial")]
    operations = [
        migrations.AddField(
            "parcel", "next_attempt_at", models.DateTimeField(default=django.utils.timezone.now, db_default=Now())
        ),
    ]
