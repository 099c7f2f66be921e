"""Load: locust headless on the main journeys (login, search movements, validate a DAE, GPS
number, EDI submit) in steps of rising users until the breaking point — a journey's p95 over
P95_LIMIT_MS or more than 1 % of failures. Prints p50/p95/p99 per journey at each step, the load
held (the last step that held) and what broke first. Promise: the first step holds."""

import csv
import json
import os
import subprocess

from conftest import SCALE, SHORT, figure
from harness import HOST, HTTP_PORT, ROOT, VENV_BIN, load_average

# The breaking point: a journey's p95 over this, or more than 1 % failures. The short run (CI, on a
# machine shared with other jobs) only checks that a small load holds, with a wider margin.
P95_LIMIT_MS = 5000 if SHORT else 2000
STEPS = [6] if SHORT else [4, 8, 16, 32, 48, 64]
STEP_SECONDS = 20 if SHORT else 40
JOURNEYS = ["login", "search movements", "validate DAE", "GPS number", "EDI submit"]


def run_step(topology, users: int, pool: list[int], seed_file, seconds: int = STEP_SECONDS) -> dict:
    """One locust run; its drafts taken from ``pool`` (about 0.17 validations per user and second)."""
    prefix = topology.dir / f"locust-{users}-{seconds}"
    share = min(len(pool), int(users * seconds * 0.3) + 10)
    drafts_file = topology.dir / f"drafts-{users}-{seconds}.txt"
    drafts_file.write_text("\n".join(map(str, pool[:share])))
    del pool[:share]
    subprocess.run(
        [
            str(VENV_BIN / "locust"), "-f", str(ROOT / "reliability" / "locustfile.py"), "--headless",
            "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--host", f"http://{HOST}:{HTTP_PORT}",
            "--csv", str(prefix), "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "10",
        ],
        cwd=ROOT, env={**os.environ, "RELIABILITY_SEED": str(seed_file), "RELIABILITY_DRAFTS": str(drafts_file)},
        capture_output=True, check=False, timeout=seconds + 120,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    with open(f"{prefix}_failures.csv") as failures:
        for row in csv.DictReader(failures):
            print(f"[load] {users} users, failed: {row['Name']}: {row['Error'][:200]} ×{row['Occurrences']}")
    return rows


def test_rising_load_until_the_breaking_point(topology):
    seed_file = topology.dir / "seed-for-locust.json"
    seed_file.write_text(json.dumps(topology.seed))
    pool = topology.take_drafts(SCALE["load_drafts"])
    held, broke, table = None, None, []
    run_step(topology, 2, pool, seed_file, seconds=6)  # warm-up, not counted: schemas, code lists
    for users in STEPS:
        load = load_average()
        rows = run_step(topology, users, pool, seed_file)
        total = rows["Aggregated"]
        failures = int(total["Failure Count"]) / max(1, int(total["Request Count"]))
        over = [name for name in JOURNEYS if name in rows and float(rows[name]["95%"] or 0) > P95_LIMIT_MS]
        line = ", ".join(
            f"{name} p50/p95/p99 {rows[name]['50%']}/{rows[name]['95%']}/{rows[name]['99%']} ms "
            f"({float(rows[name]['Requests/s']):.1f}/s)"
            for name in JOURNEYS
            if name in rows
        )
        table.append((users, float(total["Requests/s"]), failures, line, load))
        print(
            f"\n[load] {users} users: {float(total['Requests/s']):.1f} req/s, failures {failures:.1%}; {line} [{load}]"
        )
        if failures > 0.01 or over:
            broke = (users, over or [f"failures {failures:.1%}"])
            break
        held = (users, float(total["Requests/s"]), line)
    for users, rate, failures, line, load in table:
        figure(
            f"Load step {users} users ({STEP_SECONDS} s): {rate:.1f} req/s, failures {failures:.1%}; {line} "
            f"(before the step: {load})"
        )
    if held:
        figure(f"Load held: {held[0]} users, {held[1]:.1f} req/s with every journey's p95 under {P95_LIMIT_MS} ms")
    figure(
        f"Breaking point: {broke[0]} users, first broken: {', '.join(broke[1])}"
        if broke
        else f"No breaking point up to {STEPS[-1]} users"
    )
    assert held is not None, f"the first step ({STEPS[0]} users) did not hold: {table[0]}"  # steps stop at a break
