"""The reads added for the customs office's back-office: the companies an office is in charge of,
and the request compared with the register (ROSA, excise number, SIRENE)."""

import datetime

import pytest

from habilitations import rights, services
from register.models import AdministrativeState
from tests.factories.habilitations import AdhesionFactory
from tests.factories.register import EstablishmentFactory, ExciseNumberFactory, LegalUnitFactory

pytestmark = pytest.mark.django_db


def test_companies_in_charge_are_those_of_the_office_numbers(world):
    assert list(rights.companies_in_charge(user=world.agent_a)) == [world.company_a]
    assert list(rights.companies_in_charge(user=world.agent_b)) == [world.company_b]
    # A second number of company B followed by office A puts company B in A's charge too, once.
    ExciseNumberFactory(number="FR009990F0006", operator=world.company_b, customs_office=world.office_a)
    ExciseNumberFactory(number="FR008777E0002", operator=world.company_a, customs_office=world.office_a)
    assert sorted(o.siren for o in rights.companies_in_charge(user=world.agent_a)) == sorted(
        [world.company_a.siren, world.company_b.siren]
    )
    assert not rights.companies_in_charge(user=world.luc).exists()


@pytest.fixture
def sirene_a(world):
    """Company A in SIRENE, its head office at the address ROSA knows."""
    unit = LegalUnitFactory(
        siren=world.company_a.siren, denomination="SOCIETE DE DISTRIBUTION D'ALCOOLS", head_office_nic="00012"
    )
    EstablishmentFactory(
        legal_unit=unit,
        nic="00012",
        siret=f"{unit.siren}00012",
        street_number="15",
        street_type="AV",
        street_name="DE LA REPUBLIQUE",
        postal_code="75010",
        city="PARIS",
    )
    return unit


def test_a_request_matching_the_register_shows_no_difference(world, sirene_a):
    adhesion = AdhesionFactory(
        excise_number=ExciseNumberFactory(
            number="FR008777E0002", operator=world.company_a, customs_office=world.office_a, product_categories=["S"]
        ),
        submitted=True,
        company_name="Société de distribution d\u2019alcools",  # typographic apostrophe
        company_address="15, av. de la République 75010 Paris",
    )
    check = services.adhesion_register_check(adhesion=adhesion)
    assert check.differences == ()
    assert check.legal_unit_name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert check.head_office_address == "15 Avenue DE LA REPUBLIQUE 75010 PARIS"
    assert check.excise.is_valid_today
    assert check.excise.product_categories == ["Alcools"]


def test_each_difference_is_said_in_words(world, sirene_a):
    sirene_a.state = AdministrativeState.CLOSED
    sirene_a.save()
    number = ExciseNumberFactory(
        number="FR008777E0003", operator=world.company_a, customs_office=world.office_a, expired=True
    )
    adhesion = AdhesionFactory(
        excise_number=number,
        submitted=True,
        company_name="DISTRIBUTION ALCOOLS SA",
        company_address="3 rue Neuve 69001 LYON",
    )
    check = services.adhesion_register_check(adhesion=adhesion, today=datetime.date(2026, 11, 26))
    by_key = check.by_key
    assert set(by_key) == {
        "rosa_name",
        "rosa_address",
        "excise_validity",
        "sirene_closed",
        "sirene_name",
        "sirene_address",
    }
    assert by_key["rosa_name"] == (
        "Raison sociale : la demande indique « DISTRIBUTION ALCOOLS SA », "
        "ROSA connaît « SOCIETE DE DISTRIBUTION D'ALCOOLS »."
    )
    assert "Expiré : valide jusqu'au 31/12/2020" in by_key["excise_validity"]
    assert by_key["sirene_closed"] == "L'entreprise est fermée (cessation d'activité) dans SIRENE."


def test_a_company_unknown_to_sirene_is_flagged(world):
    check = services.adhesion_register_check(adhesion=world.adhesion_b)
    assert check.legal_unit is None
    assert "sirene_missing" in check.by_key
    assert check.by_key["sirene_missing"] == (
        f"Aucune entreprise n'est enregistrée dans SIRENE sous le N° SIREN {world.company_b.siren}."
    )


def test_a_number_moved_to_another_office_is_flagged(world):
    adhesion = AdhesionFactory(
        excise_number=ExciseNumberFactory(
            number="FR008777E0004", operator=world.company_a, customs_office=world.office_a
        ),
        submitted=True,
    )
    adhesion.excise_number.customs_office = world.office_b
    adhesion.excise_number.save()
    check = services.adhesion_register_check(adhesion=adhesion)
    assert (
        check.by_key["excise_office"] == "Le numéro d'accise est désormais rattaché au bureau Bureau d'Auch (FR003200)."
    )
