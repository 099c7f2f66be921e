"""gamma.reading: the movement with its children in six statements, as prefetch_related leaves it."""

import pytest
from django.db.models import Prefetch

from gamma import reading
from gamma.models import LinePackage, Movement, MovementDocument, MovementLine, TransportDetail
from tests.factories.gamma import MovementFactory
from tests.gamma.drafting import complete_dae


@pytest.fixture
def lists(emcs_codelists):
    return emcs_codelists


def orm_read(pk):
    packages = Prefetch("packages", queryset=LinePackage.objects.order_by("position", "id"))
    return (
        Movement.objects.select_related("consignor")
        .prefetch_related(
            Prefetch("traders"),
            Prefetch("documents", queryset=MovementDocument.objects.order_by("position", "id")),
            Prefetch(
                "lines",
                queryset=MovementLine.objects.order_by("body_record_unique_reference").prefetch_related(packages),
            ),
            Prefetch("transport_details", queryset=TransportDetail.objects.order_by("position", "id")),
        )
        .get(pk=pk)
    )


def values(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.concrete_fields}


def test_the_same_movement_as_the_orm_reads_then_no_query(world, lists, django_assert_num_queries):
    draft = complete_dae(world.antoine, world.excise_a, lines=3)
    MovementDocument.objects.create(movement=draft, position=1, document_type="1", document_reference="BL-1")
    expected = orm_read(draft.pk)

    with django_assert_num_queries(6):
        movement = reading.movement_with_children(draft.pk)

    with django_assert_num_queries(0):
        assert values(movement) == values(expected)
        assert values(movement.consignor) == values(expected.consignor)
        for relation in ("traders", "documents", "lines", "transport_details"):
            got, want = list(getattr(movement, relation).all()), list(getattr(expected, relation).all())
            assert [values(row) for row in got] == [values(row) for row in want], relation
            assert all(row.movement is movement for row in got)
        assert len(movement.lines.all()) == 3
        for line, want in zip(movement.lines.all(), expected.lines.all(), strict=True):
            assert [values(p) for p in line.packages.all()] == [values(p) for p in want.packages.all()]
            assert all(package.line is line for package in line.packages.all())
        assert not movement._state.adding and movement._state.db == "default"


def test_a_further_filter_stays_within_the_movement(world, lists):
    draft = complete_dae(world.antoine, world.excise_a, lines=2)
    other = complete_dae(world.antoine, world.excise_a, lrn="LRN-AUTRE", lines=2)
    movement = reading.movement_with_children(draft.pk)
    assert set(movement.lines.filter(excise_product_code="W200")) == set(draft.lines.all())
    assert not set(movement.lines.filter(excise_product_code="W200")) & set(other.lines.all())


def test_a_movement_without_consignor_or_children(db):
    bare = MovementFactory(consignor=None)
    bare.lines.all().delete()
    bare.traders.all().delete()
    movement = reading.movement_with_children(bare.pk)
    assert movement.consignor is None and list(movement.lines.all()) == [] and list(movement.traders.all()) == []


def test_no_such_movement():
    with pytest.raises(Movement.DoesNotExist):
        reading.movement_with_children(-1)


test_no_such_movement = pytest.mark.django_db(test_no_such_movement)
