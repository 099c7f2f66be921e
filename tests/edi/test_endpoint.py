"""POST /edi/v1/messages: an IE815 becomes a validated movement and gets its IE801."""

import pytest
from lxml import etree

from edi.models import InboundMessage
from emcs import xml
from gamma import messages as gamma_messages
from gamma.models import Movement, MovementStatus
from tests.edi.conftest import post

pytestmark = pytest.mark.django_db


def test_an_ie815_is_validated_and_answered_with_its_ie801(client, edi, ie815):
    response = post(client, ie815, edi.token)
    assert response.status_code == 201, response.content.decode()
    assert response["Content-Type"] == "application/xml"
    root = xml.parse_and_validate(response.content)
    assert xml.message_type(root) == "IE801"
    movement = Movement.objects.get()
    assert movement.status == MovementStatus.ACCEPTED and movement.arc
    assert movement.arc.encode() in response.content
    assert movement.created_by == edi.credential.actor
    evidence = InboundMessage.objects.get()
    assert bytes(evidence.data) == ie815 and evidence.status == 201 and bytes(evidence.answer) == response.content
    assert evidence.message_type == "IE815" and evidence.credential == edi.credential and evidence.holds_identifier
    assert evidence.movement == movement
    assert etree.QName(root).localname == "IE801"
    # The answer is the IE801 stored with the movement, byte for byte.
    assert response.content == bytes(gamma_messages.last(movement, "IE801").xml)
