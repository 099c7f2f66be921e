import pytest

from tests.factories.habilitations import build_world
from tests.factories.register import ExciseNumberFactory


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def new_number(world):
    """A second excise number of company A (the seed's company), without adhesion yet."""
    return ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)


@pytest.fixture
def as_user(client):
    """``as_user(user)`` logs ``user`` in and returns the test client."""

    def log_in(user):
        client.force_login(user)
        return client

    return log_in
