"""Company A (build_world) and EMCS messages of its users: a complete DAE of A to B as an IE815,
and one whose date of dispatch has passed (schema-valid, refused by rule DATE-EXP)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from gamma import mapping
from gamma import messages as gamma_messages
from gamma.demo import dae_draft, dae_sections
from tests.edi.conftest import receiver  # noqa: F401 - a fixture shared with tests/edi
from tests.factories.habilitations import build_world


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


def ie815_of(world, *, lrn: str, today: datetime.date | None = None) -> bytes:
    """The IE815 of a DAE of A to B (the draft that made it is deleted: only the message stays)."""
    draft = dae_draft(world.antoine, world.excise_a, dae_sections(lrn=lrn, today=today))
    data = gamma_messages.serialise(mapping.ie815_message(draft))
    draft.delete()
    return data


@pytest.fixture
def ie815(world, emcs_codelists) -> bytes:
    return ie815_of(world, lrn="LRN-DEPOT-1")


@pytest.fixture
def late_ie815(world, emcs_codelists) -> bytes:
    """Schema-valid, but dispatched ten days ago: refused by the rule book, not by the schema."""
    return ie815_of(world, lrn="LRN-DEPOT-2", today=timezone.localdate() - datetime.timedelta(days=10))
