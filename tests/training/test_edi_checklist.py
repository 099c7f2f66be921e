"""The « cahier de recette EDI »: a scenario is marked passed from the Guichet EDI's own evidence,
after the real call through /edi/v1/ with the training company's test credential."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from accounts.models import ClaimStatus
from edi.models import Credential, InboundMessage
from gamma import mapping
from gamma import messages as gamma_messages
from gamma.demo import dae_draft, dae_sections
from gamma.models import FeedEntry, Movement
from tests.edi.conftest import post
from tests.edi.test_status_request import status_request
from tests.factories.accounts import UserFactory
from training import company as training_company
from training import scenarios

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def company(settings):
    settings.TRAINING = True
    person = UserFactory(username="prestataire", siret="", company_name="", siret_status="")
    made, _ = training_company.create(user=person, base_url="http://testserver/")
    person.refresh_from_db()
    return made


def _ie815_to_own_consignee(company, *, lrn: str, today: dt.date | None = None) -> bytes:
    """A DAE of the training warehousekeeper to the training registered consignee, as an IE815."""
    sections = dae_sections(lrn=lrn, today=today)
    consignee = company.consignee.number
    sections["consignee"].update(
        {
            "consignee-traderid": consignee,
            "consignee-trader_name": company.operator.name,
            "consignee-street_name": company.operator.address,
            "consignee-postcode": company.operator.postal_code,
            "consignee-city": company.operator.city,
        }
    )
    sections["destination"] = {"destination_type_code": "2"}  # a registered consignee: no place of delivery
    draft = dae_draft(company.owner, company.warehousekeeper, sections)
    data = gamma_messages.serialise(mapping.ie815_message(draft))
    draft.delete()
    return data


def _status(page: str, code: str) -> str:
    row = page.split(f'id="scenario-{code}"', 1)[1].split("</tr>", 1)[0]
    return "Réussi" if "Réussi" in row else "À faire"


@time_machine.travel("2026-12-04 09:15:00+00:00", tick=False)
def test_scenarios_pass_after_the_real_edi_calls_and_show_the_evidence(client, company, emcs_codelists):
    client.force_login(company.owner)
    page = client.post(reverse("training:edi_checklist")).content.decode()  # « Créer un identifiant EDI de test »
    token = page.split('id="jeton-edi">Authorization: Bearer ', 1)[1].split("<", 1)[0]
    assert Credential.objects.get(operator=company.operator).client_id in token
    assert all(not scenario.passed for scenario in scenarios.checklist(company))

    accepted = post(client, _ie815_to_own_consignee(company, lrn="LRN-RECETTE-1"), token)
    assert accepted.status_code == 201, accepted.content.decode()
    assert client.get("/edi/v1/messages", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200

    page = client.get(reverse("training:edi_checklist")).content.decode()
    assert _status(page, "ie815_accepted") == "Réussi"
    assert _status(page, "feed") == "Réussi"
    assert _status(page, "ie815_refused") == "À faire"
    assert _status(page, "ie904") == "À faire"
    checklist = {scenario.code: scenario for scenario in scenarios.checklist(company)}
    arc = company.warehousekeeper.movements.get().arc
    assert arc in checklist["ie815_accepted"].evidence
    assert "04/12/2026 à 10:15" in page  # Paris time

    answered = post(client, status_request(arc), token)
    assert answered.status_code == 200, answered.content.decode()
    assert _status(client.get(reverse("training:edi_checklist")).content.decode(), "ie904") == "Réussi"

    assert FeedEntry.objects.filter(excise_number__in=company.numbers).exists()
    client.post(reverse("training:reset"))
    assert not any(scenario.passed for scenario in scenarios.checklist(company))
    assert not FeedEntry.objects.filter(excise_number__in=company.numbers).exists()
    assert not Movement.objects.filter(consignor__number__in=company.numbers).exists()
    assert not InboundMessage.objects.filter(credential__operator=company.operator).exists()


def test_a_refused_ie815_passes_the_refusal_scenario_only(client, company, emcs_codelists):
    client.force_login(company.owner)
    page = client.post(reverse("training:edi_checklist")).content.decode()
    token = page.split('id="jeton-edi">Authorization: Bearer ', 1)[1].split("<", 1)[0]
    data = _ie815_to_own_consignee(company, lrn="LRN-RECETTE-2").replace(
        company.consignee.number.encode(), b"FR000690X9999"
    )
    refused = post(client, data, token)
    assert refused.status_code == 422, refused.content.decode()
    checklist = {scenario.code: scenario for scenario in scenarios.checklist(company)}
    assert checklist["ie815_refused"].passed and not checklist["ie815_accepted"].passed


def test_another_company_credential_does_not_count(client, company, emcs_codelists):
    other = UserFactory(username="autre.prestataire", siret="", company_name="", siret_status=ClaimStatus.CLAIMED)
    theirs, _ = training_company.create(user=other, base_url="http://testserver/")
    other.refresh_from_db()
    client.force_login(other)
    page = client.post(reverse("training:edi_checklist")).content.decode()
    token = page.split('id="jeton-edi">Authorization: Bearer ', 1)[1].split("<", 1)[0]
    assert client.get("/edi/v1/messages", HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 200
    assert {s.code for s in scenarios.checklist(theirs) if s.passed} == {"feed"}
    assert not any(scenario.passed for scenario in scenarios.checklist(company))


IE810 = (Path(__file__).parent.parent / "emcs" / "examples" / "IE810.xml").read_bytes()
IE818 = """<IE818 xmlns="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:IE818:V3.23">
<Header xmlns:head="urn:publicid:-:EC:DGTAXUD:EMCS:PHASE4:TMS:V3.23">
<head:MessageSender>NDEA.FR</head:MessageSender><head:MessageRecipient>NDEA.FR</head:MessageRecipient>
<head:DateOfPreparation>{today}</head:DateOfPreparation><head:TimeOfPreparation>12:00:00</head:TimeOfPreparation>
<head:MessageIdentifier>RECETTE818</head:MessageIdentifier></Header>
<Body><AcceptedOrRejectedReportOfReceiptExport><Attributes/>
<ConsigneeTrader language="fr"><Traderid>{consignee}</Traderid><TraderName>{name}</TraderName>
<StreetName>1 rue de l'Exercice</StreetName><Postcode>75012</Postcode><City>PARIS</City>
</ConsigneeTrader>
<ExciseMovement><AdministrativeReferenceCode>{arc}</AdministrativeReferenceCode>
<SequenceNumber>1</SequenceNumber></ExciseMovement>
<DestinationOffice><ReferenceNumber>FR009999</ReferenceNumber></DestinationOffice>
<ReportOfReceiptExport><DateOfArrivalOfExciseProducts>{today}</DateOfArrivalOfExciseProducts>
<GlobalConclusionOfReceipt>1</GlobalConclusionOfReceipt></ReportOfReceiptExport>
</AcceptedOrRejectedReportOfReceiptExport></Body></IE818>"""


@time_machine.travel("2026-12-04 09:15:00+00:00", tick=False)
def test_receipt_by_the_consignee_number_and_a_cancellation_pass_their_scenarios(client, company, emcs_codelists):
    client.force_login(company.owner)
    page = client.post(reverse("training:edi_checklist")).content.decode()
    token = page.split('id="jeton-edi">Authorization: Bearer ', 1)[1].split("<", 1)[0]
    assert post(client, _ie815_to_own_consignee(company, lrn="LRN-RECETTE-3"), token).status_code == 201
    arc = company.warehousekeeper.movements.get().arc
    receipt = IE818.format(today="2026-12-04", consignee=company.consignee.number, name=company.operator.name, arc=arc)
    answered = post(client, receipt.encode(), token)
    assert answered.status_code == 201, answered.content.decode()

    tomorrow = dt.date(2026, 12, 5)
    assert post(client, _ie815_to_own_consignee(company, lrn="LRN-RECETTE-4", today=tomorrow), token).status_code == 201
    later = company.warehousekeeper.movements.get(local_reference_number="LRN-RECETTE-4").arc
    cancelled = post(client, IE810.replace(b"25XI00000000000035882", later.encode()), token)
    assert cancelled.status_code == 201, cancelled.content.decode()

    checklist = {scenario.code: scenario for scenario in scenarios.checklist(company)}
    assert checklist["ie818"].passed and checklist["ie818"].evidence == "message RECETTE818"
    assert checklist["ie810"].passed
    assert not checklist["ie813"].passed
