"""Issue 12, item 9, for the movements: who is told by e-mail when a document arrives, is rejected,
cancelled, diverted or discharged — the other party's accounts that see it, once each; never
another company's, one who turned the event off, one without a right to see it, nor the actor."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import NotificationPreferences
from gamma import actions, services
from gamma.actions import Reason, TraderInput
from gamma.models import DestinationType
from habilitations.models import Habilitation
from mail.models import OutboxMessage
from register.models import ExciseNumber
from tests.factories.gamma import MovementFactory
from tests.factories.habilitations import AdhesionFactory, company_user
from tests.factories.register import ExciseNumberFactory
from tests.gamma.drafting import complete_dae
from tests.gamma.support import CONSIGNEE_NUMBER, CONSIGNOR_NUMBER, load_reason_lists, shipped

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DISPATCH = TODAY - datetime.timedelta(days=2)
PUBLIC = "https://portail.example.fr"


@pytest.fixture(autouse=True)
def _setup(db, settings):
    settings.PORTAL_PUBLIC_URL = PUBLIC + "/"
    load_reason_lists()


def grant(user, number: ExciseNumber, adhesion, *codes):
    for code in codes:
        Habilitation.objects.create(
            user=user, teleservice="gamma", excise_number=number, right=code, adhesion=adhesion, granted_by=user
        )


@pytest.fixture
def people(world):
    """Beside bob (company B, every right on its number) and antoine (company A, every right):
    claire (company B, search only), denis (company B, every right, turned everything off), eric
    (company B, prepare only: sees no movement addressed to B), and marie of company A, given by
    mistake a habilitation row on B's number (rights act for one's own company only); gaston, whose
    claim to be of company B is not confirmed yet."""
    claire = company_user(world.company_b, "claire")
    denis = company_user(world.company_b, "denis")
    eric = company_user(world.company_b, "eric")
    grant(claire, world.excise_b, world.adhesion_b, "search_daa")
    grant(denis, world.excise_b, world.adhesion_b, "search_daa", "discharge_daa")
    grant(eric, world.excise_b, world.adhesion_b, "prepare_daa")
    grant(world.marie, world.excise_b, world.adhesion_b, "search_daa", "discharge_daa")
    # gaston's link to company B waits for confirmation: his rights do not act yet.
    grant(company_user(world.company_b, "gaston", claim_pending=True), world.excise_b, world.adhesion_b, "search_daa")
    NotificationPreferences.objects.create(
        user=denis, **dict.fromkeys(("movement_arrived", "movement_cancelled", "movement_diverted"), False)
    )
    # On company A's side: luc searches (told), marie searches (turned the discharge off).
    NotificationPreferences.objects.create(user=world.marie, movement_discharged=False, movement_rejected=False)
    return {"claire": claire, "denis": denis, "eric": eric}


def told() -> dict[str, OutboxMessage]:
    """Each recipient's one e-mail (fails if someone got two)."""
    messages = list(OutboxMessage.objects.all())
    by_address = {message.to[0]: message for message in messages}
    assert all(len(message.to) == 1 for message in messages)
    assert len(by_address) == len(messages), [m.to for m in messages]
    return by_address


def test_a_document_arrives_for_the_consignees_accounts_that_see_it(world, people, emcs_codelists):
    draft = complete_dae(world.antoine, world.excise_a)
    OutboxMessage.objects.all().delete()
    movement = services.movement_validate(actor=world.antoine, movement=draft)
    mails = told()
    assert set(mails) == {world.bob.email, people["claire"].email}
    message = mails[world.bob.email]
    assert message.subject == f"GAMMA : le DAE {movement.arc} vous est adressé ({CONSIGNEE_NUMBER})"
    assert f"{PUBLIC}/gamma/{CONSIGNEE_NUMBER}/mouvements/{movement.pk}/" in message.body_text
    assert f"{PUBLIC}/compte/notifications/" in message.body_text
    assert "Bonjour Jean Dupont," in message.body_text
    assert f"Expéditeur : SOCIETE DE DISTRIBUTION D'ALCOOLS ({CONSIGNOR_NUMBER})" in message.body_text


def test_a_refused_validation_tells_nobody(world, people, emcs_codelists):
    draft = complete_dae(world.antoine, world.excise_a)
    OutboxMessage.objects.all().delete()
    with pytest.raises(services.Refused):
        services.movement_validate(actor=world.luc, movement=draft)  # prepares, does not issue
    assert not OutboxMessage.objects.exists()


def test_a_cancellation_is_told_to_the_consignee(world, people):
    movement = shipped(world, dispatch_date=TODAY)
    actions.movement_cancel(
        movement=movement, actor=world.antoine, excise_number=CONSIGNOR_NUMBER, reason_code="1", today=TODAY
    )
    mails = told()
    assert set(mails) == {world.bob.email, people["claire"].email}
    assert "annulé" in mails[world.bob.email].subject
    assert "L'expéditeur a annulé le DAE" in mails[world.bob.email].body_text


