"""The office's search as two sides merged (gamma.actions.office.office_search, written for ten
million movements) against the single ``OR`` query it replaces, on a small varied dataset: the
office's numbers dispatching to each other, to another office's and abroad, receiving from abroad
(no consignor), drafts and other offices' movements, every sort and a few filters; then the count
capped as the traders' search caps it (« Plus de … documents »)."""

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from gamma import search
from gamma.actions import office as office_actions
from gamma.models import Movement, MovementKind, MovementStatus
from tests.factories.gamma import MovementFactory
from tests.factories.register import ExciseNumberFactory, OperatorFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def old_office_search(*, user, filters, number="", name="", today=TODAY) -> list[int]:
    """The query office_search ran before: one ``OR`` over the office's numbers."""
    movements = office_actions.movements_in_charge(user=user)
    name = " ".join((name or "").split())
    if number or name:
        numbers = office_actions.rights.excise_numbers_in_charge(user=user)
        if number:
            numbers = numbers.filter(number__startswith=number)
        if name:
            numbers = numbers.filter(operator__name__icontains=name)
        movements = movements.filter(Q(consignor__in=numbers) | Q(consignee_identifier__in=numbers.values("number")))
    ordering = search.SORTS.get(filters.sort, search.SORTS[search.DEFAULT_SORT])[1]
    return list(search.filtered(movements, filters, today).order_by(*ordering).values_list("id", flat=True))


@pytest.fixture
def dataset(world):
    a, b = world.excise_a, world.excise_b
    other = ExciseNumberFactory(
        number="FR008777E0002", operator=OperatorFactory(name="CAVES DU NORD"), customs_office=world.office_a
    )
    statuses = [MovementStatus.ACCEPTED, MovementStatus.DELIVERED, MovementStatus.REFUSED, MovementStatus.CANCELLED]
    pairs = [
        (a, b.number),
        (a, "DE00000000001"),
        (a, other.number),
        (other, a.number),
        (b, a.number),
        (b, "DE00000000002"),  # another office's only
        (None, a.number),  # from another member state
        (a, a.number),
    ]
    day = TODAY - datetime.timedelta(days=40)
    for i in range(32):
        consignor, consignee = pairs[i % len(pairs)]
        movement = MovementFactory(
            validated=True,
            consignor=consignor,
            consignee_identifier=consignee,
            kind=[MovementKind.DAE, MovementKind.DAES, MovementKind.DSA][i % 3],
            dispatch_date=day + datetime.timedelta(days=i % 7),
            status=statuses[i % len(statuses)],
        )
        Movement.objects.filter(pk=movement.pk).update(validated_at=timezone.now() - datetime.timedelta(hours=i % 5))
    MovementFactory(consignor=a)  # a draft
    return world


FILTERS = [
    search.Filters(),
    search.Filters(not_discharged_only=False),
    search.Filters(status=MovementStatus.DELIVERED, not_discharged_only=False),
    search.Filters(not_discharged_only=False, dispatched_from=TODAY - datetime.timedelta(days=37)),
]


@pytest.mark.parametrize("sort", list(search.SORTS))
@pytest.mark.parametrize("filters", FILTERS)
def test_the_sides_find_what_the_or_found_in_the_same_order(dataset, filters, sort):
    filters = search.Filters(**{**filters.__dict__, "sort": sort})
    for user in (dataset.agent_a, dataset.agent_b, dataset.antoine):
        for number, name in [("", ""), ("FR008777E0001", ""), ("FR008777", ""), ("", "caves"), ("FR0099", "")]:
            want = old_office_search(user=user, filters=filters, number=number, name=name)
            found = office_actions.office_search(user=user, filters=filters, number=number, name=name, today=TODAY)
            assert found.count() == len(want) and not found.more
            assert list(found[0 : found.count()]) == want, (user, number, name)
            assert list(found[3:7]) == want[3:7]
    assert old_office_search(user=dataset.agent_a, filters=search.Filters(not_discharged_only=False))


def test_the_count_stops_at_the_cap_and_the_page_says_so(client, dataset, monkeypatch):
    monkeypatch.setattr(search, "SHOWN_AT_MOST", 3)
    found = office_actions.office_search(user=dataset.agent_a, filters=search.Filters(not_discharged_only=False))
    assert found.count() == 3 and found.more
    client.force_login(dataset.agent_a)
    page = client.get("/bureau/gamma/", {"recherche": "1", "statut": "delivered"}).content.decode()
    assert "Plus de 3 documents correspondent à vos critères : les 3 premiers sont affichés" in page
