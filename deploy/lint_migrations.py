"""Fail on a new migration that would lock a big table or break the running code (issue 13).

Runs django-migration-linter on the project's own migrations that are newer than the baseline
(``deploy/migration-baseline.txt``: the migrations that existed when the check came in, one
``app_label.name`` a line; they ran long ago and are not linted again). A new migration must be
backward compatible and cheap (expand/contract, deploy/README.md): no column or table dropped or
renamed, no NOT NULL column without a default on an existing table, no column type changed, no
unique constraint added in place; on PostgreSQL no index built or dropped without CONCURRENTLY.

    python deploy/lint_migrations.py                    # lint (make quality, make linter)
    python deploy/lint_migrations.py --write-baseline   # record every current migration as old

Works on SQLite (the default) and PostgreSQL (DATABASE_URL): the SQL linted is what ``sqlmigrate``
generates for the database configured. A migration known to be safe on a small table can say so
with django_migration_linter's ``IgnoreMigration()`` operation, reviewed like any other code.
"""

import argparse
import os
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_BASELINE = BASE_DIR / "deploy" / "migration-baseline.txt"
# Warnings that are errors here: an index built or dropped without CONCURRENTLY locks the table
# against writes for as long as it takes (PostgreSQL only: SQLite has no such check).
LOCKING_WARNINGS = ["CREATE_INDEX", "DROP_INDEX", "REINDEX"]


def project_apps():
    """The apps whose code is the project's: under BASE_DIR, but not in the virtual environment,
    which a fresh checkout holds inside it (``.venv``: allauth's migrations are not ours to lint)."""
    from django.apps import apps

    environment = Path(sys.prefix).resolve()

    def ours(path: Path) -> bool:
        return path.is_relative_to(BASE_DIR) and not path.is_relative_to(environment)

    return {config.label for config in apps.get_app_configs() if ours(Path(config.path).resolve())}


def operation_issues(migration):
    """What the migration's operations say, whatever the database: indexes built or dropped in place
    on a table that already exists (the SQL checks see them on PostgreSQL only: SQLite's SQL has no
    CONCURRENTLY to look for), and a NOT NULL column added without a database default (the code
    still running during the deploy inserts rows without it: they would fail)."""
    from django.contrib.postgres.operations import AddIndexConcurrently, RemoveIndexConcurrently
    from django.db import migrations
    from django_migration_linter.sql_analyser.base import Issue

    created = set()
    issues = []
    advice = "use AddIndexConcurrently / RemoveIndexConcurrently in a migration with atomic = False"
    for operation in migration.operations:
        if isinstance(operation, migrations.CreateModel):
            created.add(operation.name_lower)
            continue
        model = getattr(operation, "model_name_lower", None)
        if model in created:
            continue
        if isinstance(operation, migrations.AddIndex) and not isinstance(operation, AddIndexConcurrently):
            issues.append(Issue(code="INDEX_LOCKS_TABLE", message=f"AddIndex on {model} locks it: {advice}"))
        elif isinstance(operation, migrations.RemoveIndex) and not isinstance(operation, RemoveIndexConcurrently):
            issues.append(Issue(code="INDEX_LOCKS_TABLE", message=f"RemoveIndex on {model} locks it: {advice}"))
        elif isinstance(operation, migrations.AddField) and not_null_without_db_default(operation.field):
            issues.append(
                Issue(
                    code="NOT_NULL_WITHOUT_DB_DEFAULT",
                    message=f"AddField {model}.{operation.name} is NOT NULL without db_default: the running code's "
                    "inserts would fail; add it with db_default=…, or nullable first (expand/contract)",
                )
            )
        if isinstance(operation, migrations.AddField) and model not in created and operation.field.db_index:
            # db_index: a ForeignKey's default too
            issues.append(
                Issue(
                    code="INDEX_LOCKS_TABLE",
                    message=f"AddField {model}.{operation.name} builds an index in place "
                    f"(db_index or ForeignKey): db_index=False there, then {advice}",
                )
            )
    return issues


def not_null_without_db_default(field) -> bool:
    from django.db.models import NOT_PROVIDED

    return not field.null and not field.many_to_many and field.db_default is NOT_PROVIDED


def read_baseline(path: Path) -> set[tuple[str, str]]:
    baseline = set()
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            app_label, _, name = line.partition(".")
            baseline.add((app_label, name))
    return baseline


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=DEFAULT_BASELINE)
    parser.add_argument("--write-baseline", action="store_true")
    parser.add_argument("--app", action="append", help="lint only this app's migrations (repeatable)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    import django

    django.setup()
    from django.db.migrations.loader import MigrationLoader
    from django_migration_linter import MigrationLinter

    apps = project_apps()
    if args.app:
        apps &= set(args.app)
    if args.write_baseline:
        loader = MigrationLoader(None, ignore_no_migrations=True)
        names = sorted(f"{app}.{name}" for app, name in loader.disk_migrations if app in apps)
        args.baseline.write_text(
            "# Migrations older than the migration linter (deploy/lint_migrations.py): not linted.\n"
            + "\n".join(names)
            + "\n"
        )
        print(f"{len(names)} migrations written to {args.baseline}")
        return 0

    baseline = read_baseline(args.baseline)

    class BaselineLinter(MigrationLinter):
        def should_ignore_migration(self, app_label, migration_name, operations=(), is_initial=False):
            return (app_label, migration_name) in baseline or super().should_ignore_migration(
                app_label, migration_name, operations, is_initial
            )

        def analyse_data_migration(self, migration):
            errors, ignored, warnings = super().analyse_data_migration(migration)
            return errors + operation_issues(migration), ignored, warnings

    from django.db import connection

    linter = BaselineLinter(
        str(BASE_DIR),
        include_apps=sorted(apps),
        no_cache=True,
        # SQLite rebuilds a table for most changes, and its analyser then reports every NOT NULL
        # column of it: NOT_NULL_WITHOUT_DB_DEFAULT above says the same as on PostgreSQL instead.
        exclude_migration_tests=["NOT_NULL"] if connection.vendor == "sqlite" else [],
        warnings_as_errors_tests=LOCKING_WARNINGS,
        quiet=["ignore"],
    )
    linter.lint_all_migrations()
    linter.print_summary()
    return 1 if linter.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
