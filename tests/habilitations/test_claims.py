"""The account's link to its company is a claim (issue 10, item 6): nothing of the company until it
is confirmed, by the company's correspondent or by the office accepting an adhesion; an adhesion
names only accounts claiming its company; a person who changes employer claims again."""

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import ClaimStatus
from habilitations import claims, rights, selectors, services
from habilitations.models import AdhesionStatus, AuditEvent, Delegation, Habilitation
from habilitations.services import HabilitationError, LineRequest
from mail.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import ALL_GAMMA, company_user
from tests.factories.register import (
    CustomsOfficeFactory,
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
    OperatorFactory,
    _valid_siren,
    _valid_siret,
)

pytestmark = pytest.mark.django_db


def test_an_unconfirmed_claim_gives_nothing_of_the_company(world):
    claimant = company_user(world.company_a, "candidat", claim_pending=True)
    # Even rows granted by mistake give no right while the claim waits.
    Habilitation.objects.create(
        user=claimant,
        teleservice="gamma",
        excise_number=world.excise_a,
        right="search_daa",
        adhesion=world.adhesion_a,
        granted_by=world.agent_a,
    )
    assert rights.company_of(claimant) is None
    assert rights.claimed_company(claimant) == world.company_a
    assert rights.rights_for(claimant, "gamma", world.excise_a) == frozenset()
    assert rights.rights_by_excise_number(claimant, "gamma") == {}
    assert list(rights.visible_adhesions(claimant)) == []
    assert not rights.adhesion_abilities(claimant, world.adhesion_a).view
    # Company A has a correspondent (marie): the claim goes through her, no adhesion meanwhile.
    assert rights.adhesion_company(claimant) is None
    assert not rights.can_prepare_adhesion(claimant, world.excise_a)
    assert claimant not in selectors.company_accounts(operator=world.company_a)
    assert list(selectors.pending_claims(operator=world.company_a)) == [claimant]


def test_a_refused_claim_gives_nothing_either(world):
    refused = company_user(world.company_a, "refuse", claim_refused=True)
    assert rights.company_of(refused) is None and rights.claimed_company(refused) is None
    assert not rights.claims_for(refused, world.company_a)
    assert list(selectors.pending_claims(operator=world.company_a)) == []


def test_the_correspondent_accepts_a_claim_and_it_is_in_the_audit_trail(world):
    claimant = company_user(world.company_a, "candidat", claim_pending=True)
    claims.claim_decide(actor=world.marie, account=claimant, accept=True, screen="test")
    claimant.refresh_from_db()
    assert claimant.siret_status == ClaimStatus.CONFIRMED
    assert claimant.siret_decided_by == world.marie and claimant.siret_decided_at is not None
    assert rights.company_of(claimant) == world.company_a
    assert rights.adhesion_abilities(claimant, world.adhesion_a).view
    event = AuditEvent.objects.get(action="claim_confirmed")
    assert (event.actor, event.operator) == (world.marie, world.company_a)
    [message] = [m for m in OutboxMessage.objects.all() if m.to == ["candidat@example.org"]]
    assert message.subject == "Votre rattachement à SOCIETE DE DISTRIBUTION D'ALCOOLS : accepté"
    assert "a été acceptée par son correspondant" in message.body_text
    assert event.before["claim"] == "claimed" and event.after == {
        "user": "candidat",
        "siret": claimant.siret,
        "claim": "confirmed",
    }


def test_the_correspondent_refuses_a_claim(world):
    claimant = company_user(world.company_a, "candidat", claim_pending=True)
    claims.claim_decide(actor=world.marie, account=claimant, accept=False)
    claimant.refresh_from_db()
    assert claimant.siret_status == ClaimStatus.REFUSED and rights.company_of(claimant) is None
    assert AuditEvent.objects.filter(action="claim_refused", operator=world.company_a).exists()
    [message] = [m for m in OutboxMessage.objects.all() if m.to == ["candidat@example.org"]]
    assert "a été refusée par son correspondant" in message.body_text


