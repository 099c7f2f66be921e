"""Many users asking for numbers at the same time: each gets its own, the series has no gap.

Real threads, each with its own database connection, committing for real (``transactional_db``):
on PostgreSQL they wait on the series row's lock; on SQLite the database lets one writer through
at a time and the service tries again those it turned away."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from fallback import services
from fallback.models import FallbackDocument, NumberSeries
from tests.factories.habilitations import build_world
from tests.fallback.factories import IncidentFactory

THREADS = 16
NUMBERS_PER_THREAD = 6


def _issue_many(user, number: str, count: int, start: threading.Barrier, issued: list, errors: list) -> None:
    try:
        start.wait()
        for _ in range(count):
            document = services.issue_fallback_document(
                actor=user,
                nature="DAA",
                excise_number=number,
                vehicle_registration="457TY24",
                dispatch_at=timezone.now() + datetime.timedelta(minutes=10),
            )
            issued.append(document.number)
    except Exception as error:  # reported by the test, with the thread's error
        errors.append(repr(error))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_parallel_requests_get_distinct_numbers_without_gaps():
    world = build_world()
    IncidentFactory()
    issued: list[str] = []
    errors: list[str] = []
    start = threading.Barrier(THREADS)
    # Half the threads for bob's FR009990F0005, half for antoineleris's FR008777E0001: two series at once.
    threads = [
        threading.Thread(
            target=_issue_many,
            args=(
                world.bob if index % 2 else world.antoine,
                "FR009990F0005" if index % 2 else "FR008777E0001",
                NUMBERS_PER_THREAD,
                start,
                issued,
                errors,
            ),
        )
        for index in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors
    per_series = THREADS // 2 * NUMBERS_PER_THREAD
    assert len(issued) == len(set(issued)) == 2 * per_series
    year = timezone.localtime().year
    for excise_number in ("FR009990F0005", "FR008777E0001"):
        orders = sorted(
            FallbackDocument.objects.filter(excise_number__number=excise_number).values_list("order", flat=True)
        )
        assert orders == list(range(1, per_series + 1))  # every number once, none missing
        assert NumberSeries.objects.get(excise_number__number=excise_number, year=year).last_order == per_series
    assert sorted(issued) == sorted(FallbackDocument.objects.values_list("number", flat=True))
