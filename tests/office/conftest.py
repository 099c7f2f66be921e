import datetime

import pytest
from django.utils import timezone

from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory, build_world
from tests.factories.register import ExciseNumberFactory

SEED_LUC = ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"]


@pytest.fixture
def world(db):
    return build_world()


def submitted_adhesion(*, number: str, operator, office, prepared_by, lines, days_ago: int = 1, **kwargs):
    """A request waiting for ``office``, transmitted ``days_ago`` days ago."""
    excise_number = ExciseNumberFactory(
        number=number, operator=operator, customs_office=office, product_categories=["S", "W"]
    )
    return AdhesionFactory(
        excise_number=excise_number,
        submitted=True,
        submitted_at=timezone.now() - datetime.timedelta(days=days_ago),
        prepared_by=prepared_by,
        lines=lines,
        **kwargs,
    )


@pytest.fixture
def waiting(world):
    """Company A's request for a second number, waiting for office A: antoineleris with the seven
    rights, lucferrier with the seed's four."""
    return submitted_adhesion(
        number="FR008777E0002",
        operator=world.company_a,
        office=world.office_a,
        prepared_by=world.marie,
        lines={world.antoine: ALL_GAMMA, world.luc: SEED_LUC},
    )


@pytest.fixture
def agent(client, world):
    client.force_login(world.agent_a)
    return world.agent_a