@pytest.mark.parametrize("decider", ["luc", "bob", "agent_a"])
def test_only_the_company_s_correspondent_decides_claims(world, decider):
    claimant = company_user(world.company_a, "candidat", claim_pending=True)
    with pytest.raises(HabilitationError):
        claims.claim_decide(actor=getattr(world, decider), account=claimant, accept=True)
    claimant.refresh_from_db()
    assert claimant.siret_status == ClaimStatus.CLAIMED
    assert not AuditEvent.objects.filter(action__startswith="claim_").exists()


def test_a_claim_already_decided_or_of_another_company_is_not_decided_again(world):
    other = company_user(world.company_b, "autre", claim_pending=True)
    with pytest.raises(HabilitationError, match="n'est plus en attente"):
        claims.claim_decide(actor=world.marie, account=other, accept=True)
    with pytest.raises(HabilitationError, match="n'est plus en attente"):
        claims.claim_decide(actor=world.marie, account=world.luc, accept=False)  # confirmed already
    assert other.siret_status == ClaimStatus.CLAIMED
    world.luc.refresh_from_db()
    assert world.luc.siret_status == ClaimStatus.CONFIRMED


# --- An adhesion names only accounts whose claim is for its company ---------------------------------


@pytest.fixture
def new_number(world):
    return ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)


def fill(adhesion, actor, lines):
    return services.adhesion_update(actor=actor, adhesion=adhesion, data={}, lines=lines)


def test_an_adhesion_may_not_name_an_account_of_another_company(world, new_number):
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    with pytest.raises(HabilitationError, match="n'est pas rattaché à SOCIETE DE DISTRIBUTION") as refused:
        fill(
            adhesion,
            world.luc,
            [
                LineRequest("lucferrier", "lucferrier@example.org", frozenset({"search_daa"})),
                LineRequest("bob", "bob@example.org", frozenset({"search_daa"})),
            ],
        )
    assert refused.value.field == "ligne-2-identifiant"
    assert not adhesion.lines.exists()


def test_an_adhesion_may_name_a_pending_claim_of_its_company_but_not_a_refused_one(world, new_number):
    pending = company_user(world.company_a, "candidat", claim_pending=True)
    company_user(world.company_a, "refuse", claim_refused=True)
    adhesion = services.adhesion_start(actor=world.luc, excise_number=new_number)
    fill(adhesion, world.luc, [LineRequest("candidat", "candidat@example.org", frozenset({"search_daa"}))])
    assert [line.user for line in adhesion.lines.all()] == [pending]
    with pytest.raises(HabilitationError, match="Ligne 1 : le compte « refuse » n'est pas rattaché"):
        fill(adhesion, world.luc, [LineRequest("refuse", "refuse@example.org", frozenset({"search_daa"}))])


# --- The first adhesion of a company without correspondent -------------------------------------------


@pytest.fixture
def company_c(db):
    """A company the portal has never seen: one excise number, no adhesion, no correspondent."""
    office = CustomsOfficeFactory(code="FR004940", name="Bureau de Saumur")
    operator = OperatorFactory(siren=_valid_siren(49400000), name="LES CAVES DE LA LOIRE")
    number = ExciseNumberFactory(number="FR014940D0007", operator=operator, customs_office=office)
    agent = UserFactory(username="agent.saumur", is_staff=True, customs_office=office, siret="", company_name="")
    return operator, number, agent


def complete(adhesion, actor, lines):
    return services.adhesion_save_and_submit(
        actor=actor,
        adhesion=adhesion,
        data={
            "signature_waiver": True,
            "signed_at_place": "Saumur",
            "signed_on": adhesion.signed_on,
            "legal_representative": "Anne Moreau",
        },
        lines=lines,
    )


