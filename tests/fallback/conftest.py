import pytest

from tests.factories.habilitations import build_world
from tests.fallback.factories import cid_agent, sau_agent


@pytest.fixture
def world(db):
    """build_world's personas (tests.factories.habilitations): bob holds the seven GAMMA rights on
    FR009990F0005 (the seed's GPS example, office B « Bureau d'Auch »); antoineleris the seven on
    FR008777E0001 (office A); lucferrier only prepares and searches there."""
    return build_world()


@pytest.fixture
def cid(db):
    return cid_agent()


@pytest.fixture
def sau(db):
    return sau_agent()
