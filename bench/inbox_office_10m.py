# ruff: noqa: E402, E501, E731, RUF046 (Django set up before its imports; a measuring script)
"""The inbox and the office's search on the 10 M movements of ``bench/movements_10m.py`` (branch
h/sizing fills the database), as their pages call them: p50 / p95 of the call and of its database
time (Django's ``execute_wrapper``), for the big (rank 1), medium (100) and small (20,000) numbers
and the big number's office (its agent ``bench.agent``, made by the 10 M bench).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_movements \
        .venv/bin/python bench/inbox_office_10m.py [inbox] [office]     # REPEAT=20 by default
"""

import datetime as dt
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prodouane.settings")
os.environ["DEBUG"] = "0"
import django

django.setup()
from django.core.paginator import Paginator
from django.db import connection

from accounts.models import User
from gamma import inbox_state
from gamma.actions import office as office_actions
from gamma.models import MovementKind
from gamma.search import Filters
from register.models import ExciseNumber
from www.office.gamma import _rows

which = sys.argv[1:] or ["inbox", "office"]
repeat = int(os.environ.get("REPEAT", "20"))
today = dt.date(2026, 12, 4)
kinds = list(MovementKind.values)
with connection.cursor() as c:
    c.execute("SET statement_timeout = '60s'")
agent = User.objects.get(username="bench.agent")
rng = random.Random(2009)


def number_of(rank):
    return ExciseNumber.objects.select_related("customs_office").get(number__startswith=f"FR9{rank:05d}E")


class Rec:
    def __init__(self):
        self.db = 0.0
        self.n = 0

    def __call__(self, execute, sql, params, many, context):
        t = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.db += time.perf_counter() - t
            self.n += 1


def run(label, f):
    times, dbs = [], []
    for i in range(repeat + 1):
        rec = Rec()
        t = time.perf_counter()
        try:
            with connection.execute_wrapper(rec):
                f(i)
        except Exception as e:
            print(f"{label:60} FAILED {str(e).splitlines()[0]}", flush=True)
            return
        el = time.perf_counter() - t
        if i:
            times.append(el * 1000)
            dbs.append(rec.db * 1000)
        if el > 5 and i >= 1:
            break
    times.sort()
    dbs.sort()
    p95 = lambda v: v[min(len(v) - 1, int(round(0.95 * (len(v) - 1))))]
    print(
        f"{label:60} p50 {statistics.median(times):8.1f} p95 {p95(times):8.1f} ms; db p50 {statistics.median(dbs):8.1f} p95 {p95(dbs):8.1f} ms ({len(times)} runs, {rec.n} stmts)",
        flush=True,
    )


sizes = {"big": number_of(1), "medium": number_of(100), "small": number_of(20000)}
if "inbox" in which:
    for label, number in sizes.items():

        def page(_i, number=number, view=inbox_state.DEFAULT_VIEW):
            events = inbox_state.messages(user=agent, excise_number=number, kinds=kinds, view=view)
            p = Paginator(inbox_state.Listed(events), 20).get_page(1)
            return len(inbox_state.shown(p.object_list, number=number.number))

        run(f"inbox {label}: first page", page)
        run(
            f"inbox {label}: unread count",
            lambda _i, number=number: inbox_state.unread_count(user=agent, excise_number=number, kinds=kinds),
        )
if "office" in which:
    big = sizes["big"]

    def office_page(filters, number=""):
        found = office_actions.office_search(user=agent, filters=filters, number=number, today=today)
        p = Paginator(found, 20).get_page(1)
        return len(_rows(list(p.object_list), today))

    def month():
        start = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(0, 690))
        return start

    run("office default page", lambda _i: office_page(Filters()))
    run("office by operator (big)", lambda _i: office_page(Filters(), number=big.number))
    run(
        "office delivered + month of dispatch",
        lambda _i: office_page(
            Filters(status="delivered", not_discharged_only=False, dispatched_from=month(), dispatched_to=None)
        ),
    )
