"""The EDI channel's rights (habilitations.rights): a credential's channel account acts for the
numbers whose adhesion in force has the EDI option and names its holder, with the union of the
rights the company's accounts still attached to it hold there; and who manages credentials."""

import pytest

from accounts.models import ClaimStatus
from edi import credentials
from habilitations import rights
from habilitations.models import AdhesionStatus, Delegation, DelegationKind
from tests.factories.habilitations import company_user
from tests.factories.register import OperatorFactory

pytestmark = pytest.mark.django_db

PROVIDER = "44306184100047"


@pytest.fixture
def provider_credential(world):
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER
    world.adhesion_a.save()
    return credentials.issue(actor=world.agent_a, provider_siret=PROVIDER).credential


def test_the_channel_holds_the_union_of_the_company_accounts_rights(world, provider_credential):
    actor = provider_credential.actor
    assert rights.edi_credential_of(actor) == provider_credential
    assert rights.edi_credential_of(world.antoine) is None
    assert rights.rights_for(actor, "gamma", "FR008777E0001") == rights.rights_for(
        world.antoine, "gamma", "FR008777E0001"
    ) | rights.rights_for(world.luc, "gamma", "FR008777E0001")
    assert rights.rights_for(actor, "gamma", "FR009990F0005") == frozenset()
    assert rights.rights_for(actor, "gps", "FR008777E0001") == {"issue_daa", "issue_dsa"}


def test_an_account_that_left_the_company_no_longer_lends_its_rights(world, provider_credential):
    for user in (world.antoine, world.luc, world.marie):
        user.siret_status = ClaimStatus.REFUSED
        user.save()
    assert rights.edi_channel_rights(provider_credential, "gamma") == {"FR008777E0001": frozenset()}


def test_without_the_option_an_adhesion_in_force_or_once_revoked_nothing(world, provider_credential):
    actor = provider_credential.actor
    world.adhesion_a.status = AdhesionStatus.WITHDRAWN
    world.adhesion_a.save()
    assert rights.rights_by_excise_number(actor, "gamma") == {}
    world.adhesion_a.status = AdhesionStatus.APPROVED
    world.adhesion_a.edi_enabled = False
    world.adhesion_a.save()
    assert rights.rights_by_excise_number(actor, "gamma") == {}
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.save()
    credentials.revoke(actor=world.agent_a, credential=provider_credential)
    assert rights.rights_by_excise_number(actor, "gamma") == {}


def test_who_manages_credentials(world):
    may = rights.may_manage_edi_credentials
    assert may(world.marie, operator=world.company_a)  # GAMMA administrator of A
    assert may(world.agent_a, operator=world.company_a)  # the office in charge
    assert not may(world.antoine, operator=world.company_a)
    assert not may(world.agent_b, operator=world.company_a)
    assert not may(world.bob, operator=world.company_a)
    # A provider: the offices whose adhesions name it, and its own correspondent.
    assert not may(world.agent_a, provider_siret=PROVIDER)
    world.adhesion_a.edi_provider_siret = PROVIDER
    world.adhesion_a.save()
    assert may(world.agent_a, provider_siret=PROVIDER) and not may(world.agent_b, provider_siret=PROVIDER)
    provider = OperatorFactory(siren=PROVIDER[:9], name="PRESTATAIRE EDI")
    correspondent = company_user(provider, "prestataire")
    assert not may(correspondent, provider_siret=PROVIDER)
    Delegation.objects.create(
        user=correspondent, operator=provider, kind=DelegationKind.CORRESPONDENT, granted_by=world.agent_a
    )
    assert may(correspondent, provider_siret=PROVIDER)
    assert not may(world.marie, provider_siret=PROVIDER)  # a client never manages its provider's
