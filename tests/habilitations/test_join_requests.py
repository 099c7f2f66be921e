"""« Demander à rejoindre l'entreprise » (issue 12, item 8): an employee whose company already has an
adhesion waiting or in force sees its administrator (name, masked address) and asks to join it; the
request is the account's company claim, one open per account; the administrator accepts it (twice
changes nothing) or refuses it with a reason; the requester withdraws it."""

import datetime
import zoneinfo

import pytest
import time_machine

from accounts.models import ClaimStatus
from habilitations import claims, join_requests, rights, selectors
from habilitations.models import AuditEvent, Delegation, DelegationKind
from habilitations.services import HabilitationError
from mail.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import company_user
from tests.factories.register import EstablishmentFactory, LegalUnitFactory, _valid_siret

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@pytest.fixture
def establishment_a(world):
    unit = LegalUnitFactory(siren=world.company_a.siren, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS")
    return EstablishmentFactory(legal_unit=unit, nic="0029", siret=_valid_siret(world.company_a.siren, 29))


@pytest.fixture
def julie(world):
    """An employee of company A whose account names no company yet."""
    return UserFactory(username="julie", first_name="Julie", last_name="Martin", siret="", company_name="")


def test_the_offer_shows_the_administrator_with_a_masked_address(world, julie, establishment_a):
    world.marie.first_name, world.marie.last_name = "Marie", "Durand"
    world.marie.save()
    offer = join_requests.join_offer(user=julie, siret=establishment_a.siret)
    assert offer.company == world.company_a and not offer.pending and offer.leaving is None
    assert offer.administrator == world.marie and offer.administrator_name == "Marie Durand"
    assert offer.administrator_email == "m***@example.org"
    assert selectors.masked_email("jean.dupont@exemple.fr") == "j***@exemple.fr"
    assert selectors.masked_email("") == "" and selectors.masked_email("sans-arobase") == ""


def test_no_offer_without_adhesion_waiting_or_in_force_nor_for_members_agents_or_bad_numbers(world, julie):
    world.adhesion_a.status = "withdrawn"
    world.adhesion_a.save()
    siret_a = _valid_siret(world.company_a.siren, 29)
    assert join_requests.join_offer(user=julie, siret=siret_a) is None  # no adhesion waiting or in force
    siret_b = _valid_siret(world.company_b.siren, 17)
    assert join_requests.join_offer(user=julie, siret=siret_b) is not None  # B's adhesion is in force
    assert join_requests.join_offer(user=world.bob, siret=siret_b) is None  # bob is B's already
    assert join_requests.join_offer(user=world.agent_a, siret=siret_b) is None
    fullwidth = "".join(chr(0xFF10 + int(d)) for d in "35324915400017")  # digits, but not ASCII ones
    for bad in ["", "123", "3532491540001\x00", fullwidth]:
        assert join_requests.join_offer(user=julie, siret=bad) is None


def test_asking_to_join_makes_a_waiting_claim_with_its_message_and_mails_the_administrator(
    world, julie, establishment_a
):
    with time_machine.travel(datetime.datetime(2026, 12, 4, 23, 30, tzinfo=PARIS), tick=False):
        join_requests.ask_to_join(
            actor=julie, siret=establishment_a.siret, message="  Service logistique, Rungis.  ", screen="test"
        )
    julie.refresh_from_db()
    assert julie.siret == establishment_a.siret and julie.siret_status == ClaimStatus.CLAIMED
    assert julie.siret_claim_message == "Service logistique, Rungis."
    assert rights.claimed_company(julie) == world.company_a and rights.company_of(julie) is None
    assert list(selectors.pending_claims(operator=world.company_a)) == [julie]
    event = AuditEvent.objects.get(action="claim_requested")
    assert event.operator == world.company_a and event.after["message"] == "Service logistique, Rungis."
    [mail] = OutboxMessage.objects.filter(to=["marie@example.org"])
    assert mail.subject == "Demande pour rejoindre SOCIETE DE DISTRIBUTION D'ALCOOLS : Martin Julie"
    assert "Service logistique, Rungis." in mail.body_text and "julie@example.org" in mail.body_text
    assert "Demandes pour rejoindre l'entreprise" in mail.body_text
    assert "http" not in mail.body_text  # no link, hence no token
    waiting = join_requests.pending_request(user=julie)
    assert waiting.pending and waiting.administrator == world.marie
    assert waiting.since.astimezone(PARIS).date() == datetime.date(2026, 12, 4)


def test_one_open_request_per_account_and_company(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    with pytest.raises(HabilitationError, match="est déjà en attente"):
        join_requests.ask_to_join(actor=julie, siret=establishment_a.siret, message="encore")
    julie.refresh_from_db()
    assert julie.siret_claim_message == ""
    assert AuditEvent.objects.filter(action="claim_requested").count() == 1
    assert OutboxMessage.objects.filter(to=["marie@example.org"]).count() == 1
    with pytest.raises(HabilitationError, match="déjà rattaché"):
        join_requests.ask_to_join(actor=world.luc, siret=establishment_a.siret)


@pytest.mark.parametrize(
    ("message", "expected"),
    [("x" * 501, "ne doit pas dépasser 500 caractères"), ("a\x00b", "caractère non autorisé")],
)
def test_a_bad_message_changes_nothing(world, julie, establishment_a, message, expected):
    with pytest.raises(HabilitationError, match=expected) as refusal:
        join_requests.ask_to_join(actor=julie, siret=establishment_a.siret, message=message)
    assert refusal.value.field == "message"
    julie.refresh_from_db()
    assert julie.siret == "" and not AuditEvent.objects.exists() and not OutboxMessage.objects.exists()


def test_a_customs_agent_does_not_ask_to_join(world, establishment_a):
    with pytest.raises(HabilitationError, match="agent des douanes"):
        join_requests.ask_to_join(actor=world.agent_a, siret=establishment_a.siret)
    assert not AuditEvent.objects.exists()


def test_a_company_without_adhesion_is_not_offered(world, julie, establishment_a):
    world.adhesion_a.status = "withdrawn"
    world.adhesion_a.save()
    with pytest.raises(HabilitationError, match="ni demande d'adhésion en cours ni adhésion acceptée"):
        join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    julie.refresh_from_db()
    assert julie.siret == ""


def test_accepting_attaches_without_rights_and_twice_changes_nothing(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    claims.claim_decide(actor=world.marie, account=julie, accept=True, screen="test")
    claims.claim_decide(actor=world.marie, account=julie, accept=True, screen="test")  # double click
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CONFIRMED and rights.company_of(julie) == world.company_a
    assert rights.rights_by_excise_number(julie, "gamma") == {}  # no right yet: the administrator grants them
    assert julie in selectors.company_accounts(operator=world.company_a)
    assert AuditEvent.objects.filter(action="claim_confirmed").count() == 1
    assert OutboxMessage.objects.filter(to=["julie@example.org"]).count() == 1
    with pytest.raises(HabilitationError, match="n'est plus en attente"):
        claims.claim_decide(actor=world.marie, account=julie, accept=False)


def test_refusing_with_a_reason_tells_the_requester(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    claims.claim_decide(actor=world.marie, account=julie, accept=False, reason=" Inconnue du service. ")
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.REFUSED and julie.siret_refusal_reason == "Inconnue du service."
    assert AuditEvent.objects.get(action="claim_refused").after["reason"] == "Inconnue du service."
    [mail] = OutboxMessage.objects.filter(to=["julie@example.org"])
    assert "Motif indiqué : Inconnue du service." in mail.body_text
    # Refused, she may ask again: a new request, the former reason forgotten.
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret, message="Je suis arrivée lundi.")
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED and julie.siret_refusal_reason == ""


def test_a_too_long_refusal_reason_changes_nothing(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    with pytest.raises(HabilitationError, match="ne doit pas dépasser 500"):
        claims.claim_decide(actor=world.marie, account=julie, accept=False, reason="x" * 501)
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED


def test_only_the_company_s_administrator_decides(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    b_admin = company_user(world.company_b, "admin.b")
    Delegation.objects.create(
        user=b_admin, operator=world.company_b, kind=DelegationKind.CORRESPONDENT, granted_by=world.agent_b
    )
    for actor in (world.luc, b_admin, world.agent_a, world.bob):
        with pytest.raises(HabilitationError):
            claims.claim_decide(actor=actor, account=julie, accept=True)
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED


def test_the_requester_withdraws_the_waiting_request(world, julie, establishment_a):
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    claims.claim_withdraw(actor=julie, screen="test")
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.WITHDRAWN and rights.claimed_company(julie) is None
    assert list(selectors.pending_claims(operator=world.company_a)) == []
    assert join_requests.pending_request(user=julie) is None
    assert AuditEvent.objects.get(action="claim_withdrawn").after["claim"] == "withdrawn"
    with pytest.raises(HabilitationError, match="n'est plus en attente"):
        claims.claim_decide(actor=world.marie, account=julie, accept=True)
    with pytest.raises(HabilitationError, match="aucune demande de rattachement en attente"):
        claims.claim_withdraw(actor=julie)
    # Withdrawn, she may ask again.
    assert join_requests.join_offer(user=julie, siret=establishment_a.siret).pending is False
    join_requests.ask_to_join(actor=julie, siret=establishment_a.siret)
    julie.refresh_from_db()
    assert julie.siret_status == ClaimStatus.CLAIMED


def test_the_administrator_is_a_gamma_administrator_still_attached_first(world):
    assert selectors.company_administrator(operator=world.company_a) == world.marie
    assert selectors.company_administrator(operator=world.company_b) is None  # no correspondent yet
    world.marie.siret_status = ClaimStatus.REFUSED  # no longer attached: no longer its administrator
    world.marie.save()
    assert selectors.company_administrator(operator=world.company_a) is None
