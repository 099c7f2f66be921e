"""The queue of adhesions of the agent's office: filters by GET, counts, oldest waiting first,
pagination, and a clear message for each bad filter."""

import datetime
import re

import pytest
from django.utils import timezone

from habilitations.models import Adhesion, AdhesionStatus
from tests.factories.register import OperatorFactory
from tests.office.conftest import SEED_LUC, submitted_adhesion

pytestmark = pytest.mark.django_db


def numbers_in(response) -> list[str]:
    """The excise numbers of the queue's table, in the order shown."""
    table = response.content.decode().split('id="file-adhesions"')[1].split("</table>")[0]
    return re.findall(r">(FR\w{11})</a>", table)


@pytest.fixture
def queue(world, waiting):
    """Office A: three waiting requests (2, 5 and 1 days old), its approved one, and office B's."""
    other = OperatorFactory(siren="552100554", name="BRASSERIE DU NORD")
    older = submitted_adhesion(
        number="FR008777E0003",
        operator=world.company_a,
        office=world.office_a,
        prepared_by=world.luc,
        lines={world.luc: SEED_LUC},
        days_ago=5,
    )
    brewery = submitted_adhesion(
        number="FR007501B0001",
        operator=other,
        office=world.office_a,
        prepared_by=world.luc,
        lines={world.luc: ["search_daa"]},
        days_ago=2,
        company_name="BRASSERIE DU NORD",
    )
    Adhesion.objects.filter(pk=world.adhesion_a.pk).update(submitted_at=timezone.now() - datetime.timedelta(days=30))
    return {"waiting": waiting, "older": older, "brewery": brewery}


def test_by_default_the_waiting_requests_oldest_first(client, agent, queue, world):
    response = client.get("/bureau/")
    assert response.status_code == 200
    assert numbers_in(response) == ["FR008777E0003", "FR007501B0001", "FR008777E0002"]
    page = response.content.decode()
    assert "3 demandes correspondent à vos filtres" in page
    assert "Transmise au bureau : 3" in page
    assert "Acceptée : 1" in page
    assert "Tous les états : 4" in page
    assert world.excise_b.number not in page  # office B's request
    assert 'aria-label="Instruire la demande FR008777E0003 de SOCIETE DE DISTRIBUTION' in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?statut=approved", ["FR008777E0001"]),
        ("?statut=tous", ["FR008777E0001", "FR008777E0003", "FR007501B0001", "FR008777E0002"]),
        ("?statut=rejected", []),
        ("?numero=e0002", ["FR008777E0002"]),
        ("?numero=FR008777+E0003", ["FR008777E0003"]),
        ("?entreprise=brasserie", ["FR007501B0001"]),
        ("?entreprise=552+100", ["FR007501B0001"]),
        ("?entreprise=732829320&statut=tous", ["FR008777E0001", "FR008777E0003", "FR008777E0002"]),
    ],
)
def test_filters(client, agent, queue, query, expected):
    response = client.get("/bureau/" + query)
    assert response.status_code == 200
    if expected:
        assert numbers_in(response) == expected
    else:
        assert "Aucune demande ne correspond à ces filtres." in response.content.decode()


def test_submitted_date_range(client, agent, queue):
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=3)).isoformat()
    response = client.get(f"/bureau/?du={start}&au={today.isoformat()}")
    assert numbers_in(response) == ["FR007501B0001", "FR008777E0002"]
    # The French way of writing dates is understood too.
    response = client.get(f"/bureau/?au={(today - datetime.timedelta(days=4)):%d/%m/%Y}")
    assert numbers_in(response) == ["FR008777E0003"]


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("?statut=draft", "statut", "Choisissez un état dans la liste."),
        ("?statut=%3Cscript%3E", "statut", "Choisissez un état dans la liste."),
        ("?du=31/02/2026", "du", "Saisissez une date valide, par exemple 26/11/2026."),
        ("?au=demain", "au", "Saisissez une date valide, par exemple 26/11/2026."),
        ("?du=2026-11-20&au=2026-11-01", "au", "La date de fin doit être postérieure ou égale à la date de début."),
        ("?numero=" + "X" * 40, "numero", "Le numéro d'accise comporte 13 caractères"),
    ],
)
def test_bad_filters_are_told_next_to_the_field(client, agent, queue, query, field, message):
    response = client.get("/bureau/" + query)
    assert response.status_code == 200
    page = response.content.decode()
    assert message.replace("'", "&#x27;") in page
    assert f'id="id_{field}-error"' in page
    assert re.search(rf'aria-describedby="[^"]*id_{field}-error"', page)  # the field points to its message
    assert 'id="file-adhesions"' not in page  # no list until the filters are right
    assert "Corrigez les filtres signalés" in page


def test_drafts_never_reach_the_queue(client, agent, queue, world):
    Adhesion.objects.filter(pk=queue["brewery"].pk).update(status=AdhesionStatus.DRAFT)
    response = client.get("/bureau/?statut=tous")
    assert "FR007501B0001" not in numbers_in(response)


def test_pagination_keeps_the_filters(client, agent, world):
    for index in range(23):
        operator = OperatorFactory()
        submitted_adhesion(
            number=f"FR007501P{index:04d}",
            operator=operator,
            office=world.office_a,
            prepared_by=world.luc,
            lines={world.luc: ["search_daa"]},
            days_ago=100 - index,
        )
    first = client.get("/bureau/?numero=FR007501P")
    assert numbers_in(first) == [f"FR007501P{index:04d}" for index in range(20)]
    page = first.content.decode()
    assert "23 demandes correspondent à vos filtres — page 1 sur 2" in page
    assert 'href="?numero=FR007501P&amp;page=2"' in page
    second = client.get("/bureau/?numero=FR007501P&page=2")
    assert numbers_in(second) == ["FR007501P0020", "FR007501P0021", "FR007501P0022"]
    # A page that does not exist shows the nearest one, never an error.
    assert client.get("/bureau/?numero=FR007501P&page=abc").status_code == 200
    assert numbers_in(client.get("/bureau/?numero=FR007501P&page=99")) == numbers_in(second)
