import pytest

from tests.factories.habilitations import build_world


@pytest.fixture
def world(db):
    return build_world()
