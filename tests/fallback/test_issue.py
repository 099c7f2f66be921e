"""« Générer un numéro » as a service: who may, when the procedure is open, and the series."""

import datetime
import logging
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from fallback import services
from fallback.errors import FallbackError
from fallback.models import DocumentEvent, DocumentStatus, FallbackDocument, NumberSeries
from habilitations.models import Habilitation
from tests.factories.register import ExciseNumberFactory
from tests.fallback.factories import IncidentFactory, authorisation_for, teleservice

PARIS = timezone.get_default_timezone()


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def issue(user, *, number="FR009990F0005", nature="DAA", registration="457TY24", dispatch_at=None, now=None):
    now = now or timezone.now()
    return services.issue_fallback_document(
        actor=user,
        nature=nature,
        excise_number=number,
        vehicle_registration=registration,
        dispatch_at=dispatch_at or now + datetime.timedelta(minutes=15),
        now=now,
    )


def refused(user, field: str, message: str, **kwargs) -> FallbackError:
    before = FallbackDocument.objects.count(), list(NumberSeries.objects.values_list("last_order", flat=True))
    with pytest.raises(FallbackError) as error:
        issue(user, **kwargs)
    assert error.value.field == field
    assert message in error.value.message
    # Nothing issued, no number taken.
    assert (FallbackDocument.objects.count(), list(NumberSeries.objects.values_list("last_order", flat=True))) == before
    return error.value


# --- The seed's example and the series -----------------------------------------------------------------


def test_the_seed_example_gives_the_seed_number(world):
    """DAA, FR009990F0005, 457TY24, 10/04/2009 15:02, the 141st number of 2009 → 09FR009990F0005000141."""
    IncidentFactory(starts_at=paris(2009, 4, 10, 9, 0), expected_end_at=paris(2009, 4, 10, 20, 0))
    NumberSeries.objects.create(excise_number=world.excise_b, year=2009, last_order=140)

    document = issue(world.bob, dispatch_at=paris(2009, 4, 10, 15, 2), now=paris(2009, 4, 10, 14, 50))

    assert document.number == "09FR009990F0005000141"
    assert (document.excise_number, document.year, document.order) == (world.excise_b, 2009, 141)
    assert (document.nature, document.vehicle_registration) == ("DAA", "457TY24")
    assert timezone.localtime(document.dispatch_at).strftime("%d/%m/%Y %H:%M:%S") == "10/04/2009 15:02:00"
    assert document.status == DocumentStatus.ISSUED and document.issued_by == world.bob
    assert document.incident is not None and document.authorisation is None


def test_numbers_follow_each_other_per_excise_number_and_year(world):
    IncidentFactory()
    first, second, third = (issue(world.bob) for _ in range(3))
    other = issue(world.antoine, number="FR008777E0001")

    year = timezone.localtime().year % 100
    assert [first.number, second.number, third.number] == [f"{year:02d}FR009990F0005{order:06d}" for order in (1, 2, 3)]
    assert other.number == f"{year:02d}FR008777E0001000001"
    assert NumberSeries.objects.get(excise_number=world.excise_b).last_order == 3


def test_a_new_year_starts_a_new_series(world):
    now = paris(2026, 12, 31, 23, 0)
    IncidentFactory(starts_at=paris(2026, 12, 31, 8, 0), expected_end_at=paris(2027, 1, 2, 8, 0))
    december = issue(world.bob, dispatch_at=paris(2026, 12, 31, 23, 30), now=now)
    january = issue(world.bob, dispatch_at=paris(2027, 1, 1, 6, 0), now=now)
    december_again = issue(world.bob, dispatch_at=paris(2026, 12, 31, 23, 45), now=now)

    assert [december.number, january.number, december_again.number] == [
        "26FR009990F0005000001",
        "27FR009990F0005000001",
        "26FR009990F0005000002",
    ]


