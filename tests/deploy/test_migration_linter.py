"""The migration check of `make quality` (deploy/lint_migrations.py) passes on the project and fails
on a new migration that would lock a table or break the running code, on SQLite and PostgreSQL."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
SCRIPT = BASE_DIR / "deploy" / "lint_migrations.py"
BASELINE = BASE_DIR / "deploy" / "migration-baseline.txt"


def lint(tmp_path, variant=None):
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    args = [sys.executable, str(SCRIPT)]
    if variant:
        # the throwaway app's first migration is old (in the baseline), its second is the new one
        baseline = tmp_path / "baseline.txt"
        baseline.write_text(BASELINE.read_text() + "linter_app.0001_initial\n")
        args += ["--baseline", str(baseline), "--app", "linter_app"]
        env.update(DJANGO_SETTINGS_MODULE="tests.deploy.linter_settings", LINTER_MIGRATIONS=variant)
    result = subprocess.run(args, cwd=BASE_DIR, env=env, capture_output=True, text=True)  # noqa: S603 - fixed arguments
    return result.returncode, result.stdout + result.stderr


def test_the_project_s_migrations_pass_with_the_baseline(tmp_path):
    code, output = lint(tmp_path)
    assert code == 0, output
    assert "Erroneous migrations: 0/" in output


def test_every_project_migration_is_either_in_the_baseline_or_linted(tmp_path):
    """Without the baseline, the old migrations have findings: the baseline is what keeps them out."""
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = subprocess.run(  # noqa: S603 - this interpreter and fixed arguments
        [sys.executable, str(SCRIPT), "--baseline", str(empty)], cwd=BASE_DIR, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "(accounts, 0002_account_details)... ERR" in result.stdout


@pytest.mark.parametrize(
    ("variant", "migration"), [("ok", "0002_parcel_note"), ("db_default", "0002_parcel_next_attempt_at")]
)
def test_a_safe_expand_migration_passes(tmp_path, variant, migration):
    code, output = lint(tmp_path, variant)
    assert code == 0, output
    assert "Valid migrations: 1/" in output and "Erroneous migrations: 0/" in output
    assert f"(linter_app, {migration})... ERR" not in output


@pytest.mark.parametrize(
    ("variant", "migration", "finding"),
    [
        ("not_null", "0002_parcel_office", "parcel.office is NOT NULL without db_default"),
        ("drop_column", "0002_remove_parcel_weight", "DROPPING columns"),
        ("index", "0002_parcel_reference_index", "AddIndex on parcel locks it"),
    ],
)
def test_a_migration_that_locks_or_breaks_fails_the_check(tmp_path, variant, migration, finding):
    code, output = lint(tmp_path, variant)
    assert code == 1, output
    assert f"(linter_app, {migration})... ERR" in output
    assert finding in output
