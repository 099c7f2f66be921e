"""PostgreSQL: drop the ``varchar_pattern_ops`` ("_like") indexes Django adds beside the SIREN and
SIRET indexes.

They only serve ``LIKE 'prefix%'`` queries, which nothing does on these keys (look-ups are exact),
and the monthly SIRENE import of tens of millions of rows had to maintain them: they doubled the
cost of every upsert. Django drops them with ``IF EXISTS`` if a later migration alters the field."""

from django.db import migrations

TABLES = ("register_legalunit", "register_establishment")


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY(%s) AND indexname LIKE %s",
            [list(TABLES), "%\\_like"],
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for table, column in (
            ("register_legalunit", "siren"),
            ("register_establishment", "siret"),
            ("register_establishment", "siren"),
        ):
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_{column}_like ON {table} ({column} varchar_pattern_ops)"
            )


class Migration(migrations.Migration):
    dependencies = [("register", "0003_product_categories")]

    operations = [migrations.RunPython(drop_like_indexes, create_like_indexes)]
