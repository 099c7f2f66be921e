"""A MessageIdentifier is answered once: the same bytes again get the first answer byte for byte,
other bytes under it get 409; each request still leaves its evidence row."""

import json

import pytest

from edi import service
from edi.models import InboundMessage
from gamma.models import Movement
from tests.edi.conftest import post

pytestmark = pytest.mark.django_db


def test_the_same_message_twice_gets_the_first_answer_again_and_one_movement(client, edi, ie815):
    first = post(client, ie815, edi.token)
    again = post(client, ie815, edi.token)
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first
    assert Movement.objects.count() == 1
    original, replay = InboundMessage.objects.order_by("id")
    assert replay.replay_of == original and not replay.holds_identifier
    assert bytes(replay.answer) == first.content and replay.movement == original.movement


def _prefixed(data: bytes) -> bytes:
    """The same message with its namespace under a prefix (``<ie:IE815 xmlns:ie=…>``), as some
    software writes it: the same XML to a schema, not the same bytes."""
    from lxml import etree

    root = etree.fromstring(data)
    nsmap = {"ie": etree.QName(root).namespace, **{key: value for key, value in root.nsmap.items() if key}}

    def copy(element, parent=None):
        new = etree.Element(element.tag, nsmap=nsmap) if parent is None else etree.SubElement(parent, element.tag)
        new.text, new.tail = element.text, element.tail
        new.attrib.update(element.attrib)
        for child in element:
            copy(child, new)
        return new

    return etree.tostring(copy(root), xml_declaration=True, encoding="UTF-8")


def test_a_message_whose_namespace_has_a_prefix_is_recognised_by_its_identifier_too(client, edi, ie815):
    prefixed = _prefixed(ie815)
    assert prefixed.startswith(b"<?xml") and b"<ie:IE815" in prefixed
    first = post(client, prefixed, edi.token)
    again = post(client, prefixed, edi.token)
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.content == first.content
    assert Movement.objects.count() == 1
    original = InboundMessage.objects.order_by("id").first()
    assert original.message_identifier and original.message_identifier in ie815.decode()


def test_another_message_under_the_same_identifier_is_409(client, edi, ie815):
    assert post(client, ie815, edi.token).status_code == 201
    other = ie815.replace(b"<CnCode>", b"<CnCode>", 1).replace(b"</IE815>", b"</IE815>\n")
    response = post(client, other, edi.token)
    assert response.status_code == 409
    detail = json.loads(response.content)["detail"]
    assert detail.startswith("Le MessageIdentifier « ") and "a déjà servi" in detail
    assert Movement.objects.count() == 1
    assert InboundMessage.objects.filter(status=409).count() == 1


def test_a_business_refusal_is_final_for_its_identifier(client, edi, ie815):
    refused = ie815.replace(b"<LocalReferenceNumber>", b"<LocalReferenceNumber>X", 1)
    edi.world.excise_a.valid_until = edi.world.excise_a.valid_from
    edi.world.excise_a.save()
    first = post(client, refused, edi.token)
    assert first.status_code == 422, first.content
    again = post(client, refused, edi.token)
    assert (again.status_code, again.content) == (422, first.content)
    assert not Movement.objects.exists()


def test_identifiers_are_per_sender(client, edi, ie815, world):
    from edi import credentials

    world.adhesion_a.edi_enabled = True
    world.adhesion_a.save()
    own = credentials.issue(actor=world.marie, operator=world.company_a)
    assert post(client, ie815, edi.token).status_code == 201
    # The same identifier from another sender is another message (and here BR001: the LRN is taken).
    response = post(client, ie815, own.token)
    assert response.status_code == 422
    assert "Idempotent-Replayed" not in response


def test_a_dry_run_stores_nothing_not_even_the_evidence(edi, ie815):
    answer = service.submit(ie815, sender=edi.credential, channel=service.EDI, dry_run=True)
    assert answer.status == 201 and b"IE801" in answer.xml and answer.movement is None
    assert not Movement.objects.exists() and not InboundMessage.objects.exists()
    refused = service.submit(b"<pas du XML", sender=edi.credential, channel=service.EDI, dry_run=True)
    assert refused.status == 400 and refused.faults
    assert not InboundMessage.objects.exists()


def test_a_portal_user_submits_with_his_own_rights(world, ie815):
    answer = service.submit(ie815, sender=world.antoine, channel=service.UPLOAD)
    assert answer.status == 201 and answer.movement.created_by == world.antoine
    evidence = InboundMessage.objects.get()
    assert evidence.user == world.antoine and evidence.credential is None and evidence.channel == "upload"
    refused = service.submit(ie815, sender=world.luc, channel=service.UPLOAD)  # prepare only
    assert refused.status == 403
    assert refused.detail == (
        "Votre compte n'a pas le droit « Emettre un DAA / DAA secours » pour le numéro d'accise FR008777E0001."
    )


def test_an_uploaded_ie815_refused_keeps_its_draft_to_correct(world, ie815):
    world.excise_a.valid_until = world.excise_a.valid_from
    world.excise_a.save()
    answer = service.submit(ie815, sender=world.antoine, channel=service.UPLOAD)
    assert answer.status == 422 and answer.faults
    assert answer.movement is not None and answer.movement.is_draft
    assert all(fault.location.startswith("/IE815/Body/SubmittedDraftOfEADESAD") for fault in answer.faults)
