"""The seam with GAMMA: a fallback document is regularised by a deferred movement whose LRN is its
number; those not regularised in time are marked late, their issuers and offices told."""

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from fallback import selectors, services
from fallback.errors import FallbackError
from fallback.models import DocumentStatus, FallbackDocument
from mail.models import OutboxMessage
from tests.factories.gamma import MovementFactory
from tests.fallback.factories import IncidentFactory, authorisation_for


def issue(user, number="FR009990F0005"):
    return services.issue_fallback_document(
        actor=user,
        nature="DAA",
        excise_number=number,
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + datetime.timedelta(minutes=20),
    )


def deferred_movement(document, **overrides):
    fields = {
        "consignor": document.excise_number,
        "local_reference_number": document.number,
        "deferred_submission": True,
        "validated": True,
        "complete": False,
    }
    return MovementFactory(**{**fields, **overrides})


@pytest.fixture
def document(world):
    IncidentFactory()
    return issue(world.bob)


def test_a_deferred_movement_with_the_number_as_lrn_regularises_the_document(world, document):
    movement = deferred_movement(document)

    services.mark_regularised(document=document, movement=movement, actor=world.bob)

    document.refresh_from_db()
    assert document.status == DocumentStatus.REGULARISED and document.regularised_at is not None
    assert document.movement == movement and movement.fallback_document == document  # both ways
    event = document.events.last()
    assert (event.from_status, event.to_status, event.actor) == ("issued", "regularised", world.bob)


def test_gamma_finds_the_document_by_the_lrn_of_its_consignor(world, document):
    found = selectors.document_for_regularisation(
        consignor=world.excise_b, local_reference_number=document.number.lower()
    )
    assert found == document
    assert (
        selectors.document_for_regularisation(consignor=world.excise_a, local_reference_number=document.number) is None
    )
    services.mark_regularised(document=document, movement=deferred_movement(document))
    assert (
        selectors.document_for_regularisation(consignor=world.excise_b, local_reference_number=document.number) is None
    )


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"local_reference_number": "LRN-AUTRE"}, "local_reference_number", "doit être le numéro de secours"),
        ({"deferred_submission": None}, "deferred_submission", "soumission différée"),
        ({"consignor": "other"}, "consignor", "a été émis pour FR009990F0005"),
    ],
)
def test_a_movement_that_does_not_match_regularises_nothing(world, document, overrides, field, message):
    if overrides.get("consignor") == "other":
        overrides["consignor"] = world.excise_a
    with pytest.raises(FallbackError) as refused:
        services.mark_regularised(document=document, movement=deferred_movement(document, **overrides))
    assert refused.value.field == field and message in refused.value.message
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED and document.movement is None


def test_a_document_is_regularised_once(world, document):
    services.mark_regularised(document=document, movement=deferred_movement(document))
    with pytest.raises(FallbackError, match="« Régularisé » : il ne peut pas passer à « Régularisé »"):
        services.mark_regularised(document=document, movement=deferred_movement(document, validated=False))


# --- Late documents ---------------------------------------------------------------------------------------


def test_documents_not_regularised_in_time_after_the_alert_are_flagged_late(world, settings):
    settings.FALLBACK_REGULARISATION_DELAY_DAYS = 3
    incident = IncidentFactory()
    late, regularised = issue(world.bob), issue(world.bob)
    other_office = issue(world.antoine, "FR008777E0001")
    services.mark_regularised(document=regularised, movement=deferred_movement(regularised))
    services.incident_close(actor=incident.declared_by, incident=incident)

    assert services.flag_late_documents(now=timezone.now() + datetime.timedelta(days=2)) == []  # still in time
    flagged = services.flag_late_documents(now=timezone.now() + datetime.timedelta(days=4))

    assert {document.number for document in flagged} == {late.number, other_office.number}
    late.refresh_from_db()
    assert late.status == DocumentStatus.LATE and late.late_since is not None
    regularised.refresh_from_db()
    assert regularised.status == DocumentStatus.REGULARISED
    reminders = {message.subject: message for message in OutboxMessage.objects.all()}
    to_bob = next(m for m in reminders.values() if world.bob.email in m.to)
    assert "à régulariser dans GAMMA" in to_bob.subject and late.number in to_bob.body_text
    assert regularised.number not in to_bob.body_text
    to_office = next(m for m in reminders.values() if world.agent_b.email in m.to)
    assert "non régularisé" in to_office.subject and late.number in to_office.body_text
    assert other_office.number not in to_office.body_text
    # Nothing twice.
    assert services.flag_late_documents(now=timezone.now() + datetime.timedelta(days=5)) == []


def test_a_late_document_can_still_be_regularised(world, document):
    document.incident.closed_at = timezone.now()
    document.incident.save()
    services.flag_late_documents(now=timezone.now() + datetime.timedelta(days=30))
    document.refresh_from_db()
    assert document.status == DocumentStatus.LATE

    services.mark_regularised(document=document, movement=deferred_movement(document))
    document.refresh_from_db()
    assert document.status == DocumentStatus.REGULARISED


def test_while_the_alert_goes_on_nothing_is_late(world, document):
    assert services.flag_late_documents(now=timezone.now() + datetime.timedelta(days=60)) == []


def test_the_delay_after_an_authorisation_runs_from_its_end(world):
    now = timezone.now()
    authorisation_for(
        world.excise_b,
        requester=world.bob,
        agent=world.agent_b,
        valid_from=now - datetime.timedelta(hours=1),
        valid_until=now + datetime.timedelta(days=1),
    )
    document = issue(world.bob)
    assert services.flag_late_documents(now=now + datetime.timedelta(days=3), delay=datetime.timedelta(days=3)) == []
    assert services.flag_late_documents(now=now + datetime.timedelta(days=5), delay=datetime.timedelta(days=3)) == [
        document
    ]


def test_the_daily_command(world, document):
    document.incident.closed_at = timezone.now() - datetime.timedelta(days=10)
    document.incident.save()
    out = io.StringIO()

    call_command("flag_late_fallback_documents", "--jours", "2", stdout=out)

    assert "1 document(s) de secours marqué(s) en retard." in out.getvalue()
    assert document.number in out.getvalue()
    assert FallbackDocument.objects.get().status == DocumentStatus.LATE
    with pytest.raises(CommandError, match="positif"):
        call_command("flag_late_fallback_documents", "--jours", "-1")
