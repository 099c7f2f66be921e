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
    from django.apps import apps

    return {config.label for config in apps.get_app_configs() if Path(config.path).resolve().is_relative_to(BASE_DIR)}


def index_issues(migration):
    """Indexes built or dropped in place on a table that already exists, whatever the database:
    the SQL checks see them on PostgreSQL only (SQLite's SQL has no CONCURRENTLY to look for)."""
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
        elif isinstance(operation, migrations.AddField) and operation.field.db_index:  # ForeignKey's default
            issues.append(
                Issue(
                    code="INDEX_LOCKS_TABLE",
                    message=f"AddField {model}.{operation.name} builds an index in place "
                    f"(db_index or ForeignKey): db_index=False there, then {advice}",
                )
            )
    return issues


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
    args = parser.parse_args(argv)

    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
    import django

    django.setup()
    from django.db.migrations.loader import MigrationLoader
    from django_migration_linter import MigrationLinter

    apps = project_apps()
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
            return errors + index_issues(migration), ignored, warnings

    linter = BaselineLinter(
        str(BASE_DIR),
        include_apps=sorted(apps),
        no_cache=True,
        warnings_as_errors_tests=LOCKING_WARNINGS,
        quiet=["ignore"],
    )
    linter.lint_all_migrations()
    linter.print_summary()
    return 1 if linter.has_errors else 0


if __name__ == "__main__":
    sys.exit(main())
