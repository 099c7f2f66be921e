"""kill -9 during validations: a gunicorn worker and the Celery mail worker are killed while
clients validate drafts over HTTP. Every acknowledged validation (the 302 to its « émis » page) is
in the database, no ARC is given twice, and every notification written in the outbox reaches the
mail server — once per Message-ID (the row's id, the same on every attempt)."""

import subprocess
import threading
import time

from checks import arcs_given_twice, assert_created_equals_delivered, drain, mail_ledger, validated
from client import in_parallel, logged_in, validate
from conftest import SCALE, figure
from harness import ROOT, VENV_BIN


def kick_sweep(topology) -> None:
    """Publish the mail sweep now (beat does it every minute) so the mail worker is busy sending."""
    subprocess.run(
        [str(VENV_BIN / "celery"), "-A", "prodouane", "call", "mail.sweep_outbox"],
        cwd=ROOT, env=topology.env(), capture_output=True, check=False, timeout=60,
    )  # fmt: skip


def test_kill_9_of_an_app_worker_and_of_a_celery_worker_loses_nothing(topology):
    seed = topology.seed
    total, clients = SCALE["kill_validations"], SCALE["kill_clients"]
    drafts = topology.take_drafts(total)
    browsers = logged_in(seed, clients)
    done = []
    lock = threading.Lock()

    def send(client, pk):
        ok, response = validate(client, seed, pk)
        if response.status == 0:  # the worker died under the request: the person clicks again
            time.sleep(0.2)
            ok, response = validate(client, seed, pk)
        with lock:
            done.append(pk)
        return pk, ok, response.status

    kills = []
    # Where the faults fall, as a share of the validations done.
    plan = [(0.2, "gunicorn"), (0.4, "celery"), (0.6, "gunicorn"), (0.8, "celery")]
    if total < 1000:
        plan = [(0.3, "gunicorn"), (0.5, "celery")]
    finished = threading.Event()

    def faults() -> None:
        for share, target in plan:
            while len(done) < share * total and not finished.is_set():
                time.sleep(0.05)
            if finished.is_set():
                return
            if target == "gunicorn":
                kills.append(("gunicorn worker", topology.kill_gunicorn_worker()))
            else:
                before = len(topology.received())
                kick_sweep(topology)
                deadline = time.monotonic() + 20
                while len(topology.received()) == before and time.monotonic() < deadline:
                    time.sleep(0.01)  # kill it while it sends
                kills.append(("celery mail worker", topology.kill_celery_worker("mail")))

    fault_thread = threading.Thread(target=faults)
    started = time.monotonic()
    fault_thread.start()
    results = in_parallel(browsers, drafts, send)
    elapsed = time.monotonic() - started
    finished.set()
    fault_thread.join()

    acknowledged = {pk for pk, ok, _ in results if ok}
    statuses = [status for _, _, status in results]
    issued = validated(topology, drafts)
    lost = acknowledged - issued.keys()
    ledger = mail_ledger(topology)
    counts = drain(topology)
    ledger = mail_ledger(topology)
    figure(
        f"kill -9 ({', '.join(name for name, _ in kills)}) during {total} validations by {clients} clients in "
        f"{elapsed:.0f} s ({total / elapsed:.1f}/s): {len(acknowledged)} acknowledged, {len(issued)} in the "
        f"database, {len(lost)} lost, {len(arcs_given_twice(topology))} ARC twice; server errors "
        f"{sum(1 for s in statuses if s >= 500)}; mails created {ledger['created']} = received "
        f"{ledger['received']} (SMTP deliveries {ledger['deliveries']}, resent after a kill "
        f"{ledger['deliveries'] - ledger['received']})"
    )
    assert len(kills) == len(plan), kills
    assert not lost, f"acknowledged but not in the database: {sorted(lost)[:20]}"
    assert not arcs_given_twice(topology)
    assert all(status < 500 for status in statuses), sorted(set(statuses))
    assert len(acknowledged) >= total * 0.95, f"only {len(acknowledged)} of {total} acknowledged"
    assert counts.get("pending", 0) == 0, counts
    assert_created_equals_delivered(ledger)
