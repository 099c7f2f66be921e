"""The IE801 of a validated movement: built and stored byte for byte at validation, with the
validation's event, in the consignor's and consignee's feeds, in the validation's transaction; an
IE801 the schema refuses issues nothing (logged, a French page, never a 500); a received IE801 is
kept as it came; the movement's page and its printed copy show the validation as the stored IE801
states it."""

import datetime
import hashlib
import html
import io
import logging
from pathlib import Path

import pytest
from django.utils import timezone
from pypdf import PdfReader

from emcs import messages as emcs_messages
from emcs import xml
from gamma import feed, mapping, services
from gamma import messages as stored_messages
from gamma.models import FeedEntry, MessageDirection, Movement, MovementAction, MovementEvent, MovementMessage
from tests.gamma.drafting import CONSIGNEE_NUMBER, complete_dae, dae_sections

pytestmark = pytest.mark.django_db

CONSIGNOR_NUMBER = "FR008777E0001"
EXAMPLES = Path(__file__).parent.parent / "emcs" / "examples"


@pytest.fixture
def issued(world, emcs_codelists):
    """A DAE of company A to company B, validated through the service."""
    return services.movement_validate(actor=world.antoine, movement=complete_dae(world.antoine, world.excise_a))


def feed_of(number: str) -> list[MovementMessage]:
    return [entry.message for entry in feed.read([number], after=None, limit=100)[0]]


def test_validation_stores_the_ie801_byte_for_byte_with_its_event_and_feeds_both_parties(issued):
    stored = MovementMessage.objects.get(movement=issued)
    data = bytes(stored.xml)
    root = xml.parse_and_validate(data, "IE801")  # valid against the V3.23 schema, as stored
    assert (stored.message_type, stored.direction) == ("IE801", MessageDirection.SENT)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.event == MovementEvent.objects.get(movement=issued, action=MovementAction.VALIDATE)
    message = emcs_messages.parse(root)
    assert stored.message_identifier == message.header.message_identifier
    assert message.body.excise_movement.administrative_reference_code == issued.arc
    assert message.body.header_ead_esad.sequence_number == 1
    validated = Movement.objects.get(pk=issued.pk).validated_at
    assert message.body.excise_movement.date_and_time_of_validation_of_ead_esad == validated.replace(tzinfo=None)
    assert feed_of(CONSIGNOR_NUMBER) == [stored] and feed_of(CONSIGNEE_NUMBER) == [stored]


def test_a_dsa_has_no_emcs_message(world, emcs_codelists):
    draft = services.draft_create(actor=world.antoine, excise_number=world.excise_a, kind="DSA")
    for section in ("movement", "consignee", "lines"):
        services.draft_save_section(actor=world.antoine, movement=draft, section=section, data=dae_sections()[section])
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    assert movement.arc and not MovementMessage.objects.exists() and not FeedEntry.objects.exists()


@pytest.fixture
def broken_ie801(monkeypatch):
    """The portal's mapping with a bug: the IE801 it builds carries an ARC the schema refuses."""
    build = mapping.ie801_message

    def broken(movement, **options):
        message = build(movement, **options)
        message.body.excise_movement.administrative_reference_code = "not an ARC"
        return message

    monkeypatch.setattr(mapping, "ie801_message", broken)


def test_an_ie801_the_schema_refuses_issues_nothing_and_is_logged(world, emcs_codelists, broken_ie801, caplog):
    draft = complete_dae(world.antoine, world.excise_a)
    with caplog.at_level(logging.ERROR, logger="gamma.services"), pytest.raises(services.MessageNotBuilt) as failed:
        services.movement_validate(actor=world.antoine, movement=draft)
    assert "n'est pas conforme au schéma EMCS" in failed.value.message
    assert [(error.code, error.field) for error in failed.value.errors] == [("IE801", "")]
    assert f"The IE801 of movement {draft.pk}" in caplog.text and "fails the schema" in caplog.text
    draft.refresh_from_db()
    assert draft.is_draft and draft.arc is None and draft.validated_at is None
    assert not MovementEvent.objects.exists() and not MovementMessage.objects.exists()
    assert not FeedEntry.objects.exists()


