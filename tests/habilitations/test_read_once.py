"""``rights.read_once``: the same rights as a fresh read, asked of the database once for the
request or message it is made for, and never beyond it."""

import pytest

from edi import credentials
from habilitations import catalogue, rights
from habilitations.models import Habilitation

PROVIDER_SIRET = "44306184100047"


@pytest.fixture
def channel_account(world):
    world.adhesion_a.edi_enabled = True
    world.adhesion_a.edi_provider_siret = PROVIDER_SIRET
    world.adhesion_a.save()
    return credentials.issue(actor=world.agent_a, provider_siret=PROVIDER_SIRET, label="ERP").credential.actor


def test_read_once_gives_the_rights_a_fresh_read_gives(world, channel_account):
    users = [world.antoine, world.luc, world.marie, world.newcomer_a, world.bob, world.agent_a, channel_account]
    for user in users:
        for teleservice in (catalogue.GAMMA, catalogue.GPS):
            scoped = rights.read_once(user)
            assert rights.rights_by_excise_number(scoped, teleservice) == rights.rights_by_excise_number(
                user, teleservice
            )
            for number in (world.excise_a, world.excise_b.number, "FR000000X0000"):
                assert rights.rights_for(scoped, teleservice, number) == rights.rights_for(user, teleservice, number)
    assert rights.rights_for(rights.read_once(channel_account), catalogue.GAMMA, world.excise_a)  # not all empty
    assert rights.read_once(None) is None


@pytest.mark.parametrize("who", ["antoine", "channel"])
def test_one_read_for_every_check_of_the_request(world, channel_account, who, django_assert_num_queries):
    user = rights.read_once(world.antoine if who == "antoine" else channel_account)
    with django_assert_num_queries(1):
        for _ in range(3):
            assert "issue_daa" in rights.rights_for(user, catalogue.GAMMA, world.excise_a)
            assert "FR008777E0001" in rights.rights_by_excise_number(user, catalogue.GAMMA)
    rights.rights_by_excise_number(user, catalogue.GAMMA).clear()  # a caller's copy: the memo is untouched
    assert "issue_daa" in rights.rights_for(user, catalogue.GAMMA, world.excise_a)


def test_a_right_taken_away_is_gone_for_the_next_request(world):
    scoped = rights.read_once(world.antoine)
    assert "issue_daa" in rights.rights_for(scoped, catalogue.GAMMA, world.excise_a)
    Habilitation.objects.filter(user=world.antoine, right="issue_daa").delete()
    assert "issue_daa" not in rights.rights_for(world.antoine, catalogue.GAMMA, world.excise_a)
    assert "issue_daa" not in rights.rights_for(rights.read_once(world.antoine), catalogue.GAMMA, world.excise_a)
    assert not hasattr(world.antoine, "_rights_read_once")
