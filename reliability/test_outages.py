"""Outages under load: PostgreSQL stopped (``pg_ctl stop -m immediate``) and restarted, Redis
stopped, RabbitMQ stopped, the mail server answering 451 then stopped. The portal answers a French
503 while the database is away and comes back by itself; without Redis, RabbitMQ or the mail
server it keeps serving; nothing acknowledged is lost and every mail written goes out once the
outage ends (created = delivered)."""

import threading
import time

from checks import arcs_given_twice, assert_created_equals_delivered, drain, mail_ledger, validated
from client import Client, logged_in, validate
from conftest import SCALE, SHORT, figure
from test_kill import kick_sweep

# Longer than the pool's wait for a connection (DATABASE_POOL_TIMEOUT, 10 s), with a margin: a request
# begun just after the stop gets its 503 at 10 s, while the database is still away.
OUTAGE_SECONDS = 15 if SHORT else 20


class Load:
    """Clients validating drafts and reading the movements' search page in a loop, each answer
    recorded with its times (``samples``: (start, end, kind, status, French 503?), monotonic)."""

    def __init__(self, topology, clients: int, drafts: list[int]) -> None:
        self.topology = topology
        self.seed = topology.seed
        self.browsers = logged_in(self.seed, clients)
        self.drafts = list(reversed(drafts))
        self.acknowledged: set[int] = set()
        self.samples: list[tuple] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(b, i)) for i, b in enumerate(self.browsers)]

    def run(self, browser: Client, index: int) -> None:
        search = f"/gamma/{self.seed['consignor']}/mouvements/"
        while not self.stop.is_set():
            begun = time.monotonic()
            with self.lock:
                pk = self.drafts.pop() if self.drafts and index % 2 == 0 else None
            if pk is not None:
                ok, response = validate(browser, self.seed, pk)
                kind = "validation"
                if ok:
                    with self.lock:
                        self.acknowledged.add(pk)
                elif response.status != 503:
                    with self.lock:
                        self.drafts.insert(0, pk)  # not taken: tried again later
            else:
                response = browser.request("GET", search)
                kind = "page"
            french = response.status == 503 and "Service momentanément indisponible" in response.text
            with self.lock:
                self.samples.append((begun, time.monotonic(), kind, response.status, french))
            time.sleep(0.05)

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def between(self, start: float, end: float) -> list[tuple]:
        with self.lock:
            return [s for s in self.samples if start <= s[1] <= end]

    def begun_after(self, moment: float) -> list[tuple]:
        with self.lock:
            return [s for s in self.samples if s[0] >= moment]


def test_postgresql_stopped_and_restarted_under_load(topology):
    drafts = topology.take_drafts(SCALE["outage_validations"])
    with Load(topology, 6, drafts) as load:
        time.sleep(3)
        down = time.monotonic()
        topology.stop_postgres(immediate=True)
        time.sleep(OUTAGE_SECONDS)
        topology.start_postgres()
        restarted = time.monotonic()
        back = None
        while time.monotonic() < restarted + 60:
            recent = [s for s in load.between(restarted, time.monotonic()) if s[3] in (200, 302)]
            if recent:
                back = recent[0][1]
                break
            time.sleep(0.1)
        time.sleep(3)
    # Answers while the database was away: a request waits for a connection from the pool up to
    # DATABASE_POOL_TIMEOUT (10 s), then gets the 503 page; one begun before the stop may end well.
    during = load.between(down, restarted + 1)
    statuses = [s[3] for s in during]
    slowest = max((s[1] - s[0] for s in during), default=0)
    after = load.begun_after(back) if back else []
    issued = validated(topology, drafts)
    lost = load.acknowledged - issued.keys()
    figure(
        f"PostgreSQL stopped (-m immediate) {OUTAGE_SECONDS} s under load: {len(during)} answers meanwhile, "
        f"{statuses.count(503)} French 503 (the slowest after {slowest:.1f} s), "
        f"{sum(1 for s in statuses if s >= 500 and s != 503)} other 5xx; "
        f"back {back - restarted if back else float('nan'):.1f} s after the restart by itself; "
        f"{len(load.acknowledged)} validations acknowledged, {len(lost)} lost"
    )
    assert during, "no answer during the outage"
    assert all(status == 503 for status in statuses if status >= 500), sorted(set(statuses))
    assert 0 not in statuses, "connections refused or cut: gunicorn must keep answering"
    assert 503 in statuses, "no 503 page while the database was away"
    assert all(french for *_, status, french in during if status == 503), "a 503 without the French page"
    assert back is not None, "the portal did not come back within 60 s of the restart"
    assert after and all(s[3] in (200, 302) for s in after), sorted({s[3] for s in after})
    assert not lost and not arcs_given_twice(topology)


