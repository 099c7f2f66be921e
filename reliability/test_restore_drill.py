"""The restore drill (deploy/backup/restore-drill.sh) run for real: a private PostgreSQL 15 primary
archiving through pgBackRest, a full backup, movements written before and after a time T, a
point-in-time restore to T on another port, and the drill's checks. About a minute each, as root
(the clusters run as the ``postgres`` OS user), with Debian's pgbackrest (installed when missing).

Not in ``make test`` (testpaths is ``tests``): ``.venv/bin/pytest -n 0 reliability/test_restore_drill.py``.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DRILL = ROOT / "deploy" / "backup" / "restore-drill.sh"
ROWS_BEFORE = 120
ROWS_AFTER = 30

pytestmark = pytest.mark.reliability


def run_drill(**env: str) -> tuple[subprocess.CompletedProcess, dict[str, str]]:
    environment = {
        **os.environ,
        "PYTHON": sys.executable,
        "DRILL_INSTALL": "1",
        "DRILL_ROWS_BEFORE": str(ROWS_BEFORE),
        "DRILL_ROWS_AFTER": str(ROWS_AFTER),
        **env,
    }
    # The portal's own settings, not a test clock or another database, for the drill's manage.py.
    for name in ("DATABASE_URL", "PRODOUANE_TEST_CLOCK", "DRILL_DIR", "DRILL_RESTORE_TO"):
        if name not in env:
            environment.pop(name, None)
    result = subprocess.run(
        ["/bin/bash", str(DRILL)], env=environment, capture_output=True, text=True, timeout=900, check=False
    )
    figures = dict(re.findall(r"(\w+)=(\S+)", "\n".join(re.findall(r"^RESULT (.*)$", result.stdout, re.M))))
    return result, figures


def working_dir(result: subprocess.CompletedProcess) -> Path:
    return Path(re.search(r"primary cluster: (\S+)/primary, port", result.stdout).group(1))


def answers(port: int) -> bool:
    return (
        subprocess.run(
            ["/usr/lib/postgresql/15/bin/pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)], check=False
        ).returncode
        == 0
    )


def test_a_point_in_time_restore_gives_back_the_database_as_it_was_at_t():
    result, figures = run_drill()
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    # The movements written before T (plus the demo's) are back, those written after T are not.
    assert int(figures["movements_at_t"]) >= ROWS_BEFORE, output
    assert figures["movements_restored"] == figures["movements_at_t"], output
    assert figures["written_after_t"] == str(ROWS_AFTER), output
    assert figures["after_t_restored"] == "0", output
    assert re.fullmatch(r"26FRDRILLB\d{10}0", figures["last_arc_at_t"]), output
    assert figures["last_arc_restored"] == figures["last_arc_at_t"] == f"26FRDRILLB{ROWS_BEFORE - 1:010d}0", output
    # Every table of the schema was compared, and the recovery stopped at the target and promoted.
    assert int(figures["tables"]) > 50, output
    assert "MISMATCH" not in output
    assert "recovery stopping before commit" in output
    assert "recovery_target_action = 'promote'" in output
    # The WAL was archived without failure, and a base backup was made.
    assert int(figures["wal_archived"]) >= 1 and figures["wal_failed"] == "0", output
    assert int(figures["backup_repo_bytes"]) > 0 and figures["cipher"] == "aes-256-cbc", output
    # Cleaned up: both clusters stopped, the working directory removed, the machine's own cluster untouched.
    assert not working_dir(result).exists()
    assert not answers(5497) and not answers(5498)


def test_the_drill_fails_when_the_restore_is_not_at_t():
    """Restored to the end of the archive instead of T, the movements written after T are back:
    the drill must say so and exit non-zero (its checks can fail), and still clean up."""
    result, figures = run_drill(DRILL_RESTORE_TO="end")
    output = result.stdout + result.stderr

    assert result.returncode == 1, output
    assert figures["after_t_restored"] == str(ROWS_AFTER), output
    assert int(figures["movements_restored"]) == int(figures["movements_at_t"]) + ROWS_AFTER, output
    assert figures["last_arc_restored"] == f"26FRDRILLA{ROWS_AFTER - 1:010d}0", output
    assert "MISMATCH: the row counts of the restored tables differ from those at T" in output
    assert "FAILED: the restored database is not the database at T" in output
    assert not working_dir(result).exists()
    assert not answers(5497) and not answers(5498)
