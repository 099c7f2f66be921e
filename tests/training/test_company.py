"""« Créer / Réinitialiser mon entreprise de formation » on the training instance (issue 14)."""

import pytest
from django.urls import reverse

from accounts.models import ClaimStatus
from edi import credentials
from edi.models import Credential, InboundMessage
from gamma.models import FeedEntry, Movement
from habilitations import catalogue, rights
from habilitations.models import Adhesion, AdhesionStatus, AuditEvent, DelegationKind
from identifiers import excise, siren, siret
from register.models import ExciseStatus
from tests.factories.accounts import UserFactory
from tests.gamma.drafting import complete_dae
from training import company as training_company
from training.models import TrainingCompany

pytestmark = pytest.mark.django_db


@pytest.fixture
def training(settings):
    settings.TRAINING = True
    settings.INSTANCE = "formation"


@pytest.fixture
def person():
    return UserFactory(username="stagiaire", siret="", company_name="", siret_status="")


def _create(client, user):
    client.force_login(user)
    return client.post(reverse("training:company"))


def test_one_click_makes_a_company_with_valid_numbers_an_accepted_adhesion_and_the_seven_rights(
    client, training, person
):
    response = _create(client, person)
    assert response.status_code == 302
    company = TrainingCompany.objects.get(owner=person)
    operator = company.operator
    assert operator.name == "Entreprise de formation de stagiaire"
    assert siren.is_valid(operator.siren) and operator.siren.startswith(training_company.SIREN_PREFIX)
    assert excise.validate(company.warehousekeeper.number) == company.warehousekeeper.number
    assert company.warehousekeeper.status == ExciseStatus.AUTHORISED_WAREHOUSEKEEPER
    assert company.consignee.status == ExciseStatus.REGISTERED_CONSIGNEE
    assert company.warehousekeeper.customs_office.code == training_company.OFFICE_CODE
    person.refresh_from_db()
    assert siret.is_valid(person.siret) and person.siret_status == ClaimStatus.CONFIRMED
    assert rights.company_of(person) == operator
    adhesions = Adhesion.objects.filter(operator=operator)
    assert {adhesion.status for adhesion in adhesions} == {AdhesionStatus.APPROVED}
    assert adhesions.count() == 2
    seven = catalogue.right_codes(catalogue.GAMMA)
    assert len(seven) == 7
    assert rights.rights_by_excise_number(person, catalogue.GAMMA) == {
        company.warehousekeeper.number: seven,
        company.consignee.number: seven,
    }
    assert rights.is_correspondent(person, operator)
    assert rights.admin_delegation(person, operator, catalogue.GAMMA).kind == DelegationKind.TELESERVICE_ADMIN
    assert AuditEvent.objects.filter(operator=operator, action="adhesion_approved", screen="formation").count() == 2
    page = client.get(reverse("training:company"))
    assert company.warehousekeeper.number in page.content.decode()


def test_a_second_click_shows_the_same_company(client, training, person):
    _create(client, person)
    _create(client, person)
    assert TrainingCompany.objects.filter(owner=person).count() == 1
    assert Adhesion.objects.filter(prepared_by=person).count() == 2


def test_two_people_get_two_companies_with_distinct_numbers(client, training, person):
    other = UserFactory(username="autre", siret="", company_name="", siret_status="")
    first, _ = training_company.create(user=person, base_url="http://testserver/")
    second, _ = training_company.create(user=other, base_url="http://testserver/")
    assert first.operator.siren != second.operator.siren
    assert set(first.numbers).isdisjoint(second.numbers)


@pytest.mark.parametrize("name", ["training:company", "training:reset", "training:edi_checklist"])
def test_every_page_is_a_404_outside_the_training_instance(client, settings, person, name):
    settings.TRAINING = False
    client.force_login(person)
    assert client.get(reverse(name)).status_code == 404
    assert client.post(reverse(name)).status_code == 404
    assert not TrainingCompany.objects.exists()


def test_reset_deletes_the_activity_and_keeps_the_numbers(client, training, person, emcs_codelists):
    _create(client, person)
    company = TrainingCompany.objects.get(owner=person)
    numbers = company.numbers
    person.refresh_from_db()
    complete_dae(person, company.warehousekeeper)
    issued = credentials.issue(actor=person, operator=company.operator, label="test")
    client.get("/edi/v1/messages", HTTP_AUTHORIZATION=f"Bearer {issued.token}")
    assert Movement.objects.filter(consignor=company.warehousekeeper).exists()

    page = client.get(reverse("training:reset"))
    assert "Oui, réinitialiser" in page.content.decode()
    assert Movement.objects.filter(consignor=company.warehousekeeper).exists()  # not before confirming
    assert client.post(reverse("training:reset")).status_code == 302

    company.refresh_from_db()
    assert company.numbers == numbers
    assert not Movement.objects.filter(consignor__number__in=numbers).exists()
    assert not FeedEntry.objects.filter(excise_number__in=numbers).exists()
    assert not Credential.objects.filter(operator=company.operator).exists()
    assert not InboundMessage.objects.filter(credential_id=issued.credential.pk).exists()
    assert rights.rights_by_excise_number(person, catalogue.GAMMA)[numbers[0]] == catalogue.right_codes(catalogue.GAMMA)
    assert AuditEvent.objects.filter(action="training_company_reset", screen="formation").exists()


def test_another_persons_company_is_unreachable(client, training, person):
    training_company.create(user=person, base_url="http://testserver/")
    other = UserFactory(username="curieux", siret="", company_name="", siret_status="")
    client.force_login(other)
    assert client.get(reverse("training:reset")).status_code == 404
    assert client.post(reverse("training:reset")).status_code == 404
    assert client.get(reverse("training:edi_checklist")).url == reverse("training:company")
    assert client.post(reverse("training:edi_checklist")).url == reverse("training:company")
    assert not Credential.objects.exists()
    page = client.get(reverse("training:company")).content.decode()
    assert "Entreprise de formation de stagiaire" not in page
    with pytest.raises(PermissionError):
        training_company.reset(company=TrainingCompany.objects.get(owner=person), actor=other)


@pytest.mark.parametrize("training_instance", [True, False])
def test_the_guichet_edi_points_providers_to_the_checklist_on_the_training_instance_only(
    client, settings, training_instance
):
    settings.TRAINING = training_instance
    page = client.get(reverse("portal:edi")).content.decode()
    assert ('id="recette-edi"' in page) is training_instance
    assert (reverse("training:edi_checklist") in page) is training_instance