def test_a_number_whose_document_was_not_written_is_given_again_so_no_gap(world):
    IncidentFactory()
    with (
        mock.patch.object(FallbackDocument.objects, "create", side_effect=IntegrityError("disk full")),
        pytest.raises(IntegrityError),
    ):
        issue(world.bob)

    assert NumberSeries.objects.filter(excise_number=world.excise_b).first() is None  # the series rolled back too
    assert issue(world.bob).order == 1


def test_an_exhausted_series_is_refused(world):
    IncidentFactory()
    NumberSeries.objects.create(excise_number=world.excise_b, year=timezone.localtime().year, last_order=999_999)
    refused(world.bob, "excise_number", "est épuisée")


def test_the_database_refuses_a_number_twice_or_a_document_without_ground(world):
    incident = IncidentFactory()
    document = issue(world.bob)
    fields = {
        "excise_number": world.excise_b,
        "year": document.year,
        "nature": "DAA",
        "vehicle_registration": "AB123",
        "dispatch_at": document.dispatch_at,
        "issued_by": world.bob,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        FallbackDocument.objects.create(number=document.number, order=99, incident=incident, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        FallbackDocument.objects.create(number="X" * 21, order=document.order, incident=incident, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        FallbackDocument.objects.create(number="Y" * 21, order=50, **fields)


# --- When the procedure is open ------------------------------------------------------------------------


@pytest.mark.parametrize("trait", ["red", "black"])
def test_a_red_or_black_alert_on_gamma_opens_the_procedure_to_every_operator(world, trait):
    IncidentFactory(black=trait == "black")
    assert issue(world.bob).incident.level in ("rouge", "noire")
    assert issue(world.antoine, number="FR008777E0001").order == 1


@pytest.mark.parametrize("trait", ["orange", "green"])
def test_an_orange_or_green_alert_does_not(world, trait):
    IncidentFactory(**{trait: True})
    refused(world.bob, "dispatch_date", "La procédure de secours n'est pas ouverte")


def test_nor_a_red_alert_on_another_teleservice(world):
    IncidentFactory(teleservice=teleservice("infoaccises"))
    refused(world.bob, "dispatch_date", "aucune alerte rouge ou noire sur GAMMA")


def test_without_any_alert_or_authorisation_the_reason_is_given(world):
    now = paris(2026, 11, 26, 10, 0)
    error = refused(world.bob, "dispatch_date", "", dispatch_at=paris(2026, 11, 26, 10, 30), now=now)
    assert error.message == (
        "La procédure de secours n'est pas ouverte le 26/11/2026 à 10:30 pour FR009990F0005 : aucune alerte rouge "
        "ou noire sur GAMMA ni aucune autorisation individuelle de votre bureau de douane ne couvre cette date et "
        "cette heure de départ. Aucun numéro n'a été généré."
    )


def test_the_alert_covers_from_its_start_to_its_closure(world):
    now = paris(2026, 11, 26, 16, 0)
    IncidentFactory(
        starts_at=paris(2026, 11, 26, 9, 0),
        expected_end_at=paris(2026, 11, 26, 12, 0),
        closed_at=paris(2026, 11, 26, 14, 0),
    )

    assert issue(world.bob, dispatch_at=paris(2026, 11, 26, 13, 59), now=now).order == 1
    refused(world.bob, "dispatch_date", "n'est pas ouverte", dispatch_at=paris(2026, 11, 26, 14, 1), now=now)
    refused(world.bob, "dispatch_date", "n'est pas ouverte", dispatch_at=paris(2026, 11, 26, 8, 59), now=now)


def test_an_open_alert_lasts_past_its_expected_end_until_closed_but_no_further_ahead(world):
    now = paris(2026, 11, 26, 16, 0)
    IncidentFactory(starts_at=paris(2026, 11, 26, 9, 0), expected_end_at=paris(2026, 11, 26, 12, 0))

    assert issue(world.bob, dispatch_at=paris(2026, 11, 26, 15, 30), now=now).order == 1
    refused(world.bob, "dispatch_date", "n'est pas ouverte", dispatch_at=paris(2026, 11, 26, 18, 0), now=now)


def test_an_individual_authorisation_covers_its_excise_number_and_window_only(world):
    now = timezone.now()
    authorisation = authorisation_for(
        world.excise_b,
        requester=world.bob,
        agent=world.agent_b,
        valid_from=now - datetime.timedelta(hours=1),
        valid_until=now + datetime.timedelta(hours=2),
    )

    document = issue(world.bob, now=now)
    assert document.authorisation == authorisation and document.incident is None
    refused(world.bob, "dispatch_date", "n'est pas ouverte", dispatch_at=now + datetime.timedelta(hours=3), now=now)
    refused(world.antoine, "dispatch_date", "n'est pas ouverte", number="FR008777E0001", now=now)


def test_a_dispatch_long_past_or_far_ahead_is_refused(world):
    IncidentFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        expected_end_at=timezone.now() + datetime.timedelta(days=10),
    )
    now = timezone.now()
    refused(world.bob, "dispatch_date", "plus de 24 heures", dispatch_at=now - datetime.timedelta(hours=30), now=now)
    refused(world.bob, "dispatch_date", "plus de 7 jours", dispatch_at=now + datetime.timedelta(days=8), now=now)


def test_an_excise_number_no_longer_valid_is_refused(world):
    IncidentFactory()
    world.excise_b.valid_until = datetime.date(2020, 12, 31)
    world.excise_b.save()
    refused(world.bob, "excise_number", "n'est pas valide à la date d'envoi")


# --- Who may ------------------------------------------------------------------------------------------


def test_the_gamma_issue_rights_are_needed(world, caplog):
    IncidentFactory()
    caplog.set_level(logging.WARNING, logger="prodouane.security")
    # lucferrier prepares and searches on FR008777E0001, he does not issue.
    refused(world.luc, "excise_number", "Vous n'êtes pas habilité", number="FR008777E0001")
    assert "Refused forged request by lucferrier" in caplog.text


def test_each_nature_needs_its_own_right(world):
    IncidentFactory()
    Habilitation.objects.filter(user=world.bob, right="issue_dsa").delete()

    assert issue(world.bob, nature="DAA").nature == "DAA"
    refused(world.bob, "nature", "« Emettre un DSA / DSA secours »", nature="DSA")


def test_a_number_for_another_company_is_never_issued(world):
    IncidentFactory()
    # antoineleris holds every right on FR008777E0001, none on bob's FR009990F0005.
    refused(world.antoine, "excise_number", "Vous n'êtes pas habilité", number="FR009990F0005")
    # Nor after leaving for bob's company with rights that are not theirs any more.
    world.antoine.siret = world.bob.siret
    world.antoine.save()
    refused(world.antoine, "excise_number", "Vous n'êtes pas habilité", number="FR008777E0001")


def test_an_invalid_excise_number_is_refused_with_its_format(world):
    IncidentFactory()
    refused(world.bob, "excise_number", "Le numéro d'accise comporte 13 caractères", number="FR0099")
    refused(world.bob, "excise_number", "Le numéro d'accise français s'écrit", number="FR009990F00A5")


def test_an_unknown_nature_and_a_bad_registration_are_refused(world):
    IncidentFactory()
    refused(world.bob, "nature", "DAA ou DSA", nature="DAE")
    refused(world.bob, "vehicle_registration", "lettres sans accent", registration="457/TY;24")


def test_an_excise_number_of_the_register_without_adhesion_gives_nothing(world):
    IncidentFactory()
    ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_b)
    refused(world.bob, "excise_number", "Vous n'êtes pas habilité", number="FR009990F0006")


def test_the_document_records_who_issued_it_when_and_on_what_ground(world):
    incident = IncidentFactory()
    now = timezone.now()
    document = issue(world.bob, now=now)
    document.refresh_from_db()
    assert (document.issued_by, document.issued_at, document.incident) == (world.bob, now, incident)
    assert document.ground_label == "Alerte rouge sur GAMMA"
    assert not DocumentEvent.objects.exists()  # events are the later changes of status
