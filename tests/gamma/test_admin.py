"""The movements' back office: read only, searchable by ARC, LRN and excise number."""

import pytest

from gamma import lifecycle
from gamma.models import MovementAction
from tests.factories.gamma import MovementFactory

pytestmark = pytest.mark.django_db


def test_movements_are_searched_by_arc_lrn_and_excise_number(admin_client):
    validated = MovementFactory(validated=True, local_reference_number="LRN-ADMIN-1")
    draft = MovementFactory(local_reference_number="LRN-ADMIN-2")

    def found(q):
        return {m.pk for m in admin_client.get("/admin/gamma/movement/", {"q": q}).context["cl"].result_list}

    assert found(validated.arc) == {validated.pk}
    assert found("LRN-ADMIN") == {validated.pk, draft.pk}
    assert found(draft.consignor.number) == {draft.pk}


def test_a_movement_opens_read_only_with_its_parts_and_timeline(admin_client):
    movement = MovementFactory(validated=True)
    lifecycle.transition(movement, MovementAction.EXPLAIN_DELAY, actor=None, role=lifecycle.CONSIGNOR)
    page = admin_client.get(f"/admin/gamma/movement/{movement.pk}/change/")
    assert page.status_code == 200
    content = page.content.decode()
    assert movement.arc in content and "Explication d&#x27;un retard" in content and "22042109" in content
    assert 'name="_save"' not in content
    assert admin_client.get("/admin/gamma/movement/add/").status_code == 403
