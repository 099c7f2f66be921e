"""The topology (reliability/harness.py) is started once for the tests that ask for it (the
``topology`` fixture; the restore drill does not) and stopped at the end of the session.

``RELIABILITY_SHORT=1`` (``make reliability-short``, CI) runs every test with small numbers.
Figures are printed and, collected by ``figure()``, written to var/reliability/figures-<mode>.md."""

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import CACHE, Topology, load_average  # noqa: E402

SHORT = os.environ.get("RELIABILITY_SHORT", "") not in ("", "0")
MODE = "short" if SHORT else "full"

# Numbers of each test, short (CI) and full (the README's figures).
SCALE = {
    # About 40 validations/s over HTTP on this machine: 10,000 take 4 to 5 minutes.
    "kill_validations": int(os.environ.get("RELIABILITY_VALIDATIONS", 200 if SHORT else 10_000)),
    "kill_clients": 8 if SHORT else 16,
    "duplicates": 20 if SHORT else 50,
    "outage_validations": 60 if SHORT else 300,
    "load_drafts": 600 if SHORT else 4_000,
}
FIGURES: list[str] = []


def figure(text: str) -> None:
    """Print a figure and keep it for the session's summary."""
    line = f"{text} [{load_average()}]"
    print(f"\n[figure] {line}", flush=True)
    FIGURES.append(line)


@pytest.fixture(scope="session")
def topology():
    drafts = (
        SCALE["kill_validations"]
        + SCALE["kill_clients"]
        + 4 * SCALE["duplicates"]
        + 4 * SCALE["outage_validations"]
        + SCALE["load_drafts"]
    )
    world = Topology()
    try:
        world.start(drafts)
        yield world
    finally:
        world.close()


def pytest_sessionfinish(session, exitstatus):
    if FIGURES:
        CACHE.mkdir(parents=True, exist_ok=True)
        out = CACHE / f"figures-{MODE}.md"
        out.write_text("".join(f"- {line}\n" for line in FIGURES))
        print(f"\n[figures] {len(FIGURES)} figures written to {out}")


# The order of the run: the faults first, the load on a warm portal, the hostile inputs (which
# post forms over HTTP, nothing rolled back) last; files not named here (the restore drill) first.
ORDER = ["test_duplicates", "test_kill", "test_outages", "test_load", "test_bad_input"]


def pytest_collection_modifyitems(session, config, items):
    def rank(item) -> int:
        name = item.module.__name__.rsplit(".", 1)[-1]
        return ORDER.index(name) + 1 if name in ORDER else 0

    items.sort(key=rank)
