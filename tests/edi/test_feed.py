"""The feed over HTTP: ``GET /edi/v1/messages?after=CURSOR&limit=N`` gives a credential the messages
addressed to the excise numbers it reads (those it acts for with « Rechercher DAA »), oldest first,
page by page with the signed cursor ``next``; ``GET /edi/v1/messages/{id}`` gives one message's XML,
and the same 404 for another company's message as for none. A cursor or a limit the feed refuses
is a 400 in French; the reading counts in the credential's rate limit."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from django.core import signing
from django.test import override_settings
from django.utils import timezone

from edi import credentials
from emcs import xml
from gamma import actions, feed, inbox
from gamma.models import FeedEntry, Movement, MovementMessage
from habilitations import catalogue
from habilitations.models import Habilitation
from tests.edi.conftest import post

pytestmark = pytest.mark.django_db

CONSIGNOR = "FR008777E0001"  # company A: its provider's credential (the fixture ``edi``)
CONSIGNEE = "FR009990F0005"  # company B: its own credential (``edi_b``)
OPENAPI = Path(__file__).resolve().parents[2] / "edi" / "openapi.yaml"


@pytest.fixture
def edi_b(world):
    """Company B's own credential (its adhesion opens the EDI channel), issued by B's office."""
    world.adhesion_b.edi_enabled = True
    world.adhesion_b.save()
    return credentials.issue(actor=world.agent_b, operator=world.company_b, label="ERP B")


def read(client, token, **query):
    return client.get("/edi/v1/messages", data=query, HTTP_AUTHORIZATION=f"Bearer {token}")


def page(client, token, **query) -> dict:
    response = read(client, token, **query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def get_message(client, token, url):
    return client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def issued(client, edi, ie815) -> Movement:
    """A's DAE to B, validated through the endpoint with A's provider's credential."""
    assert post(client, ie815, edi.token).status_code == 201
    return Movement.objects.get()


def test_each_party_finds_the_ie801_then_the_consignee_the_cancellation(client, world, edi, edi_b, issued):
    first = page(client, edi_b.token)
    [entry] = first["messages"]
    stored = MovementMessage.objects.get(message_type="IE801")
    assert entry | {"created_at": None, "url": None} == {
        "id": stored.pk,
        "type": "IE801",
        "arc": issued.arc,
        "sequence": 1,
        "excise_number": CONSIGNEE,
        "created_at": None,
        "url": None,
    }
    created = dt.datetime.fromisoformat(entry["created_at"])
    assert created.utcoffset() is not None and created == stored.created_at
    assert entry["url"] == f"http://testserver/edi/v1/messages/{stored.pk}"
    response = get_message(client, edi_b.token, entry["url"])
    assert response.status_code == 200 and response["Content-Type"] == "application/xml"
    assert response.content == bytes(stored.xml)
    assert response["Cache-Control"] == read(client, edi_b.token)["Cache-Control"] == "no-store"

    [own] = page(client, edi.token)["messages"]  # the consignor's copy, in A's feed
    assert (own["id"], own["excise_number"]) == (stored.pk, CONSIGNOR)

    # A cancels: the notice goes to B's feed, after the cursor B kept; none to its author.
    actions.movement_cancel(movement=issued, actor=world.antoine, excise_number=CONSIGNOR, reason_code="1")
    second = page(client, edi_b.token, after=first["next"])
    assert [(item["type"], item["arc"], item["sequence"]) for item in second["messages"]] == [
        ("IE810", issued.arc, None)  # an IE810 carries no sequence number
    ]
    assert page(client, edi_b.token, after=second["next"])["messages"] == []
    assert [item["type"] for item in page(client, edi.token)["messages"]] == ["IE801"]


