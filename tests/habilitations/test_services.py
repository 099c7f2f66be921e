"""The use cases, rule by rule, with the French message of each refusal."""

import datetime
import logging

import pytest
from django.core import mail
from django.db import IntegrityError, transaction

from habilitations import rights, services
from habilitations.models import Adhesion, AdhesionStatus, AuditEvent, Delegation, DelegationKind
from habilitations.services import HabilitationError, LineRequest
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory, company_user
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.django_db
BASE = "http://testserver/"


@pytest.fixture
def new_number(world):
    """A second excise number of company A, without adhesion yet."""
    return ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)


def fill(adhesion, actor, lines):
    return services.adhesion_update(
        actor=actor,
        adhesion=adhesion,
        data={
            "signature_waiver": True,
            "signed_at_place": "Paris",
            "signed_on": datetime.date(2026, 11, 26),
            "legal_representative": "Marie Durand",
        },
        lines=lines,
    )


def test_a_company_user_prepares_submits_and_the_office_approves(world, new_number, django_capture_on_commit_callbacks):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    assert adhesion.status == AdhesionStatus.DRAFT
    assert adhesion.siren == world.company_a.siren
    assert adhesion.company_name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert adhesion.customs_office == world.office_a
    fill(
        adhesion,
        world.luc,
        [
            LineRequest("antoineleris", "antoineleris@example.org", frozenset(ALL_GAMMA)),
            LineRequest("LucFerrier", "LUCFERRIER@example.org", frozenset({"prepare_daa", "search_daa"})),
        ],
    )
    services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    assert adhesion.status == AdhesionStatus.SUBMITTED
    assert adhesion in rights.visible_adhesions(world.agent_a)

    with django_capture_on_commit_callbacks(execute=True):
        services.adhesion_approve(actor=world.agent_a, adhesion=adhesion, base_url=BASE)
    assert rights.rights_for(world.luc, "gamma", new_number) == {"prepare_daa", "search_daa"}
    assert rights.rights_for(world.antoine, "gamma", new_number) == frozenset(ALL_GAMMA)
    # The accounts it names, its preparer (luc) and the company's GAMMA administrator (marie).
    assert sorted(m.to[0] for m in mail.outbox) == [
        "antoineleris@example.org",
        "lucferrier@example.org",
        "marie@example.org",
    ]
    assert "acceptée" in mail.outbox[0].subject
    actions = list(AuditEvent.objects.filter(adhesion=adhesion).values_list("action", flat=True))
    assert sorted(actions) == ["adhesion_approved", "adhesion_created", "adhesion_submitted"]


def test_lines_must_name_an_activated_account_by_identifiant_and_email(world, new_number):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    with pytest.raises(HabilitationError, match="Ligne 1 : aucun compte ProDou@ne activé"):
        fill(adhesion, world.luc, [LineRequest("antoineleris", "autre@example.org", frozenset({"search_daa"}))])
    inactive = company_user(world.company_a, "dormant", is_active=False, activated_at=None)
    with pytest.raises(HabilitationError, match="Ligne 1"):
        fill(adhesion, world.luc, [LineRequest(inactive.username, inactive.email, frozenset({"search_daa"}))])
    with pytest.raises(HabilitationError, match="droit inconnu"):
        fill(adhesion, world.luc, [LineRequest("antoineleris", "antoineleris@example.org", frozenset({"root"}))])
    with pytest.raises(HabilitationError, match="figure déjà"):
        fill(
            adhesion,
            world.luc,
            [
                LineRequest("antoineleris", "antoineleris@example.org", frozenset({"search_daa"})),
                LineRequest("antoineleris", "antoineleris@example.org", frozenset({"search_dsa"})),
            ],
        )
    assert adhesion.lines.count() == 0


def test_submit_checks_the_form_against_the_register(world, new_number):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    with pytest.raises(HabilitationError, match="au moins un compte"):
        services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    fill(adhesion, world.luc, [LineRequest("lucferrier", "lucferrier@example.org", frozenset({"search_daa"}))])
    adhesion.signature_waiver = False
    adhesion.save()
    with pytest.raises(HabilitationError, match="dispense de signature"):
        services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    adhesion.signature_waiver = True
    adhesion.siren = "123456789"
    adhesion.save()
    with pytest.raises(HabilitationError, match="SIREN ne correspond pas"):
        services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    adhesion.siren = world.company_a.siren
    adhesion.save()
    new_number.valid_until = datetime.date(2020, 1, 1)
    new_number.valid_from = datetime.date(2019, 1, 1)
    new_number.save()
    with pytest.raises(HabilitationError, match="n'est pas valide aujourd'hui"):
        services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    adhesion.refresh_from_db()
    assert adhesion.status == AdhesionStatus.DRAFT