def test_the_page_says_the_document_is_not_issued_and_keeps_the_draft(client, world, emcs_codelists, broken_ie801):
    draft = complete_dae(world.antoine, world.excise_a)
    client.force_login(world.antoine)
    response = client.post(f"/gamma/{CONSIGNOR_NUMBER}/brouillons/{draft.pk}/valider/")
    assert response.status_code == 422
    page = html.unescape(response.content.decode())
    assert "Le document n'est pas émis" in page
    assert "Cette anomalie vient du portail, pas de vos données" in page and "erreur à corriger" not in page
    assert Movement.objects.get(pk=draft.pk).is_draft


def test_a_received_ie801_is_kept_as_it_came_and_goes_to_the_french_consignee():
    data = (
        (EXAMPLES / "IE801.xml")
        .read_bytes()
        .replace(
            b'<urn:ConsigneeTrader language="en">',
            f'<urn:ConsigneeTrader language="en"><urn:Traderid>{CONSIGNEE_NUMBER}</urn:Traderid>'.encode(),
        )
    )
    message = emcs_messages.parse(xml.parse_and_validate(data))
    movement = mapping.save_ie801(message.body, received=data, message_identifier=message.header.message_identifier)
    stored = MovementMessage.objects.get(movement=movement)
    assert bytes(stored.xml) == data and stored.direction == MessageDirection.RECEIVED
    assert (stored.message_type, stored.message_identifier) == ("IE801", "MZUSNCH75R5DESZJ")
    assert feed_of(CONSIGNEE_NUMBER) == [stored]
    assert FeedEntry.objects.count() == 1  # the consignor is Italian: no feed here
    with pytest.raises(ValueError, match="identifier"):
        mapping.save_ie801(message.body, received=data)


def test_an_ie801_saved_without_its_bytes_stores_no_message():
    data = (EXAMPLES / "IE801.xml").read_bytes()
    mapping.save_ie801(emcs_messages.parse(xml.parse_and_validate(data)).body)
    assert not MovementMessage.objects.exists()


# --- The page and the printed copy read the stored IE801 -------------------------------------------


def pdf_text(pdf: bytes) -> str:
    return " ".join("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_the_page_and_the_printed_copy_show_the_validation_the_stored_ie801_states(client, world, issued):
    """The stored IE801 is made to say another time of validation and a sequence number 3 updated
    at another time: the page and the copy show what it says, not the movement's columns."""
    stored = MovementMessage.objects.get(movement=issued)
    root = xml.parse(bytes(stored.xml))
    root.find(".//{*}DateAndTimeOfValidationOfEadEsad").text = "2026-03-29T02:30:00"  # 04:30 in Paris
    root.find(".//{*}SequenceNumber").text = "3"
    root.find(".//{*}DateAndTimeOfUpdateValidation").text = "2026-10-25T01:30:00"  # 02:30 in Paris (CET)
    xml.validate(root, "IE801")
    MovementMessage.objects.filter(pk=stored.pk).update(xml=xml.to_bytes(root))
    Movement.objects.filter(pk=issued.pk).update(sequence_number=1)  # the columns say otherwise
    shown_validated = timezone.localtime(datetime.datetime(2026, 3, 29, 2, 30, tzinfo=datetime.UTC))
    assert shown_validated.strftime("%H:%M") == "04:30"

    client.force_login(world.antoine)
    base = f"/gamma/{CONSIGNOR_NUMBER}/mouvements/{issued.pk}/"
    page = " ".join(html.unescape(client.get(base).content.decode()).split())
    assert "<dt>Validé le</dt><dd>29/03/2026 à 04:30</dd>" in page
    assert "<dt>Numéro de séquence</dt><dd>3 (mis à jour le 25/10/2026 à 02:30)</dd>" in page
    assert f"<dd>{issued.arc}</dd>" in page

    text = pdf_text(client.get(base + "document.pdf").content)
    assert "Validé le 29/03/2026 à 04:30:00" in text
    assert "Numéro de séquence : 3 — mis à jour le 25/10/2026 à 02:30:00" in text
    assert f"ARC : {issued.arc}" in text


def test_a_change_of_destination_without_its_updated_ie801_still_shows_the_new_sequence(world, issued):
    """Until the change of destination stores the updated IE801, the copy keeps the movement's
    newer sequence number, and the ARC and first validation the IE801 states."""
    updated = timezone.now()
    Movement.objects.filter(pk=issued.pk).update(sequence_number=2, validation_updated_at=updated)
    movement = stored_messages.show_stored_ie801(Movement.objects.get(pk=issued.pk))
    assert (movement.sequence_number, movement.validation_updated_at) == (2, updated)
    assert movement.arc == issued.arc
