"""What the tests check in the database and at the mail server, and the outbox drained."""

import subprocess
import time

from harness import PYTHON, ROOT, Topology

# A final sweep dated this far ahead takes the rows leased by a worker killed mid-send (2 min lease)
# and those waiting for their next attempt after a refusal (30 s, 1 min … backoff), without waiting
# for them in real time.
SWEEP_AHEAD_MINUTES = 10

SWEEP = f"""
import datetime, os, sys
sys.path.insert(0, {str(ROOT)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
import django
django.setup()
from django.utils import timezone
from mail.services import deliver_due
ahead = datetime.timedelta(minutes=int(sys.argv[1]))
total = 0
while True:
    sent, failing = deliver_due(now=timezone.now() + ahead)
    total += sent
    if sent + failing == 0 or failing:
        break
print(total)
"""


def validated(topology: Topology, pks: list[int]) -> dict[int, str]:
    """Of ``pks``, the movements issued (out of draft): their ARC."""
    rows = topology.sql("SELECT id, arc FROM gamma_movement WHERE id = ANY(%s) AND status <> 'draft'", [list(pks)])
    return dict(rows)


def arcs_given_twice(topology: Topology) -> list[tuple]:
    return topology.sql(
        "SELECT arc, count(*) FROM gamma_movement WHERE arc IS NOT NULL GROUP BY arc HAVING count(*) > 1"
    )


def outbox(topology: Topology) -> dict[str, int]:
    return dict(topology.sql("SELECT status, count(*) FROM mail_outboxmessage GROUP BY status"))


def drain(topology: Topology, seconds: float = 180) -> dict[str, int]:
    """Sweeps the outbox (dated ahead) until nothing is pending; the counts by status."""
    deadline = time.monotonic() + seconds
    while True:
        counts = outbox(topology)
        if not counts.get("pending") or time.monotonic() > deadline:
            return counts
        subprocess.run(
            [str(PYTHON), "-c", SWEEP, str(SWEEP_AHEAD_MINUTES)],
            cwd=ROOT, env=topology.env(), check=False, capture_output=True, timeout=300,
        )  # fmt: skip
        time.sleep(1)


def mail_ledger(topology: Topology) -> dict:
    """Outbox rows against messages received, by Message-ID (``<outbox-<id>@…>``, the same on every
    attempt): ``created``, ``sent``, ``received`` (distinct Message-IDs), ``deliveries`` (every
    SMTP acceptance, a resend after a kill included), ``missing`` and ``unknown`` ids."""
    rows = dict(topology.sql("SELECT id, status FROM mail_outboxmessage"))
    expected = {f"<outbox-{pk}@prodouane.douane.gouv.fr>": pk for pk in rows}
    received = [message["message_id"] for message in topology.received()]
    distinct = set(received)
    return {
        "created": len(rows),
        "sent": sum(1 for status in rows.values() if status == "sent"),
        "failed": sum(1 for status in rows.values() if status == "failed"),
        "received": len(distinct & expected.keys()),
        "deliveries": len(received),
        "missing": sorted(expected[m] for m in expected.keys() - distinct),
        "unknown": sorted(distinct - expected.keys()),
    }


def assert_created_equals_delivered(ledger: dict) -> None:
    assert not ledger["missing"], f"{len(ledger['missing'])} outbox rows never received: {ledger['missing'][:20]}"
    assert not ledger["unknown"], f"messages received that no outbox row wrote: {ledger['unknown'][:5]}"
    assert ledger["failed"] == 0, ledger
    assert ledger["created"] == ledger["sent"] == ledger["received"], ledger
