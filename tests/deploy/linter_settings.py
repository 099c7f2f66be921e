"""The project's settings plus tests/deploy/linter_app, whose migrations module is chosen by
LINTER_MIGRATIONS (ok, db_default, not_null, drop_column, index): for the migration linter's tests only."""

import os

from prodouane.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.deploy.linter_app.apps.LinterAppConfig"]  # noqa: F405
MIGRATION_MODULES = {"linter_app": f"tests.deploy.linter_app.migrations_{os.environ['LINTER_MIGRATIONS']}"}
