"""The service functions added for the company's pages (habilitations.services)."""

import datetime

import pytest

from habilitations import rights, services
from habilitations.models import AdhesionStatus, AuditEvent
from habilitations.services import HabilitationError, LineRequest

pytestmark = pytest.mark.django_db

COMPLETE = {
    "signature_waiver": True,
    "signed_at_place": "Paris",
    "signed_on": datetime.date(2026, 11, 20),
    "legal_representative": "Marie Durand",
}


def test_save_and_submit_is_all_or_nothing(world, new_number):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    lines = [LineRequest("lucferrier", "lucferrier@example.org", frozenset({"search_daa"}))]
    with pytest.raises(HabilitationError, match="Rubrique 4"):
        services.adhesion_save_and_submit(actor=world.luc, adhesion=adhesion, data={"software_name": "X"}, lines=lines)
    adhesion.refresh_from_db()
    assert adhesion.software_name == "" and not adhesion.lines.exists()
    assert adhesion.status == AdhesionStatus.DRAFT
    services.adhesion_save_and_submit(
        actor=world.luc, adhesion=adhesion, data=COMPLETE | {"software_name": "X"}, lines=lines, screen="test"
    )
    adhesion.refresh_from_db()
    assert adhesion.status == AdhesionStatus.SUBMITTED and adhesion.lines.count() == 1


def test_set_many_writes_only_changed_accounts_all_or_nothing(world):
    changed = services.habilitations_set_many(
        actor=world.marie,
        excise_number=world.excise_a,
        teleservice="gamma",
        changes={
            world.antoine: set(rights.rights_for(world.antoine, "gamma", world.excise_a)),
            world.luc: {"search_daa"},
        },
    )
    assert changed == [world.luc]
    assert AuditEvent.objects.filter(action="habilitations_changed").count() == 1
    with pytest.raises(HabilitationError):
        services.habilitations_set_many(
            actor=world.marie,
            excise_number=world.excise_a,
            teleservice="gamma",
            changes={world.luc: {"prepare_daa"}, world.bob: {"search_daa"}},
        )
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == {"search_daa"}  # rolled back


def test_set_many_needs_an_administrator_of_that_number(world):
    with pytest.raises(HabilitationError):
        services.habilitations_set_many(
            actor=world.antoine, excise_number=world.excise_a, teleservice="gamma", changes={}
        )


def test_add_account_by_identifiant_and_email(world):
    user = services.habilitation_add_account(
        actor=world.marie,
        excise_number=world.excise_a,
        teleservice="gamma",
        username=" Nouveau ",
        email="nouveau@EXAMPLE.org",
        codes={"prepare_dsa"},
    )
    assert user == world.newcomer_a
    assert rights.rights_for(user, "gamma", world.excise_a) == {"prepare_dsa"}


@pytest.mark.parametrize(
    ("username", "email", "codes", "field"),
    [
        ("", "nouveau@example.org", {"search_daa"}, "username"),
        ("nouveau", "", {"search_daa"}, "email"),
        ("nouveau", "autre@example.org", {"search_daa"}, "username"),
        ("nouveau", "nouveau@example.org", set(), "rights"),
        ("lucferrier", "lucferrier@example.org", {"search_daa"}, "username"),
        ("bob", "bob@example.org", {"search_daa"}, None),
    ],
)
def test_add_account_refusals(world, username, email, codes, field):
    with pytest.raises(HabilitationError) as refusal:
        services.habilitation_add_account(
            actor=world.marie,
            excise_number=world.excise_a,
            teleservice="gamma",
            username=username,
            email=email,
            codes=codes,
        )
    assert refusal.value.field == field
    assert rights.rights_for(world.bob, "gamma", world.excise_a) == frozenset()
    assert rights.rights_for(world.newcomer_a, "gamma", world.excise_a) == frozenset()
