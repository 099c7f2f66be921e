import pytest

from tests.factories.habilitations import build_world
from tests.fallback.factories import sau_agent
from tests.outbox.factories import build_outboxes


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def sau(db):
    return sau_agent()


@pytest.fixture
def outboxes(world):
    return build_outboxes(world)