def test_a_rejection_is_told_to_the_consignor_not_an_alert(world, people):
    movement = shipped(world, dispatch_date=DISPATCH)
    call = {"movement": movement, "actor": world.bob, "excise_number": CONSIGNEE_NUMBER, "today": TODAY}
    actions.movement_alert_or_reject(**call, rejected=False, reasons=[Reason("3")])
    assert not OutboxMessage.objects.exists()  # an alert: the movement goes on, nobody is mailed
    actions.movement_alert_or_reject(**call, rejected=True, reasons=[Reason("3")])
    mails = told()
    # antoine and luc see A's movements; marie turned rejections off; B's accounts are not told.
    assert set(mails) == {world.antoine.email, world.luc.email}
    message = mails[world.luc.email]
    assert "refusé par son destinataire" in message.subject
    assert f"{PUBLIC}/gamma/{CONSIGNOR_NUMBER}/mouvements/{movement.pk}/" in message.body_text


def test_a_discharge_is_told_to_the_consignor_never_to_the_actor(world, people):
    movement = shipped(world, dispatch_date=DISPATCH)
    actions.movement_report_receipt(
        movement=movement,
        actor=world.bob,
        excise_number=CONSIGNEE_NUMBER,
        date_of_arrival=TODAY,
        global_conclusion=1,
        today=TODAY,
    )
    mails = told()
    assert set(mails) == {world.antoine.email, world.luc.email}
    assert mails[world.antoine.email].subject == f"GAMMA : le DAE {movement.arc} est apuré ({CONSIGNOR_NUMBER})"
    assert "réception acceptée et satisfaisante" in mails[world.antoine.email].body_text


def test_the_actor_is_not_told_of_what_he_did(world, people):
    """A transfer between two of company A's numbers: antoine, who sees both, issues and receives."""
    second = ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    adhesion = AdhesionFactory(excise_number=second, approved=True, prepared_by=world.marie)
    grant(world.antoine, second, adhesion, "search_daa", "discharge_daa")
    grant(world.luc, second, adhesion, "search_daa")
    movement = MovementFactory(
        validated=True, consignor=world.excise_a, consignee_identifier=second.number, dispatch_date=DISPATCH
    )
    actions.movement_report_receipt(
        movement=movement,
        actor=world.antoine,
        excise_number=second.number,
        date_of_arrival=TODAY,
        global_conclusion=1,
        today=TODAY,
    )
    assert set(told()) == {world.luc.email}


def change_destination(world, movement, traderid: str):
    return actions.movement_change_destination(
        movement=movement,
        actor=world.antoine,
        excise_number=CONSIGNOR_NUMBER,
        destination_type_code=DestinationType.REGISTERED_CONSIGNEE,
        consignee=TraderInput(traderid, "CAVE DU PORT", "Quai des Chartrons", "", "33000", "BORDEAUX"),
        today=TODAY,
    )


def test_a_change_of_destination_tells_the_consignee_left_and_the_new_one(world, people):
    third = company_user(world.company_b, "fanny")  # sees B's second number only
    second_b = ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_b)
    adhesion = AdhesionFactory(excise_number=second_b, approved=True, prepared_by=world.bob)
    grant(third, second_b, adhesion, "search_daa")
    grant(world.bob, second_b, adhesion, "search_daa")  # bob sees both numbers: told once
    movement = shipped(world, dispatch_date=DISPATCH)
    change_destination(world, movement, second_b.number)
    mails = told()
    assert set(mails) == {world.bob.email, third.email, people["claire"].email}
    assert mails[world.bob.email].subject == f"GAMMA : le DAE {movement.arc} vous est adressé ({second_b.number})"
    assert f"/gamma/{second_b.number}/mouvements/{movement.pk}/" in mails[third.email].body_text
    left = mails[people["claire"].email]
    assert left.subject == f"GAMMA : la destination du DAE {movement.arc} a changé ({CONSIGNEE_NUMBER})"
    assert "il n'est plus adressé à votre numéro d'accise" in left.body_text
    # No longer B's first number's movement: the link is to that number's GAMMA, not to a 404.
    assert f"{PUBLIC}/gamma/{CONSIGNEE_NUMBER}/\n" in left.body_text
    assert "/mouvements/" not in left.body_text


def test_a_change_of_destination_to_another_company_tells_only_the_left_consignee(world, people):
    movement = shipped(world, dispatch_date=DISPATCH)
    change_destination(world, movement, "FR012345E0009")  # nobody on the portal holds it
    assert set(told()) == {world.bob.email, people["claire"].email}


def test_nothing_is_mailed_when_the_action_is_refused(world, people):
    movement = shipped(world, dispatch_date=DISPATCH)
    with pytest.raises(actions.ActionRefused):
        actions.movement_cancel(  # the date of dispatch is past
            movement=movement, actor=world.antoine, excise_number=CONSIGNOR_NUMBER, reason_code="1", today=TODAY
        )
    assert not OutboxMessage.objects.exists()
