"""Part 4 of the fallback procedure, from GAMMA's side: validating a deferred movement whose LRN is
the GPS number marks the paper document « régularisé » (rule SECOURS guards the way in)."""

import datetime

import pytest
from django.utils import timezone

from fallback.models import DocumentStatus
from fallback.services import issue_fallback_document, mark_regularised
from gamma import services
from gamma.models import MovementStatus
from gamma.services import InvalidMovement
from tests.fallback.factories import IncidentFactory
from tests.gamma.drafting import complete_dae


@pytest.fixture
def lists(emcs_codelists):
    return emcs_codelists


@pytest.fixture
def document(world):
    """A fallback DAA of antoineleris for FR008777E0001, dispatched under yesterday's red alert."""
    now = timezone.now()
    incident = IncidentFactory(starts_at=now - datetime.timedelta(days=1, hours=2))
    document = issue_fallback_document(
        actor=world.antoine,
        nature="DAA",
        excise_number="FR008777E0001",
        vehicle_registration="AB-123-CD",
        dispatch_at=now - datetime.timedelta(days=1),
        now=now - datetime.timedelta(days=1, hours=1),
    )
    incident.closed_at = now - datetime.timedelta(hours=1)
    incident.save()
    return document


def deferred_draft(world, lrn, *, deferred=True, dispatched=None):
    draft = complete_dae(world.antoine, world.excise_a, lrn=lrn)
    draft.deferred_submission = True if deferred else None
    draft.dispatch_date = dispatched or timezone.localdate() - datetime.timedelta(days=1)
    draft.save()
    return draft


def codes(refused) -> dict[str, str]:
    return {error.code: error.field for error in refused.value.errors}


def test_validating_the_deferred_movement_regularises_the_fallback_document(world, lists, document):
    draft = deferred_draft(world, document.number)

    movement = services.movement_validate(actor=world.antoine, movement=draft)

    document.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTED and movement.arc
    assert document.status == DocumentStatus.REGULARISED and document.movement == movement
    assert movement.fallback_document == document
    event = document.events.last()
    assert (event.to_status, event.actor) == ("regularised", world.antoine)


def test_a_late_document_is_regularised_too(world, lists, document):
    document.status = DocumentStatus.LATE
    document.late_since = timezone.now()
    document.save()

    services.movement_validate(actor=world.antoine, movement=deferred_draft(world, document.number))

    document.refresh_from_db()
    assert document.status == DocumentStatus.REGULARISED


def test_a_deferred_submission_needs_an_open_fallback_number_of_the_consignor(world, lists, document):
    draft = deferred_draft(world, "LRN-RETARD-01")

    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=draft)

    assert codes(refused) == {"SECOURS": "local_reference_number"}
    assert "numéro de secours obtenu dans GPS pour FR008777E0001" in refused.value.errors[0].message
    draft.refresh_from_db()
    assert draft.status == MovementStatus.DRAFT and not draft.arc
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED


def test_the_number_is_entered_as_gps_gave_it(world, lists, document):
    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=deferred_draft(world, document.number.lower()))
    assert codes(refused) == {"SECOURS": "local_reference_number"}
    assert "21 caractères en majuscules" in refused.value.errors[0].message


def test_another_company_s_fallback_number_is_refused(world, lists):
    IncidentFactory()
    theirs = issue_fallback_document(
        actor=world.bob,
        nature="DAA",
        excise_number="FR009990F0005",
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + datetime.timedelta(minutes=5),
    )
    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=deferred_draft(world, theirs.number))
    assert codes(refused) == {"SECOURS": "local_reference_number"}
    theirs.refresh_from_db()
    assert theirs.status == DocumentStatus.ISSUED


def test_a_document_already_regularised_is_not_regularised_twice(world, lists, document):
    services.movement_validate(actor=world.antoine, movement=deferred_draft(world, document.number))
    second = deferred_draft(world, document.number)

    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=second)

    assert set(codes(refused)) == {"BR001", "SECOURS"}


def test_the_fallback_number_without_the_deferred_flag_is_refused_at_the_flag(world, lists, document):
    draft = deferred_draft(world, document.number, deferred=False, dispatched=timezone.localdate())

    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=draft)

    assert codes(refused) == {"SECOURS": "deferred_submission"}
    assert "cochez « Régularisation d'un document établi en procédure de secours »" in refused.value.errors[0].message


def test_a_date_of_dispatch_in_the_past_is_accepted_only_in_deferred_submission(world, lists):
    draft = complete_dae(world.antoine, world.excise_a, lrn="LRN-PASSE")
    draft.dispatch_date = timezone.localdate() - datetime.timedelta(days=2)
    draft.save()

    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=draft)

    assert codes(refused) == {"DATE-EXP": "dispatch_date"}


def test_a_document_regularised_meanwhile_stops_the_validation(world, lists, document, monkeypatch):
    """SECOURS passed, then another movement regularised the document before this one's commit."""
    draft = deferred_draft(world, document.number)
    other = complete_dae(world.antoine, world.excise_a, lrn="LRN-AUTRE")
    real_issue = services._issue

    def issue_then_race(actor, movement, *, at, today):
        event = real_issue(actor, movement, at=at, today=today)
        other.deferred_submission = True
        other.local_reference_number = document.number
        mark_regularised(document=document, movement=other)
        return event

    monkeypatch.setattr(services, "_issue", issue_then_race)
    with pytest.raises(InvalidMovement) as refused:
        services.movement_validate(actor=world.antoine, movement=draft)

    assert codes(refused) == {"SECOURS": "local_reference_number"}
    draft.refresh_from_db()
    assert draft.status == MovementStatus.DRAFT and not draft.arc  # nothing of the validation kept
