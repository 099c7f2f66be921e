from django.db import migrations


class Migration(migrations.Migration):
    """Bad: drops a column the running code still reads (contract before the code stopped using it)."""

    dependencies = [("linter_app", "0001_initial")]
    operations = [migrations.RemoveField("parcel", "weight")]
