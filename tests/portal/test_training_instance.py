"""Issue 14, part 1: the test and training instance (« GAMMA FORMATION », ``PRODOUANE_INSTANCE=
formation``) runs the same code; what differs asks ``portal.instance``: the banner on every page,
the watermark on every page of every PDF, ARCs and GPS numbers in reserved ranges, e-mails kept
in the development mailbox. Each is checked on both instances (``settings.TRAINING``)."""

import datetime as dt
import io
import random
import re
import types
from unittest import mock

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from fallback import numbers as gps_numbers
from fallback import pdf as fallback_pdf
from fallback import services as fallback_services
from gamma import printing, services
from habilitations.pdf import adhesion_pdf
from identifiers import arc as arc_identifier
from mail.models import OutboxStatus
from mail.services import queue_mail
from portal import instance
from tests.factories.gamma import MovementLineFactory
from tests.factories.habilitations import build_world
from tests.fallback.factories import IncidentFactory
from tests.gamma.drafting import complete_dae
from tests.gamma.support import CONSIGNEE_NUMBER, shipped
from www.portal.views import server_error

pytestmark = pytest.mark.django_db

BANNER = "GAMMA FORMATION — environnement de test et de formation : les documents émis ici n'ont aucune valeur légale."


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture(params=[True, False], ids=["formation", "principale"])
def training(request, settings):
    settings.TRAINING = request.param
    return request.param


def flat(text: str) -> str:
    return " ".join(text.split())


# --- The banner ------------------------------------------------------------------------------------


def test_every_page_shows_the_banner_on_the_training_instance_only(client, world, training):
    client.force_login(world.antoine)
    pages = [client.get(url) for url in ["/", "/gamma/", "/gamma/FR008777E0001/"]]
    pages.append(server_error(RequestFactory().get("/")))  # the 500 page, rendered without context
    for response in pages:
        page = response.content.decode()
        assert (BANNER in flat(re.sub(r"<[^>]+>", " ", page))) is training, response
        assert ('<div class="fr-notice fr-notice--warning" id="bandeau-formation">' in page) is training


# --- The watermark ---------------------------------------------------------------------------------


def issued(world):
    IncidentFactory()
    return fallback_services.issue_fallback_document(
        actor=world.bob,
        nature="DAA",
        excise_number=CONSIGNEE_NUMBER,
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + dt.timedelta(minutes=20),
    )


def long_copy(world):
    movement = shipped(world, complete=False)
    for reference in range(1, 61):
        MovementLineFactory(movement=movement, body_record_unique_reference=reference)
    return movement


@pytest.mark.parametrize(
    "make_pdf",
    [
        lambda world: printing.movement_pdf(long_copy(world)),
        lambda world: fallback_pdf.fallback_form_pdf(issued(world)),
        lambda world: fallback_pdf.blank_form_pdf(),
        lambda world: adhesion_pdf(world.adhesion_a),
    ],
    ids=["e-AD", "fallback", "blank-fallback", "adhesion"],
)
def test_every_page_of_every_pdf_is_watermarked_on_the_training_instance_only(world, training, make_pdf):
    pages = PdfReader(io.BytesIO(make_pdf(world))).pages
    assert len(pages) >= 1  # several for the long e-AD (60 lines) and the forms (three copies)
    for page in pages:
        text = flat(page.extract_text())
        assert (instance.WATERMARK in text) is training, text[:300]


# --- Numbers that cannot be mistaken for real ones -------------------------------------------------


@pytest.fixture
def seeded(monkeypatch):
    """The national codes drawn from a seeded generator instead of the OS's (same alphabet)."""
    monkeypatch.setattr(services, "secrets", types.SimpleNamespace(choice=random.Random(14).choice))


