"""The office's view of the fallback procedure: its requests, authorisations, the incidents and the
fallback numbers of its operators not yet regularised, with the CSV export."""

import csv
import datetime
import html
import io

import pytest
from django.utils import timezone

from fallback import services
from fallback.models import DocumentStatus
from tests.factories.gamma import MovementFactory
from tests.fallback.factories import AssistanceRequestFactory, IncidentFactory, authorisation_for


def text(response) -> str:
    return html.unescape(response.content.decode())


def issue(user, number: str):
    return services.issue_fallback_document(
        actor=user,
        nature="DAA",
        excise_number=number,
        vehicle_registration="457TY24",
        dispatch_at=timezone.now() + datetime.timedelta(minutes=20),
    )


@pytest.fixture
def documents(world):
    IncidentFactory()
    ours = [issue(world.bob, "FR009990F0005") for _ in range(2)]
    theirs = issue(world.antoine, "FR008777E0001")
    ours[1].status = DocumentStatus.LATE
    ours[1].late_since = timezone.now()
    ours[1].save()
    return ours, theirs


@pytest.mark.parametrize("persona", ["anonymous", "bob", "cid", "sau"])
def test_the_office_pages_do_not_exist_for_anyone_but_agents(client, world, cid, sau, persona):
    if persona != "anonymous":
        client.force_login({"bob": world.bob, "cid": cid, "sau": sau}[persona])
    assert client.get("/bureau/secours/").status_code == 404
    assert client.get("/bureau/secours/documents.csv").status_code == 404


def test_the_overview_shows_the_offices_own_numbers_requests_authorisations_and_incidents(client, world, documents):
    ours, theirs = documents
    waiting = AssistanceRequestFactory(requester=world.bob, excise_number=world.excise_b, escalated=True)
    elsewhere = AssistanceRequestFactory(requester=world.antoine, excise_number=world.excise_a, escalated=True)
    authorisation_for(world.excise_b, requester=world.bob, agent=world.agent_b)
    client.force_login(world.agent_b)

    page = text(client.get("/bureau/secours/"))

    assert f"Décider de la demande n° {waiting.pk} (FR009990F0005)" in page
    assert f"Décider de la demande n° {elsewhere.pk} " not in page
    assert ours[0].number in page and ours[1].number in page and theirs.number not in page
    assert "En retard" in page
    autorisations = page[page.index('id="autorisations"') :]
    assert "FR009990F0005" in autorisations and "en cours" in autorisations
    assert "Alerte rouge" in page[page.index("Incidents sur GAMMA") :]


def test_regularised_documents_leave_the_default_list(client, world, documents):
    ours, _ = documents
    movement = MovementFactory(
        consignor=world.excise_b,
        local_reference_number=ours[0].number,
        deferred_submission=True,
        validated=True,
        complete=False,
    )
    services.mark_regularised(document=ours[0], movement=movement)
    client.force_login(world.agent_b)
    page = text(client.get("/bureau/secours/"))
    assert ours[0].number not in page and ours[1].number in page
    assert ours[0].number in text(client.get("/bureau/secours/", {"statut": "tous"}))


def test_the_csv_export_lists_the_offices_documents_not_regularised(client, world, documents):
    ours, _theirs = documents
    client.force_login(world.agent_b)

    response = client.get("/bureau/secours/documents.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="documents-secours-FR003200.csv"' in response["Content-Disposition"]
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Numéro de document", "Numéro d'accise", "Opérateur", "Nature"]
    assert {row[0] for row in rows[1:]} == {ours[0].number, ours[1].number}
    late = next(row for row in rows if row[0] == ours[1].number)
    assert (
        late[9] == "En retard"
        and late[8] == "Alerte rouge sur GAMMA"
        and late[2] == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    )
    filtered = client.get("/bureau/secours/documents.csv", {"statut": "late"}).content.decode()
    assert ours[1].number in filtered and ours[0].number not in filtered


def test_the_csv_never_lets_a_spreadsheet_read_a_formula(client, world, documents):
    ours, _ = documents
    ours[0].issued_by.username = "=cmd"  # what a hostile value would look like
    ours[0].issued_by.save(update_fields=["username"])
    client.force_login(world.agent_b)
    content = client.get("/bureau/secours/documents.csv").content.decode()
    assert ";'=cmd;" in content and ";=cmd;" not in content
