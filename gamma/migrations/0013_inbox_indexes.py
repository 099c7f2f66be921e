"""The inbox's index: the events newest first (``gamma.inbox_state``: the first page and the unread
count read the newest events and stop early instead of sorting every event of the number).

Built CONCURRENTLY on PostgreSQL (the events table holds tens of millions of rows: a plain CREATE
INDEX would block the writes of every movement while it builds), hence a non-atomic migration; a
plain CREATE INDEX on SQLite (development, tests)."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class AddIndexConcurrentlyOnPostgres(AddIndexConcurrently):
    """``AddIndexConcurrently`` on PostgreSQL, Django's ``AddIndex`` elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return migrations.AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("gamma", "0012_verification_code")]

    operations = [
        AddIndexConcurrentlyOnPostgres(
            model_name="movementevent",
            index=models.Index(fields=["-at", "-id"], name="gamma_event_newest_idx"),
        ),
    ]
