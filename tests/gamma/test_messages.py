"""gamma.messages: an EMCS message of a movement stored byte for byte, validated, with its digest."""

import datetime
import hashlib

import pytest
from django.db import transaction

from emcs import messages as emcs_messages
from emcs import xml
from gamma import mapping
from gamma import messages as stored_messages
from gamma.models import MessageDirection
from tests.factories.gamma import MovementFactory

pytestmark = pytest.mark.django_db


def validated_movement():
    return MovementFactory(validated=True, validated_at=datetime.datetime(2026, 3, 1, 9, 15, tzinfo=datetime.UTC))


def test_a_message_is_stored_as_its_validated_xml_with_its_sha256_and_identifier():
    movement = validated_movement()
    message = mapping.ie801_message(movement)
    with transaction.atomic():
        stored = stored_messages.store(message, movement=movement)
    data = bytes(stored.xml)
    assert data == xml.to_bytes(emcs_messages.build(message))
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert (stored.message_type, stored.direction) == ("IE801", MessageDirection.SENT)
    assert stored.message_identifier == message.header.message_identifier
    xml.parse_and_validate(data, "IE801")
    assert stored_messages.last(movement, "IE801") == stored
    assert stored_messages.last(movement, "IE810") is None


@pytest.mark.django_db(transaction=True)
def test_storing_outside_a_transaction_is_a_programming_error():
    movement = validated_movement()
    with pytest.raises(RuntimeError, match="transaction"):
        stored_messages.store(mapping.ie801_message(movement), movement=movement)


def test_a_message_the_schema_refuses_is_never_stored():
    movement = validated_movement()
    message = mapping.ie801_message(movement)
    message.body.excise_movement.administrative_reference_code = "not an ARC"
    with transaction.atomic(), pytest.raises(stored_messages.MessageNotValid, match="IE801"):
        stored_messages.store(message, movement=movement)
    assert not movement.messages.exists()
