"""The instruction screen: the request beside the register, then the ROSA update, the approval
(rights granted, mails queued) and the refusal with its reason; a second decision changes nothing."""

import html

import pytest

from habilitations import catalogue, rights
from habilitations.models import AdhesionStatus, AuditEvent
from mail.models import OutboxMessage
from register.models import AdministrativeState
from tests.factories.habilitations import ALL_GAMMA
from tests.factories.register import EstablishmentFactory, LegalUnitFactory
from tests.office.conftest import SEED_LUC

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_the_request_beside_the_register(client, agent, world, waiting):
    response = client.get(f"/bureau/adhesions/{waiting.pk}/")
    assert response.status_code == 200
    page = text(response)
    # The request: section 1, the accounts with their rights' exact labels, sections 3 and 4.
    request_side = page.split('id="demande"')[1].split('id="referentiel"')[0]
    assert "SOCIETE DE DISTRIBUTION D'ALCOOLS" in request_side
    assert "15 avenue de la République 75010 PARIS" in request_side
    for right in catalogue.rights_of(catalogue.GAMMA):
        assert f"<li>{right.label}</li>" in request_side
    luc_row = request_side.partition("lucferrier")[2].split("</tr>")[0]
    assert [
        label for label in ("Préparer un DAA", "Emettre un DAA / DAA secours", "Rechercher DSA") if label in luc_row
    ] == [
        "Préparer un DAA",
        "Rechercher DSA",
    ]
    assert "Mode EDI non demandé." in request_side
    assert "Marie Durand" in request_side
    # The register: ROSA, the excise number with its validity and categories, SIRENE.
    register_side = page.split('id="referentiel"')[1].split('id="instruction"')[0]
    assert "Entrepositaire agréé" in register_side
    assert "Valide depuis le 01/01/2009" in register_side
    assert "Valide aujourd'hui</dt><dd>Oui" in register_side
    assert "Catégories de produits autorisées</dt><dd>Alcools, Vins et boissons fermentées</dd>" in register_side
    assert "Bureau de Paris (FR007501)" in register_side
    # No SIRENE record for the company in this world: said in words.
    assert f"Aucune entreprise n'est enregistrée dans SIRENE sous le N° SIREN {world.company_a.siren}." in page
    assert "1 point à vérifier entre la demande et le référentiel" in page


def test_each_difference_is_highlighted_in_words(client, agent, world, waiting):
    unit = LegalUnitFactory(
        siren=world.company_a.siren,
        denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS",
        head_office_nic="00012",
        state=AdministrativeState.CLOSED,
    )
    EstablishmentFactory(
        legal_unit=unit, nic="00012", siret=f"{unit.siren}00012", street_number="3", street_name="DU PORT"
    )
    type(waiting).objects.filter(pk=waiting.pk).update(company_name="SDA DISTRIBUTION")
    page = text(client.get(f"/bureau/adhesions/{waiting.pk}/"))
    assert "4 points à vérifier" in page
    assert (
        "Raison sociale : la demande indique « SDA DISTRIBUTION », ROSA connaît « SOCIETE DE DISTRIBUTION D'ALCOOLS »."
        in page
    )
    assert "L'entreprise est fermée (cessation d'activité) dans SIRENE." in page
    assert "le siège dans SIRENE est « 3 Avenue DU PORT 75010 PARIS »" in page
    register_side = page.split('id="referentiel"')[1]
    assert register_side.count('<span class="fr-badge fr-badge--warning fr-badge--sm">Différence</span>') == 4


def test_the_rosa_form_is_prefilled_from_the_request(client, agent, waiting):
    page = text(client.get(f"/bureau/adhesions/{waiting.pk}/"))
    assert 'id="rosa_name" name="name" type="text" value="SOCIETE DE DISTRIBUTION D\'ALCOOLS"' in page
    assert 'name="address" type="text" value="15 avenue de la République"' in page
    assert 'name="postal_code" type="text" value="75010"' in page
    assert 'name="city" type="text" value="PARIS"' in page


def test_approve_grants_the_rights_and_queues_the_mails(
    client, agent, world, waiting, django_capture_on_commit_callbacks
):
    OutboxMessage.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(f"/bureau/adhesions/{waiting.pk}/accepter/", follow=True)
    assert response.status_code == 200
    assert "Demande acceptée : 2 compte(s) habilité(s) à GAMMA pour FR008777E0002" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == AdhesionStatus.APPROVED
    assert waiting.decided_by == world.agent_a
    assert rights.rights_for(world.antoine, catalogue.GAMMA, waiting.excise_number) == frozenset(ALL_GAMMA)
    assert rights.rights_for(world.luc, catalogue.GAMMA, waiting.excise_number) == frozenset(SEED_LUC)
    recipients = sorted(message.to[0] for message in OutboxMessage.objects.all())
    assert recipients == sorted([world.marie.email, world.antoine.email, world.luc.email])
    assert all("acceptée" in message.subject for message in OutboxMessage.objects.all())
    assert "http://testserver/compte/espace-personnel/" in OutboxMessage.objects.first().body_text
    event = AuditEvent.objects.get(adhesion=waiting, action="adhesion_approved")
    assert event.actor == world.agent_a and event.screen == "bureau — instruction"
    # The decided request: no more actions, its history shows the decision.
    page = text(response)
    assert 'id="instruction"' not in page
    assert "État : Transmise au bureau" in page and "État : Acceptée" in page