def test_one_active_adhesion_per_excise_number(world):
    with pytest.raises(HabilitationError, match="une seule adhésion"):
        services.adhesion_start(actor=world.luc, excise_number=world.excise_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        AdhesionFactory(excise_number=world.excise_a, submitted=True, prepared_by=world.luc)


def test_only_the_company_may_prepare_for_its_numbers(world, caplog):
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(HabilitationError):
        services.adhesion_start(actor=world.bob, excise_number=world.excise_a)
    assert "bob" in caplog.text


def test_reject_needs_a_reason_and_tells_the_company(world, new_number, django_capture_on_commit_callbacks):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    fill(adhesion, world.luc, [LineRequest("lucferrier", "lucferrier@example.org", frozenset({"search_daa"}))])
    services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    with pytest.raises(HabilitationError, match="motif"):
        services.adhesion_reject(actor=world.agent_a, adhesion=adhesion, reason="  ", base_url=BASE)
    with django_capture_on_commit_callbacks(execute=True):
        services.adhesion_reject(actor=world.agent_a, adhesion=adhesion, reason="Signature manquante", base_url=BASE)
    assert adhesion.status == AdhesionStatus.REJECTED
    assert "Signature manquante" in mail.outbox[0].body
    assert rights.rights_for(world.luc, "gamma", new_number) == frozenset()
    # Once refused, the number is free for a new request.
    assert services.adhesion_start(actor=world.luc, excise_number=new_number).status == AdhesionStatus.DRAFT


def test_another_office_cannot_instruct(world, new_number):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    fill(adhesion, world.luc, [LineRequest("lucferrier", "lucferrier@example.org", frozenset({"search_daa"}))])
    services.adhesion_submit(actor=world.luc, adhesion=adhesion)
    with pytest.raises(HabilitationError):
        services.adhesion_approve(actor=world.agent_b, adhesion=adhesion, base_url=BASE)
    with pytest.raises(HabilitationError):
        services.adhesion_approve(actor=world.luc, adhesion=adhesion, base_url=BASE)
    assert Adhesion.objects.get(pk=adhesion.pk).status == AdhesionStatus.SUBMITTED


def test_the_office_updates_the_operator_in_the_register(world, new_number):
    adhesion = AdhesionFactory(excise_number=new_number, submitted=True, prepared_by=world.luc)
    services.operator_update_from_adhesion(
        actor=world.agent_a,
        adhesion=adhesion,
        name="SDA",
        address="16 avenue de la République",
        postal_code="75011",
        city="PARIS",
    )
    world.company_a.refresh_from_db()
    assert world.company_a.name == "SDA"
    event = AuditEvent.objects.get(action="operator_updated")
    assert event.before["name"] == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert event.after["name"] == "SDA"


def test_the_company_administrator_changes_habilitations_within_the_company(world):
    services.habilitations_set(
        actor=world.marie,
        user=world.luc,
        excise_number=world.excise_a,
        teleservice="gamma",
        codes={"search_daa"},
        screen="test",
    )
    assert rights.rights_for(world.luc, "gamma", world.excise_a) == {"search_daa"}
    services.habilitations_set(
        actor=world.marie,
        user=world.newcomer_a,
        excise_number=world.excise_a,
        teleservice="gamma",
        codes={"search_dsa"},
    )
    assert rights.rights_for(world.newcomer_a, "gamma", world.excise_a) == {"search_dsa"}
    event = AuditEvent.objects.filter(action="habilitations_changed").order_by("at", "id").first()
    assert event.before == {"user": "lucferrier", "rights": ["prepare_daa", "prepare_dsa", "search_daa", "search_dsa"]}
    assert event.after == {"user": "lucferrier", "rights": ["search_daa"]}
    assert event.actor == world.marie and event.screen == "test"


@pytest.mark.parametrize(
    "attempt",
    ["own_rights", "other_company_number", "other_company_user", "right_not_offered", "not_admin"],
)
def test_escalation_attempts_are_refused_and_logged(world, attempt, caplog):
    kwargs = {
        "actor": world.marie,
        "user": world.luc,
        "excise_number": world.excise_a,
        "teleservice": "gamma",
        "codes": {"search_daa"},
    }
    if attempt == "own_rights":
        kwargs["user"] = world.marie
        kwargs["codes"] = set(ALL_GAMMA)
    elif attempt == "other_company_number":
        kwargs["excise_number"] = world.excise_b
    elif attempt == "other_company_user":
        kwargs["user"] = world.bob
    elif attempt == "right_not_offered":
        kwargs["codes"] = {"search_daa", "superuser"}
    elif attempt == "not_admin":
        kwargs["actor"] = world.antoine
    before = {
        user.username: rights.rights_for(user, "gamma", number)
        for user in (world.marie, world.luc, world.bob)
        for number in (world.excise_a, world.excise_b)
    }
    with caplog.at_level(logging.WARNING, logger="prodouane.security"), pytest.raises(HabilitationError):
        services.habilitations_set(**kwargs)
    assert "Refused forged request" in caplog.text
    after = {
        user.username: rights.rights_for(user, "gamma", number)
        for user in (world.marie, world.luc, world.bob)
        for number in (world.excise_a, world.excise_b)
    }
    assert after == before


def test_delegation_correspondent_then_administrator(world):
    services.delegation_grant(actor=world.agent_a, user=world.antoine, operator=world.company_a, kind="correspondent")
    services.delegation_grant(
        actor=world.agent_a, user=world.antoine, operator=world.company_a, kind="admin", teleservice="gamma"
    )
    assert rights.can_manage_habilitations(world.antoine, world.company_a, "gamma")


def test_administrator_needs_the_correspondent_status_first(world):
    with pytest.raises(HabilitationError, match="correspondant"):
        services.delegation_grant(
            actor=world.agent_a, user=world.luc, operator=world.company_a, kind="admin", teleservice="gamma"
        )


def test_an_administrator_cannot_appoint_unless_the_office_allowed_it(world):
    services.delegation_grant(actor=world.agent_a, user=world.luc, operator=world.company_a, kind="correspondent")
    with pytest.raises(HabilitationError):
        services.delegation_grant(
            actor=world.marie, user=world.luc, operator=world.company_a, kind="admin", teleservice="gamma"
        )
    with pytest.raises(HabilitationError):
        services.delegation_grant(actor=world.marie, user=world.luc, operator=world.company_a, kind="correspondent")
    Delegation.objects.filter(user=world.marie, kind=DelegationKind.TELESERVICE_ADMIN).update(may_appoint_admins=True)
    appointed = services.delegation_grant(
        actor=world.marie,
        user=world.luc,
        operator=world.company_a,
        kind="admin",
        teleservice="gamma",
        may_appoint_admins=True,
    )
    assert appointed.may_appoint_admins is False  # only the office hands that power on


def test_the_office_of_another_company_cannot_delegate(world):
    with pytest.raises(HabilitationError):
        services.delegation_grant(actor=world.agent_b, user=world.luc, operator=world.company_a, kind="correspondent")


def test_revoking_the_correspondent_status_revokes_administration(world):
    correspondent = Delegation.objects.get(user=world.marie, kind=DelegationKind.CORRESPONDENT)
    services.delegation_revoke(actor=world.agent_a, delegation=correspondent)
    assert not Delegation.objects.filter(user=world.marie).exists()
    assert not rights.can_manage_habilitations(world.marie, world.company_a, "gamma")


def test_the_audit_trail_is_append_only(world):
    services.delegation_grant(actor=world.agent_a, user=world.luc, operator=world.company_a, kind="correspondent")
    event = AuditEvent.objects.get()
    event.summary = "effacé"
    with pytest.raises(ValueError, match="ajout seul"):
        event.save()
    with pytest.raises(ValueError, match="ajout seul"):
        event.delete()


def test_audit_trail_is_shown_to_the_office_and_the_company_only(world):
    services.delegation_grant(actor=world.agent_a, user=world.luc, operator=world.company_a, kind="correspondent")
    assert services.audit_trail_for(actor=world.agent_a, operator=world.company_a).count() == 1
    assert services.audit_trail_for(actor=world.marie, operator=world.company_a).count() == 1
    assert services.audit_trail_for(actor=world.bob, operator=world.company_a).count() == 0
    assert services.audit_trail_for(actor=world.agent_b, operator=world.company_a).count() == 0
    assert services.audit_trail_for(actor=world.antoine, operator=world.company_a).count() == 0


def test_the_administrator_removes_the_rows_of_someone_who_left(world):
    world.luc.siret = world.bob.siret
    world.luc.save()
    with pytest.raises(HabilitationError, match="n'est pas rattaché"):
        services.habilitations_set(
            actor=world.marie, user=world.luc, excise_number=world.excise_a, teleservice="gamma", codes={"search_daa"}
        )
    services.habilitations_set(
        actor=world.marie, user=world.luc, excise_number=world.excise_a, teleservice="gamma", codes=set()
    )
    assert not world.luc.habilitations.exists()
    assert AuditEvent.objects.filter(action="habilitations_changed").count() == 1
