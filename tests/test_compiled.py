"""prodouane.compiled: a queryset compiled once per connection gives the ORM's rows for any values."""

import datetime

import pytest
from django.db import connections
from django.db.models import Q

from accounts.models import User
from gamma.models import Movement
from prodouane.compiled import CompiledQuery
from tests.factories.gamma import MovementFactory

pytestmark = pytest.mark.django_db

BY_LRN = CompiledQuery(
    lambda lrn, consignor_id: (
        Movement.objects.filter(local_reference_number=lrn, consignor_id=consignor_id)
        .exclude(status="draft")
        .values_list("pk", "created_at", "dispatch_date")
        .order_by("pk")
    ),
    lrn=str,
    consignor_id=int,
)


def test_the_rows_are_the_orm_s_for_every_value_converted_alike(django_assert_num_queries):
    first = MovementFactory(status="accepted", local_reference_number="A-1")
    MovementFactory(status="draft", local_reference_number="A-1", consignor=first.consignor)
    other = MovementFactory(status="accepted", local_reference_number="B-2")

    for lrn, consignor in (("A-1", first.consignor_id), ("B-2", other.consignor_id), ("A-1", other.consignor_id)):
        expected = list(
            Movement.objects.filter(local_reference_number=lrn, consignor_id=consignor)
            .exclude(status="draft")
            .values_list("pk", "created_at", "dispatch_date")
            .order_by("pk")
        )
        with django_assert_num_queries(1):
            assert BY_LRN.rows(lrn=lrn, consignor_id=consignor) == expected
    (row,) = BY_LRN.rows(lrn="A-1", consignor_id=first.consignor_id)
    assert isinstance(row[1], datetime.datetime) and row[1].tzinfo is not None  # converted, as the ORM does
    assert isinstance(row[2], datetime.date)


def test_compiled_once_per_connection():
    BY_LRN.rows(lrn="x", consignor_id=1)
    compiled = BY_LRN.compiled()
    BY_LRN.rows(lrn="y", consignor_id=2)
    assert BY_LRN.compiled() is compiled and connections["default"].__dict__[BY_LRN.key] is compiled
    assert compiled.slots.count("lrn") == 1 and "draft" in compiled.constants


def test_values_of_the_wrong_type_or_missing_are_refused():
    with pytest.raises(TypeError, match="consignor_id must be int"):
        BY_LRN.rows(lrn="A-1", consignor_id="1")
    with pytest.raises(TypeError, match="consignor_id must be int"):
        BY_LRN.rows(lrn="A-1", consignor_id=None)
    with pytest.raises(TypeError, match="Expected the values"):
        BY_LRN.rows(lrn="A-1")


def test_a_value_the_query_does_not_use_is_a_programming_error():
    unused = CompiledQuery(
        lambda name, ignored: User.objects.filter(Q(username=name)).values_list("pk"), name=str, ignored=int
    )
    with pytest.raises(ValueError, match="does not use ignored"):
        unused.rows(name="bob", ignored=1)
    with pytest.raises(TypeError):
        CompiledQuery(lambda when: User.objects.filter(date_joined=when), when=datetime.date)


def test_instances_as_raw_builds_them_deferred_columns_and_annotations_included(django_assert_num_queries):
    from django.db.models import F

    movement = MovementFactory(status="accepted", local_reference_number="A-1")
    query = CompiledQuery(
        lambda pk: (
            Movement.objects.only("local_reference_number").annotate(number=F("consignor__number")).filter(pk=pk)
        ),
        pk=int,
    )
    with django_assert_num_queries(1):
        (found,) = query.instances(pk=movement.pk)
        assert (found.pk, found.local_reference_number, found.number) == (
            movement.pk,
            "A-1",
            movement.consignor.number,
        )
        assert "status" in found.get_deferred_fields()
    assert query.instances(pk=-1) == []