def test_an_unconfirmed_preparer_submits_the_first_adhesion_and_the_office_confirms_the_claims(company_c):
    operator, number, agent = company_c
    preparer = company_user(operator, "premier", claim_pending=True)
    colleague = company_user(operator, "collegue", claim_pending=True)
    assert rights.adhesion_company(preparer) == operator
    adhesion = services.adhesion_start(actor=preparer, excise_number=number)
    adhesion.signed_on = timezone.localdate(adhesion.created_at)
    complete(
        adhesion,
        preparer,
        [
            LineRequest("premier", "premier@example.org", frozenset(ALL_GAMMA)),
            LineRequest("collegue", "collegue@example.org", frozenset({"search_daa"})),
        ],
    )
    adhesion.refresh_from_db()
    assert adhesion.status == AdhesionStatus.SUBMITTED
    # He follows his own request, and nothing else of the company.
    assert list(rights.visible_adhesions(preparer)) == [adhesion]
    assert rights.adhesion_abilities(preparer, adhesion).view
    assert not rights.adhesion_abilities(colleague, adhesion).view
    assert rights.rights_for(preparer, "gamma", number) == frozenset()

    services.adhesion_approve(actor=agent, adhesion=adhesion, base_url="http://testserver/")
    for account in (preparer, colleague):
        account.refresh_from_db()
        assert account.siret_status == ClaimStatus.CONFIRMED and account.siret_decided_by == agent
    assert rights.rights_for(preparer, "gamma", number) == frozenset(ALL_GAMMA)
    assert rights.rights_for(colleague, "gamma", number) == {"search_daa"}
    confirmed = AuditEvent.objects.filter(action="claim_confirmed", adhesion=adhesion)
    assert sorted(event.after["user"] for event in confirmed) == ["collegue", "premier"]


def test_an_unconfirmed_preparer_sees_none_of_the_company_s_existing_adhesions(world):
    """Company B has no correspondent: a newcomer claiming it may prepare its adhesions, but sees
    neither bob's adhesion in force nor anything else of B."""
    other_number = ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_b)
    newcomer = company_user(world.company_b, "nouveau.b", claim_pending=True)
    assert rights.can_prepare_adhesion(newcomer, other_number)
    assert not rights.adhesion_abilities(newcomer, world.adhesion_b).view
    assert list(rights.visible_adhesions(newcomer)) == []
    own = services.adhesion_start(actor=newcomer, excise_number=other_number)
    assert list(rights.visible_adhesions(newcomer)) == [own]
    assert rights.rights_for(newcomer, "gamma", world.excise_b) == frozenset()


def test_once_the_company_has_a_correspondent_an_unconfirmed_account_no_longer_prepares(world):
    newcomer = company_user(world.company_b, "nouveau.b", claim_pending=True)
    Delegation.objects.create(user=world.bob, operator=world.company_b, kind="correspondent", granted_by=world.agent_b)
    assert rights.adhesion_company(newcomer) is None
    with pytest.raises(HabilitationError):
        services.adhesion_start(actor=newcomer, excise_number=world.excise_b)


# --- Changing employer ---------------------------------------------------------------------------


