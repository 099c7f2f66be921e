"""Issue 12, item 9: « Mon compte > Notifications » (each person's choice, kept), and who is told of
an adhesion's steps — its preparer and the company's administrators when it is transmitted, with
the accounts it names when it is decided, the office's agents of a new one to instruct; never
another company's account, another office's agent, or one who turned the event off."""

import html

import pytest
from django.urls import reverse

from accounts import notifications
from accounts.models import NotificationPreferences
from habilitations import services
from habilitations.models import Delegation, DelegationKind
from mail.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.habilitations import ALL_GAMMA, AdhesionFactory, build_world, office_agent
from tests.factories.register import ExciseNumberFactory

pytestmark = pytest.mark.django_db

BASE = "https://portail.example.fr/"
PAGE = "/compte/notifications/"


@pytest.fixture
def world(db, settings):
    settings.PORTAL_PUBLIC_URL = BASE
    return build_world()


@pytest.fixture
def draft(world):
    """Company A's draft for a second number, prepared by luc, naming antoine; office A's mailbox
    has an address, office A has a second agent who turned « to instruct » off, and bob (company
    B) holds by mistake an administrator's delegation for company A."""
    world.office_a.email = "bureau.paris@douane.gouv.fr"
    world.office_a.save()
    number = ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    quiet_agent = office_agent(world.office_a, "agent.discret")
    NotificationPreferences.objects.create(user=quiet_agent, adhesion_to_instruct=False)
    Delegation.objects.create(
        user=world.bob,
        operator=world.company_a,
        kind=DelegationKind.TELESERVICE_ADMIN,
        teleservice="gamma",
        granted_by=world.agent_a,
    )
    return AdhesionFactory(excise_number=number, prepared_by=world.luc, lines={world.antoine: ALL_GAMMA})


def told() -> dict[str, OutboxMessage]:
    messages = list(OutboxMessage.objects.all())
    assert all(len(message.to) == 1 for message in messages)
    by_address = {message.to[0]: message for message in messages}
    assert len(by_address) == len(messages), [m.to for m in messages]  # nobody twice
    return by_address


def test_a_transmitted_adhesion_tells_the_office_the_preparer_and_the_administrator(world, draft):
    services.adhesion_submit(actor=world.luc, adhesion=draft)
    mails = told()
    assert set(mails) == {"bureau.paris@douane.gouv.fr", world.agent_a.email, world.luc.email, world.marie.email}
    to_instruct = mails[world.agent_a.email]
    assert to_instruct.subject == "Demande d'adhésion à GAMMA à instruire — FR008777E0002"
    assert f"{BASE}bureau/adhesions/{draft.pk}/" in to_instruct.body_text
    transmitted = mails[world.marie.email]
    assert transmitted.subject == (
        "Votre demande d'adhésion à GAMMA pour FR008777E0002 est transmise au bureau de douane"
    )
    assert "Bureau de Paris" in transmitted.body_text
    assert f"{BASE}compte/notifications/" in transmitted.body_text


def test_an_administrator_who_turned_it_off_is_not_told_of_the_transmission(world, draft):
    NotificationPreferences.objects.create(user=world.marie, adhesion_submitted=False)
    services.adhesion_submit(actor=world.luc, adhesion=draft)
    assert world.marie.email not in told()
    assert world.luc.email in told()


def test_the_decision_tells_the_company_side_as_each_chose(world, draft):
    services.adhesion_submit(actor=world.luc, adhesion=draft)
    OutboxMessage.objects.all().delete()
    NotificationPreferences.objects.create(user=world.marie, adhesion_approved=False)
    services.adhesion_approve(actor=world.agent_a, adhesion=draft, base_url=BASE)
    mails = told()
    assert set(mails) == {world.luc.email, world.antoine.email}  # not marie (off), not bob (company B)
    assert all(message.subject.endswith(": acceptée") for message in mails.values())


def test_a_refusal_tells_the_administrator_who_only_turned_acceptances_off(world, draft):
    services.adhesion_submit(actor=world.luc, adhesion=draft)
    OutboxMessage.objects.all().delete()
    NotificationPreferences.objects.create(user=world.marie, adhesion_approved=False)
    services.adhesion_reject(actor=world.agent_a, adhesion=draft, reason="SIREN inconnu.", base_url=BASE)
    mails = told()
    assert set(mails) == {world.luc.email, world.antoine.email, world.marie.email}
    assert "Motif du refus : SIREN inconnu." in mails[world.marie.email].body_text


# --- The page ----------------------------------------------------------------------------------


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def test_every_event_is_on_until_turned_off_and_the_choice_is_kept(client, world):
    client.force_login(world.antoine)
    page = page_text(client.get(PAGE))
    assert "<h1>Vos notifications</h1>" in page
    assert 'aria-current="page">Notifications</a>' in page
    for event in (notifications.ARRIVED, notifications.DISCHARGED, notifications.SUBMITTED):
        assert f'value="{event}" id="notification-{event}" checked' in page
        assert notifications.label_of(event) in page
    assert "Mouvements GAMMA (DAE, DAES, DSA)" in page and notifications.TO_INSTRUCT not in page

    kept = [
        event for event in notifications.EVENTS if event not in (notifications.DISCHARGED, notifications.TO_INSTRUCT)
    ]
    response = client.post(PAGE, {"events": kept}, follow=True)
    assert "Vos choix de notifications ont été enregistrés." in page_text(response)
    preferences = NotificationPreferences.objects.get(user=world.antoine)
    assert preferences.movement_discharged is False and preferences.movement_arrived is True
    assert preferences.adhesion_to_instruct is True  # not offered to him: left as it was
    assert f'value="{notifications.DISCHARGED}" id="notification-{notifications.DISCHARGED}">' in page_text(
        client.get(PAGE)
    )


def test_an_agent_chooses_the_office_events_only(client, world):
    client.force_login(world.agent_a)
    page = page_text(client.get(PAGE))
    assert "Demandes d'adhésion de mon bureau" in page and notifications.ARRIVED not in page
    client.post(PAGE, {"events": [notifications.ARRIVED]})  # not his to choose: ignored
    preferences = NotificationPreferences.objects.get(user=world.agent_a)
    assert preferences.adhesion_to_instruct is False and preferences.movement_arrived is True


def test_other_staff_are_offered_nothing(client, world):
    sau = UserFactory(username="agent.sau", is_staff=True, siret="", company_name="")
    client.force_login(sau)
    assert "Aucune notification par courriel ne concerne votre compte." in page_text(client.get(PAGE))
    client.post(PAGE, {"events": list(notifications.EVENTS)})
    assert NotificationPreferences.objects.get(user=sau).movement_arrived is True  # default, untouched


def test_a_forged_post_changes_nothing_but_the_offered_events_and_never_fails(client, world):
    client.force_login(world.antoine)
    response = client.post(PAGE, {"events": ["<script>", "is_staff", "movement_arrived" * 50]})
    assert response.status_code == 302
    preferences = NotificationPreferences.objects.get(user=world.antoine)
    offered = [event for event in notifications.EVENTS if event != notifications.TO_INSTRUCT]
    assert not any(getattr(preferences, event) for event in offered)  # nothing valid ticked: all off
    world.antoine.refresh_from_db()
    assert world.antoine.is_staff is False


def test_the_page_needs_a_login(client, world):
    response = client.get(PAGE)
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    assert not NotificationPreferences.objects.exists()
