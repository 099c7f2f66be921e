"""The demo data (`make run`): antoineleris finds issued DAE, a draft and a template on GAMMA for
FR008777E0001, made through the services (valid ARCs, the same rules as a user's), loaded once."""

import html
import io

import pytest
from django.core.management import call_command

from gamma import feed
from gamma.models import Movement, MovementAction, MovementMessage, MovementStatus, MovementTemplate
from identifiers import arc

pytestmark = pytest.mark.django_db


def test_load_demo_gives_the_demo_operator_issued_documents_a_draft_and_a_template_once(client, emcs_codelists):
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent

    issued = Movement.objects.filter(consignor__number="FR008777E0001").exclude(status=MovementStatus.DRAFT)
    assert sorted(issued.values_list("local_reference_number", flat=True)) == ["DEMO-2026-0001", "DEMO-2026-0002"]
    assert all(arc.is_valid(movement.arc) for movement in issued)
    assert [movement.lines.count() for movement in issued.order_by("local_reference_number")] == [3, 1]
    # Each with its IE801, as any validation stores it, in the consignee's feed.
    ie801 = MovementMessage.objects.filter(movement__in=issued, message_type="IE801")
    assert sorted(ie801.values_list("movement__arc", flat=True)) == sorted(movement.arc for movement in issued)
    assert ie801.filter(event__action=MovementAction.VALIDATE).count() == 2
    assert {entry.message for entry in feed.read(["FR009990F0005"], after=None, limit=10)[0]} == set(ie801)
    drafts = Movement.objects.filter(status=MovementStatus.DRAFT)
    assert list(drafts.values_list("local_reference_number", flat=True)) == ["DEMO-2026-0003"]
    assert list(MovementTemplate.objects.values_list("name", flat=True)) == ["Livraison Eauze"]

    client.login(username="antoineleris", password="demo prodouane 2026")
    page = html.unescape(client.get("/gamma/FR008777E0001/mouvements/").content.decode())
    assert "2 documents correspondent à vos critères" in page
    for movement in issued:
        assert movement.arc in page


def test_without_the_code_lists_the_gamma_demo_says_what_to_run_and_the_rest_loads():
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "lancez d'abord manage.py load_emcs_codelists" in out.getvalue()
    assert "Données de démonstration chargées." in out.getvalue()
    assert not Movement.objects.exists()


def test_load_demo_gives_a_demo_document_validated_before_the_ie801_was_kept_its_ie801(emcs_codelists):
    call_command("load_demo", stdout=io.StringIO())
    MovementMessage.objects.all().delete()  # as a database loaded before
    call_command("load_demo", stdout=io.StringIO())
    issued = Movement.objects.exclude(status=MovementStatus.DRAFT)
    assert sorted(MovementMessage.objects.values_list("movement_id", flat=True)) == sorted(
        issued.values_list("pk", flat=True)
    )
    assert MovementMessage.objects.filter(event__action=MovementAction.VALIDATE).count() == 2
