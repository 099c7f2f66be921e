"""rights_for and the abilities: the single place every view reads."""

import pytest

from habilitations import catalogue, rights
from habilitations.models import AdhesionStatus, Habilitation
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory

pytestmark = pytest.mark.django_db


def test_rights_for_gives_exactly_the_granted_rights(world):
    assert rights.rights_for(world.antoine, "gamma", world.excise_a) == frozenset(ALL_GAMMA)
    assert rights.rights_for(world.luc, "gamma", "FR008777E0001") == {
        "prepare_daa",
        "prepare_dsa",
        "search_daa",
        "search_dsa",
    }
    assert rights.rights_for(world.luc, "gamma", world.excise_b) == frozenset()
    assert rights.rights_for(world.bob, "gamma", world.excise_a) == frozenset()


def test_gps_is_reached_with_gamma_issue_rights_only(world):
    assert rights.rights_for(world.antoine, catalogue.GPS, world.excise_a) == {"issue_daa", "issue_dsa"}
    assert rights.rights_for(world.luc, catalogue.GPS, world.excise_a) == frozenset()
    assert rights.rights_by_excise_number(world.luc, catalogue.GPS) == {}


def test_a_revoked_right_is_gone_at_once(world):
    Habilitation.objects.filter(user=world.luc, right="search_dsa").delete()
    assert "search_dsa" not in rights.rights_for(world.luc, "gamma", world.excise_a)


def test_rights_need_an_adhesion_in_force(world):
    # Rows kept but the adhesion no longer in force (e.g. put back in instruction): no rights.
    type(world.adhesion_a).objects.filter(pk=world.adhesion_a.pk).update(status=AdhesionStatus.WITHDRAWN)
    assert rights.rights_for(world.antoine, "gamma", world.excise_a) == frozenset()


def test_inactive_or_anonymous_users_hold_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    world.antoine.is_active = False
    world.antoine.save()
    assert rights.rights_for(world.antoine, "gamma", world.excise_a) == frozenset()
    assert rights.rights_for(AnonymousUser(), "gamma", world.excise_a) == frozenset()


def test_company_and_office_of(world):
    assert rights.company_of(world.luc) == world.company_a
    assert rights.company_of(world.bob) == world.company_b
    assert rights.company_of(world.agent_a) is None
    assert rights.office_of(world.agent_a) == world.office_a
    assert rights.office_of(world.luc) is None


def test_drafts_belong_to_their_preparer(world):
    draft = AdhesionFactory(excise_number=world.excise_a, prepared_by=world.luc)
    assert rights.adhesion_abilities(world.luc, draft).edit
    assert not rights.adhesion_abilities(world.antoine, draft).view
    assert not rights.adhesion_abilities(world.agent_a, draft).view  # not sent to the office yet
    assert draft not in rights.visible_adhesions(world.antoine)
    assert draft in rights.visible_adhesions(world.luc)


def test_an_office_sees_only_its_own_requests(world):
    assert set(rights.visible_adhesions(world.agent_a)) == {world.adhesion_a}
    assert set(rights.visible_adhesions(world.agent_b)) == {world.adhesion_b}
    assert not rights.adhesion_abilities(world.agent_b, world.adhesion_a).view


def test_habilitation_management_is_the_office_or_the_company_administrator(world):
    assert rights.can_manage_habilitations(world.agent_a, world.company_a, "gamma")
    assert rights.can_manage_habilitations(world.marie, world.company_a, "gamma")
    assert not rights.can_manage_habilitations(world.antoine, world.company_a, "gamma")
    assert not rights.can_manage_habilitations(world.agent_b, world.company_a, "gamma")
    assert not rights.can_manage_habilitations(world.marie, world.company_b, "gamma")


def test_an_administrator_who_leaves_the_company_loses_the_delegation(world):
    world.marie.siret = world.bob.siret
    world.marie.save()
    assert not rights.can_manage_habilitations(world.marie, world.company_a, "gamma")


def test_an_account_that_left_the_company_holds_no_right_there(world):
    world.luc.siret = world.bob.siret
    world.luc.save()
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == frozenset()
    assert rights.rights_by_excise_number(world.luc, "gamma") == {}
