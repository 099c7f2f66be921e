from django.apps import AppConfig


class LinterAppConfig(AppConfig):
    """A throwaway app, installed only by tests/deploy/linter_settings.py, whose migrations show what
    the migration linter (deploy/lint_migrations.py) accepts and refuses."""

    name = "tests.deploy.linter_app"
    label = "linter_app"
    default_auto_field = "django.db.models.BigAutoField"
