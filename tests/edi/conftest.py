"""Company A (build_world) sends its messages through an EDI provider named on its adhesion."""

from dataclasses import dataclass

import pytest
from django.core.cache import cache

from edi import credentials
from gamma import mapping
from gamma import messages as gamma_messages
from tests.factories.habilitations import build_world
from tests.gamma.drafting import complete_dae

PROVIDER_SIRET = "44306184100047"  # a valid SIRET (Luhn) of a provider that is not in the register


@dataclass
class Edi:
    world: object
    issued: credentials.Issued

    @property
    def credential(self):
        return self.issued.credential

    @property
    def token(self) -> str:
        return self.issued.token


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def edi(world) -> Edi:
    """A's adhesion names the provider; the provider's credential, issued by A's office."""
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    return Edi(world=world, issued=credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="ERP"))


@pytest.fixture
def ie815(world, emcs_codelists) -> bytes:
    """A complete DAE of A to B as an IE815 (the draft that made it is deleted)."""
    draft = complete_dae(world.antoine, world.excise_a)
    data = gamma_messages.serialise(mapping.ie815_message(mapping_draft := draft))
    mapping_draft.delete()
    return data


def post(client, data: bytes, token: str | None, content_type: str = "application/xml", **headers):
    if token is not None:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client.post("/edi/v1/messages", data=data, content_type=content_type, **headers)


@pytest.fixture
def receiver(tmp_path, settings):
    """A local HTTPS receiver of EDI notifications (tests.edi.receiver), trusted by the sender."""
    from tests.edi import receiver as local

    found, server = local.start(tmp_path)
    settings.EDI_WEBHOOK_CA_FILE = str(found.ca_file)
    settings.EDI_WEBHOOK_ALLOW_PRIVATE = True
    yield found
    server.shutdown()
    server.server_close()