def test_redis_down_the_portal_keeps_serving(topology):
    seed = topology.seed
    browser = logged_in(seed, 1)[0]
    pages = ["/", f"/gamma/{seed['consignor']}/mouvements/", "/gps/", "/gps/suivi/"]
    drafts = topology.take_drafts(4)
    topology.stop_redis()
    try:
        answers = [browser.request("GET", page).status for page in pages]
        fresh = Client()
        logged = fresh.login(seed["user"], seed["password"], attempts=1)  # rate limits read the cache
        validations = [validate(browser, seed, pk)[0] for pk in drafts]
    finally:
        topology.start_redis()
    after = [browser.request("GET", page).status for page in pages]
    figure(
        f"Redis stopped: pages {answers}, a login {'succeeds' if logged else 'FAILS'}, "
        f"{sum(validations)}/{len(drafts)} validations acknowledged; after its restart {after}"
    )
    assert answers == [200] * len(pages) and logged and all(validations), (answers, logged, validations)
    assert after == [200] * len(pages)


def test_rabbitmq_down_messages_wait_in_the_outbox_then_all_go_out(topology):
    seed = topology.seed
    browser = logged_in(seed, 1)[0]
    drafts = topology.take_drafts(SCALE["outage_validations"] // 3)
    before = mail_ledger(topology)["created"]
    topology.stop_rabbitmq()
    try:
        started = time.monotonic()
        results = [validate(browser, seed, pk) for pk in drafts]
        elapsed = time.monotonic() - started
        pages = [browser.request("GET", page).status for page in ("/", "/gps/", f"/gamma/{seed['consignor']}/")]
        waiting = mail_ledger(topology)
    finally:
        topology.start_rabbitmq()
    kick_sweep(topology)  # the workers reconnect by themselves; beat would sweep within the minute
    drain(topology)
    ledger = mail_ledger(topology)
    figure(
        f"RabbitMQ stopped: {sum(ok for ok, _ in results)}/{len(drafts)} validations acknowledged "
        f"({elapsed / len(drafts) * 1000:.0f} ms each), pages {pages}; {waiting['created'] - before} mails "
        f"waiting in the outbox; after the restart created {ledger['created']} = received {ledger['received']}"
    )
    assert all(ok for ok, _ in results), [r.status for _, r in results]
    assert pages == [200, 200, 200]
    assert waiting["created"] - before >= len(drafts)
    assert_created_equals_delivered(ledger)


def test_smtp_refusing_then_stopped_mails_wait_then_all_go_out(topology):
    seed = topology.seed
    browser = logged_in(seed, 1)[0]
    drafts = topology.take_drafts(SCALE["outage_validations"] // 3)
    half = len(drafts) // 2
    topology.smtp_refuse()
    refused = [validate(browser, seed, pk)[0] for pk in drafts[:half]]
    kick_sweep(topology)
    time.sleep(3)
    attempts_451 = topology.sql("SELECT count(*) FROM mail_outboxmessage WHERE last_error LIKE '%%451%%'")[0][0]
    topology.stop_smtp()
    stopped = [validate(browser, seed, pk)[0] for pk in drafts[half:]]
    kick_sweep(topology)
    time.sleep(3)
    pages = [browser.request("GET", page).status for page in ("/", "/gps/", f"/gamma/{seed['consignor']}/")]
    pending = mail_ledger(topology)
    topology.start_smtp()
    drain(topology)
    ledger = mail_ledger(topology)
    figure(
        f"SMTP answering 451 then stopped: {sum(refused) + sum(stopped)}/{len(drafts)} validations acknowledged, "
        f"pages {pages}, {attempts_451} mails refused with 451 then waiting; {pending['created'] - pending['sent']} "
        f"pending during the outage; after recovery created {ledger['created']} = received {ledger['received']}"
    )
    assert all(refused) and all(stopped) and pages == [200, 200, 200]
    assert pending["created"] > pending["sent"]
    assert_created_equals_delivered(ledger)
