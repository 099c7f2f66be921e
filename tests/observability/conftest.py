import pytest

from tests.factories.habilitations import build_world


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def closed_port():
    """A local TCP port where nothing listens (bound then closed)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