@pytest.fixture
def company_b_establishment(world):
    unit = LegalUnitFactory(siren=world.company_b.siren, denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    return EstablishmentFactory(legal_unit=unit, nic="0017", siret=_valid_siret(world.company_b.siren, 17))


def test_changing_employer_claims_the_new_company_and_ends_the_former_one_s_rights(world, company_b_establishment):
    marie = world.marie  # correspondent and GAMMA administrator of A, search_daa on FR008777E0001
    claims.claim_change(actor=marie, siret=company_b_establishment.siret, screen="test")
    marie.refresh_from_db()
    assert marie.siret == company_b_establishment.siret
    assert marie.company_name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert marie.siret_status == ClaimStatus.CLAIMED and marie.siret_decided_by is None
    assert rights.company_of(marie) is None and rights.claimed_company(marie) == world.company_b
    assert not Habilitation.objects.filter(user=marie).exists()
    assert not Delegation.objects.filter(user=marie).exists()
    left = AuditEvent.objects.get(action="claim_left")
    assert left.operator == world.company_a and left.actor == marie
    assert left.before["habilitations"] == {"FR008777E0001": ["search_daa"]}
    assert left.before["delegations"] == ["Administrateur téléservice", "Correspondant Prodou@ne"]
    requested = AuditEvent.objects.get(action="claim_requested")
    assert requested.operator == world.company_b and requested.after["claim"] == "claimed"
    # She sees nothing of B until B confirms her.
    assert not rights.adhesion_abilities(marie, world.adhesion_b).view


def test_another_establishment_of_the_same_company_keeps_the_claim_confirmed(world):
    unit = LegalUnitFactory(siren=world.company_a.siren, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    other = EstablishmentFactory(legal_unit=unit, nic="0029", siret=_valid_siret(world.company_a.siren, 29))
    claims.claim_change(actor=world.luc, siret=other.siret)
    world.luc.refresh_from_db()
    assert world.luc.siret == other.siret and world.luc.siret_status == ClaimStatus.CONFIRMED
    assert rights.rights_for(world.luc, "gamma", world.excise_a)


@pytest.mark.parametrize(
    ("siret", "message"),
    [("123", "14 chiffres"), ("35324915400018", ""), (_valid_siret("732829320", 55), "Aucun établissement")],
)
def test_a_wrong_siret_changes_nothing(world, siret, message):
    before = (world.luc.siret, world.luc.siret_status)
    with pytest.raises(HabilitationError) as refused:
        claims.claim_change(actor=world.luc, siret=siret)
    assert refused.value.field == "siret" and message in refused.value.message
    world.luc.refresh_from_db()
    assert (world.luc.siret, world.luc.siret_status) == before
    assert rights.rights_for(world.luc, "gamma", world.excise_a)


def test_the_migration_confirms_the_links_trusted_so_far(world):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("accounts.migrations.0004_company_claim")
    world.luc.siret_status = ClaimStatus.CLAIMED
    world.luc.save()
    nobody = UserFactory(username="sans.entreprise", siret="", company_name="", siret_status=ClaimStatus.CLAIMED)
    migration.confirm_existing_links(apps, None)
    world.luc.refresh_from_db()
    nobody.refresh_from_db()
    assert world.luc.siret_status == ClaimStatus.CONFIRMED
    assert nobody.siret_status == ClaimStatus.CLAIMED


def test_the_demo_has_a_claim_for_antoineleris_to_decide():
    import io

    from django.core.management import call_command

    from accounts.models import User

    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent: the claim stays pending
    antoine, camille = User.objects.get(username="antoineleris"), User.objects.get(username="camilleroux")
    assert antoine.siret_status == ClaimStatus.CONFIRMED and camille.siret_status == ClaimStatus.CLAIMED
    company = rights.company_of(antoine)
    assert rights.can_decide_claims(antoine, company)
    assert list(selectors.pending_claims(operator=company)) == [camille]
    assert rights.company_of(User.objects.get(username="jdupont")) is not None


def test_a_customs_agent_does_not_claim_a_company(world, company_b_establishment):
    with pytest.raises(HabilitationError, match="agent des douanes") as refused:
        claims.claim_change(actor=world.agent_a, siret=company_b_establishment.siret)
    assert refused.value.field == "siret"
    world.agent_a.refresh_from_db()
    assert world.agent_a.siret == "" and rights.claimed_company(world.agent_a) is None
    client = Client()
    client.force_login(world.agent_a)
    assert "Changer d'entreprise de rattachement" not in client.get("/compte/references/").content.decode()


def test_a_customs_agent_whose_account_once_claimed_a_company_holds_nothing_of_it(world):
    """An account that registered with a company's SIRET and was then made a customs agent: its
    claim is not offered to the correspondent, who cannot accept it, nor can an adhesion name it or
    confirm it; a link confirmed before it became staff gives no right (it would act for a
    company as well as instruct it)."""
    agent = world.agent_a
    agent.siret, agent.siret_status = world.luc.siret, ClaimStatus.CLAIMED
    agent.save(update_fields=["siret", "siret_status"])
    assert rights.claimed_company(agent) is None and not rights.claims_for(agent, world.company_a)
    assert agent not in selectors.pending_claims(operator=world.company_a)
    with pytest.raises(HabilitationError):
        claims.claim_decide(actor=world.marie, account=agent, accept=True, screen="test")
    agent.refresh_from_db()
    assert agent.siret_status == ClaimStatus.CLAIMED
    agent.siret_status = ClaimStatus.CONFIRMED
    agent.save(update_fields=["siret_status"])
    Habilitation.objects.create(
        user=agent,
        teleservice="gamma",
        excise_number=world.excise_a,
        right="search_daa",
        adhesion=world.adhesion_a,
        granted_by=world.marie,
    )
    assert rights.company_of(agent) is None
    assert rights.rights_for(agent, "gamma", world.excise_a) == frozenset()
    assert rights.rights_by_excise_number(agent, "gamma") == {}
    assert agent not in selectors.company_accounts(operator=world.company_a)