def test_a_second_decision_is_refused_with_a_clear_message(client, agent, world, waiting):
    client.post(f"/bureau/adhesions/{waiting.pk}/accepter/")
    mails, events = OutboxMessage.objects.count(), AuditEvent.objects.count()
    for path, data in [
        ("accepter/", {}),
        ("refuser/", {"reason": "Trop tard"}),
        ("operateur/", {"name": "AUTRE", "address": "1 rue X", "postal_code": "75001", "city": "PARIS"}),
    ]:
        response = client.post(f"/bureau/adhesions/{waiting.pk}/{path}", data, follow=True)
        assert response.status_code == 200
        assert "Cette demande n'est plus à instruire : elle est « Acceptée »" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == AdhesionStatus.APPROVED and waiting.rejection_reason == ""
    assert (OutboxMessage.objects.count(), AuditEvent.objects.count()) == (mails, events)
    assert world.company_a.name == type(world.company_a).objects.get(pk=world.company_a.pk).name


def test_a_decision_lost_to_a_colleague_is_told_not_a_500(client, agent, world, waiting):
    """The other agent decided between our page load and our click: the service's lock sees it."""
    from habilitations import services

    real_approve = services.adhesion_approve

    def colleague_first(**kwargs):
        type(waiting).objects.filter(pk=waiting.pk).update(status=AdhesionStatus.REJECTED, rejection_reason="Non")
        return real_approve(**kwargs)

    services.adhesion_approve = colleague_first
    try:
        response = client.post(f"/bureau/adhesions/{waiting.pk}/accepter/", follow=True)
    finally:
        services.adhesion_approve = real_approve
    assert response.status_code == 200
    assert "Une adhésion « Refusée » ne peut pas passer à « Acceptée »." in text(response)
    assert rights.rights_for(world.luc, catalogue.GAMMA, waiting.excise_number) == frozenset()


@pytest.mark.parametrize("reason", ["", "   \n  "])
def test_reject_needs_a_reason(client, agent, world, waiting, reason):
    response = client.post(f"/bureau/adhesions/{waiting.pk}/refuser/", {"reason": reason})
    assert response.status_code == 200
    page = text(response)
    assert (
        '<p class="fr-error-text" id="refus_reason-error">'
        "Indiquez le motif du refus : il est communiqué à l'entreprise.</p>" in page
    )
    assert 'aria-describedby="refus_reason-hint refus_reason-error"' in page
    waiting.refresh_from_db()
    assert waiting.status == AdhesionStatus.SUBMITTED
    assert not OutboxMessage.objects.filter(subject__contains="refusée").exists()


def test_reject_tells_the_reason(client, agent, world, waiting):
    OutboxMessage.objects.all().delete()
    reason = "Le numéro SIREN indiqué ne correspond pas au référentiel."
    response = client.post(f"/bureau/adhesions/{waiting.pk}/refuser/", {"reason": reason}, follow=True)
    assert "Demande refusée. Le motif est communiqué" in text(response)
    waiting.refresh_from_db()
    assert waiting.status == AdhesionStatus.REJECTED and waiting.rejection_reason == reason
    messages = list(OutboxMessage.objects.all())
    assert sorted(m.to[0] for m in messages) == sorted([world.marie.email, world.antoine.email, world.luc.email])
    assert all(f"Motif du refus : {reason}" in m.body_text for m in messages)
    assert rights.rights_for(world.luc, catalogue.GAMMA, waiting.excise_number) == frozenset()
    assert "Motif : " + reason in text(client.get(f"/bureau/adhesions/{waiting.pk}/"))


def test_rosa_update(client, agent, world, waiting):
    data = {"name": "SDA", "address": "16 avenue de la République", "postal_code": "75011", "city": "PARIS"}
    response = client.post(f"/bureau/adhesions/{waiting.pk}/operateur/", data, follow=True)
    assert "La fiche opérateur de SDA est mise à jour dans ROSA." in text(response)
    world.company_a.refresh_from_db()
    assert (world.company_a.name, world.company_a.address, world.company_a.postal_code) == (
        "SDA",
        "16 avenue de la République",
        "75011",
    )
    event = AuditEvent.objects.get(action="operator_updated")
    assert event.before["name"] == "SOCIETE DE DISTRIBUTION D'ALCOOLS" and event.after["name"] == "SDA"
    assert event.screen == "bureau — instruction"
    # The same values again: nothing to record.
    response = client.post(f"/bureau/adhesions/{waiting.pk}/operateur/", data, follow=True)
    assert "était déjà à jour" in text(response)
    assert AuditEvent.objects.filter(action="operator_updated").count() == 1


def test_rosa_update_refuses_empty_or_too_long_fields(client, agent, world, waiting):
    data = {"name": "  ", "address": "x" * 201, "postal_code": "", "city": "PARIS"}
    response = client.post(f"/bureau/adhesions/{waiting.pk}/operateur/", data)
    assert response.status_code == 200
    page = text(response)
    assert '<p class="fr-error-text" id="rosa_name-error">Indiquez la raison sociale.</p>' in page
    assert "Saisissez au plus 200 caractères." in page
    assert "Indiquez le code postal." in page
    world.company_a.refresh_from_db()
    assert world.company_a.name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert not AuditEvent.objects.filter(action="operator_updated").exists()