def test_the_feed_pages_with_its_cursor_and_never_gives_a_message_twice(client, world, edi, edi_b, issued):
    for _ in range(4):
        actions.movement_explain_delay(
            movement=issued, actor=world.antoine, excise_number=CONSIGNOR, explanation_code="4"
        )
    seen, after, sizes = [], None, []
    while True:
        query = {"limit": 2} | ({"after": after} if after else {})
        body = page(client, edi_b.token, **query)
        if not body["messages"]:
            break
        sizes.append(len(body["messages"]))
        seen += [item["id"] for item in body["messages"]]
        after = body["next"]
    expected = list(
        FeedEntry.objects.filter(excise_number=CONSIGNEE).order_by("id").values_list("message_id", flat=True)
    )
    assert seen == expected and len(seen) == 5  # the IE801, then the four IE837
    assert sizes == [2, 2, 1]
    # An empty page gives a cursor to wait from: the same position (the string holds the moment it
    # was signed, so it differs when a second passed between the two pages).
    assert feed._position(body["next"]) == feed._position(after)


BAD_CURSORS = {
    "made up": lambda: "nope",
    "a bare position": lambda: "1",
    "signed for something else": lambda: signing.dumps(1, salt="another"),
    "too long": lambda: "x" * 300,
}


@pytest.mark.parametrize("kind", BAD_CURSORS)
def test_a_cursor_the_portal_did_not_give_is_a_400_in_french(client, edi_b, kind):
    response = read(client, edi_b.token, after=BAD_CURSORS[kind]())
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    document = response.json()
    assert document["status"] == 400 and document["title"] == "Requête invalide"
    assert document["detail"].startswith("Curseur invalide")


def test_an_altered_cursor_is_a_400(client, edi_b, issued):
    cursor = page(client, edi_b.token)["next"]
    altered = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
    assert read(client, edi_b.token, after=altered).status_code == 400


@pytest.mark.parametrize("limit", ["0", "501", "-1", "abc", "1.5", "", "99999999"])
def test_a_limit_out_of_range_is_a_400_in_french(client, edi_b, limit):
    response = read(client, edi_b.token, limit=limit)
    assert response.status_code == 400
    assert "de 1 à 500" in response.json()["detail"]


def test_another_companys_message_is_as_unknown_as_a_message_that_does_not_exist(client, world, edi, edi_b, issued):
    actions.movement_cancel(movement=issued, actor=world.antoine, excise_number=CONSIGNOR, reason_code="1")
    notice = MovementMessage.objects.get(message_type="IE810")  # in B's feed only
    assert get_message(client, edi_b.token, f"/edi/v1/messages/{notice.pk}").status_code == 200
    answers = [
        get_message(client, edi.token, f"/edi/v1/messages/{ident}")
        for ident in (notice.pk, notice.pk + 1000, 0, "abc", "9" * 40, f"{notice.pk}.0")
    ]
    assert {response.status_code for response in answers} == {404}
    assert len({response.content for response in answers}) == 1
    assert answers[0]["Content-Type"] == "application/problem+json"
    assert "Aucun message" in json.loads(answers[0].content)["detail"]


def test_a_number_is_read_only_with_the_consultation_right(client, world, edi, edi_b, issued):
    stored = MovementMessage.objects.get(message_type="IE801")
    Habilitation.objects.filter(excise_number=world.excise_b, right=catalogue.SEARCH_DAA.code).delete()
    assert page(client, edi_b.token)["messages"] == []
    assert get_message(client, edi_b.token, f"/edi/v1/messages/{stored.pk}").status_code == 404
    assert len(page(client, edi.token)["messages"]) == 1  # A still reads its own copy


def test_reading_needs_a_credential_in_force(client, world, edi_b, issued):
    assert read(client, "edi_0000000000000000.nope").status_code == 401
    credentials.revoke(actor=world.agent_b, credential=edi_b.credential)
    assert read(client, edi_b.token).status_code == 401
    stored = MovementMessage.objects.get(message_type="IE801")
    assert client.get(f"/edi/v1/messages/{stored.pk}").status_code == 401