def test_training_arcs_are_recognised_and_real_ones_never(settings, seeded):
    for training in (True, False):
        settings.TRAINING = training
        for _ in range(3000):
            arc = arc_identifier.build(year=2026, national_code=services.national_code(), movement_type="0")
            assert arc_identifier.validate(arc) == arc  # the schema's pattern and the check digit
            assert arc_identifier.is_training_arc(arc) is training, arc
    assert not arc_identifier.is_training_arc("23GB00000000000378553")
    assert not arc_identifier.is_training_arc("26DEFORMATION4K7Q2P01")  # another state's


def test_the_real_instance_draws_again_a_code_that_would_read_as_training(settings, monkeypatch):
    settings.TRAINING = False
    draws = iter(["FORMATIONABC123", "FORMATIONXYZ789", "REALCODE0000001"])
    monkeypatch.setattr(services, "_draw", lambda length: next(draws))
    assert services.national_code() == "REALCODE0000001"


def test_a_movement_validated_on_the_training_instance_gets_a_training_arc(settings, world, emcs_codelists):
    settings.TRAINING = True
    movement = services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))
    assert movement.arc[4:13] == "FORMATION" and arc_identifier.is_training_arc(movement.arc)
    assert arc_identifier.validate(movement.arc) == movement.arc


def test_gps_numbers_of_the_two_instances_never_meet():
    rng = random.Random(14)
    for _ in range(3000):
        year, excise_number = rng.randrange(100), rng.choice(["FR009990F0005", "FR008777E0001"])
        real = gps_numbers.build(year=year, excise_number=excise_number, order=rng.choice(gps_numbers.REAL_ORDERS))
        training = gps_numbers.build(
            year=year, excise_number=excise_number, order=rng.choice(gps_numbers.TRAINING_ORDERS)
        )
        assert gps_numbers.is_valid(real) and gps_numbers.is_valid(training)
        assert not gps_numbers.is_training_number(real) and gps_numbers.is_training_number(training)
    assert not gps_numbers.is_training_number("09FR009990F0005000141")  # the seed's


def test_the_training_instance_numbers_its_fallback_documents_from_900001(world, settings):
    settings.TRAINING = True
    first, second = issued(world), issued(world)
    assert (first.order, second.order) == (900_001, 900_002)
    assert first.number.endswith("900001") and gps_numbers.is_training_number(first.number)
    settings.TRAINING = False
    other = fallback_services.issue_fallback_document(
        actor=world.antoine,
        nature="DAA",
        excise_number="FR008777E0001",
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + dt.timedelta(minutes=20),
    )
    assert other.order == 1 and not gps_numbers.is_training_number(other.number)


# --- E-mails ---------------------------------------------------------------------------------------


def test_the_training_instance_mails_only_to_the_development_mailbox(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.TRAINING = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"  # configured: never used
    settings.EMAIL_FILE_PATH = tmp_path
    with mock.patch("smtplib.SMTP") as smtp, django_capture_on_commit_callbacks(execute=True):
        message = queue_mail(to=["jean.dupont@example.org"], subject="Bienvenue en formation", body_text="Bonjour")
    smtp.assert_not_called()
    assert mail.outbox == []
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT  # in the development mailbox, listed at /dev/boite-mail/
    written = "".join(path.read_text() for path in tmp_path.iterdir())
    assert "Subject: Bienvenue en formation" in written and "To: jean.dupont@example.org" in written


def test_the_real_instance_uses_the_configured_mail_backend(settings, django_capture_on_commit_callbacks):
    settings.TRAINING = False
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with mock.patch("smtplib.SMTP") as smtp, django_capture_on_commit_callbacks(execute=True):
        queue_mail(to=["jean.dupont@example.org"], subject="Bienvenue", body_text="Bonjour")
    smtp.assert_called_once()


def test_the_downloaded_blank_form_is_the_instances_own(client, world, settings):
    """The view keeps the blank form in memory: one copy per instance, never the other's."""
    client.force_login(world.antoine)
    for training in (False, True, False):
        settings.TRAINING = training
        response = client.get(reverse("gps:blank_form"))
        assert response.status_code == 200
        pages = PdfReader(io.BytesIO(response.content)).pages
        assert all((instance.WATERMARK in flat(page.extract_text())) is training for page in pages)
