"""``rights.holders``: who holds a right on a number, in one statement, says what ``rights_for``
says of each account — the company's own confirmed, activated accounts, under an adhesion in
force; never another company's account, a pending claim, a staff account or a former member."""

import pytest

from accounts.models import ClaimStatus, User
from habilitations import catalogue, rights
from habilitations.models import AdhesionStatus, Habilitation
from tests.factories.habilitations import build_world, company_user

pytestmark = pytest.mark.django_db


def test_holders_agree_with_rights_for_for_every_account():
    world = build_world()
    pending = company_user(world.company_a, "enattente", claim_pending=True)
    left = company_user(world.company_a, "parti")
    for user in (pending, left, world.bob, world.agent_a):  # rows a rights check must not honour
        Habilitation.objects.create(
            user=user,
            teleservice=catalogue.GAMMA,
            excise_number=world.excise_a,
            right="search_daa",
            adhesion=world.adhesion_a,
            granted_by=world.marie,
        )
    left.siret_status = ClaimStatus.REFUSED
    left.save()
    for codes in ({"search_daa"}, {"discharge_daa"}, {"issue_daa", "search_dsa"}):
        found = set(rights.holders(catalogue.GAMMA, world.excise_a, codes))
        expected = {
            user for user in User.objects.all() if rights.rights_for(user, catalogue.GAMMA, world.excise_a) & codes
        }
        assert found == expected, codes
    assert set(rights.holders(catalogue.GAMMA, "FR008777E0001", {"search_daa"})) == {
        world.antoine,
        world.luc,
        world.marie,
    }
    world.adhesion_a.status = AdhesionStatus.WITHDRAWN
    world.adhesion_a.save()
    assert not rights.holders(catalogue.GAMMA, world.excise_a, {"search_daa"}).exists()