def test_other_methods_are_a_405(client, edi_b):
    response = client.delete("/edi/v1/messages", HTTP_AUTHORIZATION=f"Bearer {edi_b.token}")
    assert response.status_code == 405 and response["Allow"] == "GET, POST"
    response = client.post("/edi/v1/messages/1", HTTP_AUTHORIZATION=f"Bearer {edi_b.token}")
    assert response.status_code == 405 and response["Allow"] == "GET"


@override_settings()
def test_reading_counts_in_the_rate_limit(client, edi_b, issued, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "edi": "2/m/key"}
    stored = MovementMessage.objects.get(message_type="IE801")
    assert read(client, edi_b.token).status_code == 200
    assert get_message(client, edi_b.token, f"/edi/v1/messages/{stored.pk}").status_code == 200
    for response in (read(client, edi_b.token), get_message(client, edi_b.token, f"/edi/v1/messages/{stored.pk}")):
        assert response.status_code == 429 and response["Retry-After"] == "60"
        assert "Réessayez dans 60 secondes" in response.json()["detail"]


def test_a_message_to_two_numbers_of_one_credential_comes_once(client, world, edi, issued):
    """A provider acting for both parties reads an IE801 addressed to both once."""
    world.adhesion_b.edi_enabled = True
    world.adhesion_b.edi_provider_siret = edi.credential.provider_siret
    world.adhesion_b.save()
    assert feed.recipients_of(issued, "IE801") == [CONSIGNOR, CONSIGNEE]
    [entry] = page(client, edi.token)["messages"]
    assert entry["excise_number"] == CONSIGNOR


def test_a_page_is_as_the_contract_describes_it(client, world, edi_b, issued):
    actions.movement_cancel(movement=issued, actor=world.antoine, excise_number=CONSIGNOR, reason_code="1")
    body = page(client, edi_b.token)
    assert [item["sequence"] for item in body["messages"]] == [1, None]
    components = yaml.safe_load(OPENAPI.read_bytes())["components"]
    jsonschema.Draft202012Validator(
        {"$ref": "#/components/schemas/PageDuFil", "components": components},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    ).validate(body)


def test_the_consignee_reads_the_reminder_then_the_diversion_notice_and_the_consignor_neither(
    client, world, edi, edi_b, issued
):
    """The IE802 of an overdue receipt, then the IE803 when the consignor sends the goods elsewhere:
    both in B's feed after the IE801, with the ARC and the sequence number each carries."""
    first = page(client, edi_b.token)
    today = timezone.localdate()
    Movement.objects.filter(pk=issued.pk).update(dispatch_date=today - dt.timedelta(days=5), journey_time="D02")
    assert len(inbox.remind_overdue_receipts(today=today, base_url="https://pro.example.org")) == 1
    issued.refresh_from_db()
    actions.movement_change_destination(
        movement=issued,
        actor=world.antoine,
        excise_number=CONSIGNOR,
        destination_type_code=2,
        consignee=actions.TraderInput("FR012345E0009", "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
    )

    body = page(client, edi_b.token, after=first["next"])
    assert [(item["type"], item["arc"], item["sequence"], item["excise_number"]) for item in body["messages"]] == [
        ("IE802", issued.arc, 1, CONSIGNEE),
        ("IE803", issued.arc, 2, CONSIGNEE),  # the sequence number after the change
    ]
    for item in body["messages"]:
        response = get_message(client, edi_b.token, item["url"])
        assert response.status_code == 200 and response["Content-Type"] == "application/xml"
        assert response.content == bytes(MovementMessage.objects.get(pk=item["id"]).xml)
        xml.parse_and_validate(response.content, item["type"])
    components = yaml.safe_load(OPENAPI.read_bytes())["components"]
    jsonschema.Draft202012Validator({"$ref": "#/components/schemas/PageDuFil", "components": components}).validate(body)
    # The consignor reads its IE801 and the updated one: neither notice, which are not addressed to it.
    assert [item["type"] for item in page(client, edi.token)["messages"]] == ["IE801", "IE801"]
    notice = MovementMessage.objects.get(message_type="IE803")
    assert get_message(client, edi.token, f"/edi/v1/messages/{notice.pk}").status_code == 404
