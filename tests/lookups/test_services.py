import datetime

import pytest

from register.models import ProductCategory
from register.services import (
    LookupRefused,
    RefusalReason,
    Validity,
    establishment_sheet,
    excise_number_info,
    vat_check,
    vat_from_siren,
)
from tests.factories.lookups import seed_establishment, seed_excise_number
from tests.factories.register import (
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
)

pytestmark = pytest.mark.django_db


def test_the_seed_establishment_sheet():
    seed_establishment()

    sheet = establishment_sheet(siret="353 249 154 00017")

    assert sheet.name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"
    assert sheet.country == "FRANCE"
    assert sheet.identifiers == "INSEE : 35324915400017"
    assert sheet.created_on_display == "02/01/1990"
    assert sheet.headcount == "0 salarié"
    assert sheet.activity == "Commerce de gros de boissons"
    assert sheet.ape_code == "513J"
    assert sheet.nature == "Autres"
    assert sheet.head_office_display == "Oui"
    assert sheet.address == "Route DE CAZAUBON 32800 EAUZE"
    assert sheet.state == "Actif"


def test_the_sheet_is_read_in_one_query(django_assert_num_queries):
    seed_establishment()
    with django_assert_num_queries(1):
        establishment_sheet(siret="35324915400017")


def test_the_signboard_wins_over_the_usual_name_and_the_legal_units_name():
    unit = LegalUnitFactory(denomination="SOCIETE MERE")
    with_signboard = EstablishmentFactory(legal_unit=unit, signboard="LE CHAI", usual_name="CHAI DU PORT")
    with_usual_name = EstablishmentFactory(legal_unit=unit, usual_name="CHAI DU PORT")
    plain = EstablishmentFactory(legal_unit=unit)

    assert establishment_sheet(siret=with_signboard.siret).name == "LE CHAI"
    assert establishment_sheet(siret=with_usual_name.siret).name == "CHAI DU PORT"
    assert establishment_sheet(siret=plain.siret).name == "SOCIETE MERE"


def test_a_sole_traders_name_comes_from_the_person():
    unit = LegalUnitFactory(denomination="", first_name="JEAN", last_name="DUPONT", legal_category="1000")
    sheet = establishment_sheet(siret=EstablishmentFactory(legal_unit=unit).siret)
    assert sheet.name == "JEAN DUPONT"
    assert sheet.nature == "Entrepreneur individuel"


def test_a_secondary_establishment_in_nafrev2_with_a_full_address():
    establishment = EstablishmentFactory(
        is_head_office=False,
        main_activity="11.01Z",
        activity_nomenclature="NAFRev2",
        headcount_band="12",
        street_number="3",
        street_type="BD",
        street_name="DU PORT",
        address_complement="ZONE PORTUAIRE",
        postal_code="16100",
        city="COGNAC",
    )
    sheet = establishment_sheet(siret=establishment.siret)
    assert sheet.head_office_display == "Non"
    assert sheet.activity == "Production de boissons alcooliques distillées"
    assert sheet.ape_code == "1101Z"
    assert sheet.headcount == "20 à 49 salariés"
    assert sheet.address == "ZONE PORTUAIRE, 3 Boulevard DU PORT 16100 COGNAC"


def test_an_establishment_abroad():
    establishment = EstablishmentFactory(
        street_number="",
        street_type="",
        street_name="VIA ROMA 12",
        postal_code="",
        city="",
        foreign_city="TORINO",
        country_code="99127",
        country_name="ITALIE",
    )
    sheet = establishment_sheet(siret=establishment.siret)
    assert sheet.country == "ITALIE"
    assert sheet.address == "VIA ROMA 12 TORINO ITALIE"


def test_masked_data_of_a_unit_that_refused_dissemination():
    unit = LegalUnitFactory(denomination="", first_name="[ND]", last_name="[ND]", legal_category="1000")
    establishment = EstablishmentFactory(
        legal_unit=unit, street_number="[ND]", street_type="[ND]", street_name="[ND]", postal_code="32800", city="EAUZE"
    )
    hidden = EstablishmentFactory(
        legal_unit=unit, street_number="", street_type="", street_name="[ND]", postal_code="[ND]", city="[ND]"
    )

    sheet = establishment_sheet(siret=establishment.siret)

    assert sheet.name == "Non diffusible"
    assert sheet.address == "32800 EAUZE"
    assert establishment_sheet(siret=hidden.siret).address == "Non diffusible"
    assert vat_from_siren(siren=unit.siren).company_name == "Non diffusible"


def test_an_establishment_whose_legal_unit_is_not_imported_yet_still_has_its_sheet():
    establishment = EstablishmentFactory(signboard="CAVE")
    establishment.legal_unit.delete()  # no database constraint: SIRENE's files load in any order

    sheet = establishment_sheet(siret=establishment.siret)

    assert sheet.name == "CAVE"
    assert sheet.legal_unit_name == ""
    assert sheet.nature == "Non renseigné"


@pytest.mark.parametrize(
    ("siret", "message"),
    [
        ("35324915400018", "Le numéro SIRET n'est pas valide (clé de contrôle incorrecte)."),
        ("3532491540001", "Le numéro SIRET doit comporter 14 chiffres."),
        ("", "Saisissez le numéro SIRET (14 chiffres)."),
    ],
)
def test_an_invalid_siret_is_refused_with_the_identifiers_message(siret, message):
    with pytest.raises(LookupRefused) as refused:
        establishment_sheet(siret=siret)
    assert refused.value.message == message
    assert refused.value.reason == RefusalReason.INVALID


def test_an_unknown_siret_is_refused(django_assert_num_queries):
    with django_assert_num_queries(1), pytest.raises(LookupRefused) as refused:
        establishment_sheet(siret="35324915400017")
    assert refused.value.message == "Aucun établissement n'est enregistré sous le numéro SIRET 35324915400017."
    assert refused.value.reason == RefusalReason.UNKNOWN


def test_a_closed_establishment_is_refused():
    establishment = EstablishmentFactory(closed=True)
    with pytest.raises(LookupRefused) as refused:
        establishment_sheet(siret=establishment.siret)
    assert refused.value.message == f"L'établissement {establishment.siret} est fermé (cessation d'activité)."
    assert refused.value.reason == RefusalReason.CLOSED


# InfoAccises ----------------------------------------------------------------------------------


def test_infoaccises_gives_the_registers_answer():
    seed_excise_number()

    info = excise_number_info(number="fr 009990 f0005", today=datetime.date(2009, 4, 10))

    assert info.number == "FR009990F0005"
    assert info.operator_name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert info.operator_address == "15 avenue de la République 75010 PARIS"
    assert info.status == "Entrepositaire agréé"
    expected = ProductCategory.objects.filter(code__in=["S", "W"]).order_by("code").values_list("label", flat=True)
    assert info.product_categories == list(expected)
    assert info.validity == Validity.VALID
    assert info.is_valid_today
    assert info.validity_display == "Valide depuis le 01/01/2009"
    assert (info.office_code, info.office_name) == ("FR000690", "Bureau de Bordeaux")


def test_infoaccises_reads_in_two_queries(django_assert_num_queries):
    seed_excise_number()
    with django_assert_num_queries(2):
        excise_number_info(number="FR009990F0005")


def test_infoaccises_tells_a_number_not_yet_valid_and_an_expired_one():
    seed_excise_number(valid_from=datetime.date(2030, 1, 1))
    ExciseNumberFactory(
        number="FR008777E0001", valid_from=datetime.date(2009, 1, 1), valid_until=datetime.date(2020, 12, 31)
    )
    today = datetime.date(2025, 6, 1)

    not_yet = excise_number_info(number="FR009990F0005", today=today)
    expired = excise_number_info(number="FR008777E0001", today=today)

    assert not_yet.validity == Validity.NOT_YET
    assert not_yet.validity_display == "Pas encore valide : valide à partir du 01/01/2030"
    assert expired.validity == Validity.EXPIRED
    assert expired.validity_display == "Expiré : valide jusqu'au 31/12/2020"
    assert not expired.is_valid_today


def test_infoaccises_on_the_last_day_of_validity_is_still_valid():
    ExciseNumberFactory(number="FR008777E0001", valid_until=datetime.date(2020, 12, 31))
    info = excise_number_info(number="FR008777E0001", today=datetime.date(2020, 12, 31))
    assert info.is_valid_today
    assert info.validity_display == "Valide du 01/01/2009 au 31/12/2020"


def test_infoaccises_unknown_but_well_formed():
    with pytest.raises(LookupRefused) as refused:
        excise_number_info(number="FR008777E0001")
    assert refused.value.message == (
        "Ce numéro d'accise a un format valide mais n'est pas connu du référentiel douanier."
    )
    assert refused.value.reason == RefusalReason.UNKNOWN


def test_infoaccises_malformed():
    with pytest.raises(LookupRefused) as refused:
        excise_number_info(number="FR0087771E001")
    assert refused.value.reason == RefusalReason.INVALID
    assert "FR0, 2 chiffres (année)" in refused.value.message


def test_infoaccises_another_member_state():
    with pytest.raises(LookupRefused) as refused:
        excise_number_info(number="DE00012345678")
    assert refused.value.reason == RefusalReason.FOREIGN
    assert "Allemagne" in refused.value.message
    assert "SEED" in refused.value.message


# TVA Intracom ---------------------------------------------------------------------------------


def test_vat_from_siren_of_a_company_in_the_register():
    LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")

    info = vat_from_siren(siren="353 249 154")

    assert info.number == "FR67353249154"
    assert info.formatted == "FR 67 353 249 154"
    assert info.company_display == "COMPAGNIE FRANCAISE DE L ARMAGNAC"


def test_vat_from_siren_of_a_company_unknown_to_the_register():
    info = vat_from_siren(siren="303265045")
    assert info.number == "FR40303265045"
    assert info.company_name is None
    assert info.company_display == "Cette entreprise n'est pas connue du répertoire des entreprises du portail."


def test_vat_from_an_invalid_siren():
    with pytest.raises(LookupRefused) as refused:
        vat_from_siren(siren="123456789")
    assert refused.value.message == "Le numéro SIREN n'est pas valide (clé de contrôle incorrecte)."


def test_vat_check_of_a_right_number_names_the_company():
    LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC")
    info = vat_check(value="FR 67 353 249 154")
    assert info.number == "FR67353249154"
    assert info.company_name == "COMPAGNIE FRANCAISE DE L ARMAGNAC"


def test_vat_check_of_a_wrong_key():
    with pytest.raises(LookupRefused) as refused:
        vat_check(value="FR68353249154")
    assert refused.value.message == "Le numéro de TVA intracommunautaire n'est pas valide (clé de contrôle incorrecte)."
    assert refused.value.reason == RefusalReason.INVALID


def test_vat_check_of_another_member_state():
    with pytest.raises(LookupRefused) as refused:
        vat_check(value="DE123456789")
    assert refused.value.reason == RefusalReason.FOREIGN


def test_an_establishment_whose_legal_unit_is_not_imported_yet_is_read_in_one_query(django_assert_num_queries):
    from register.models import Establishment

    establishment = seed_establishment()
    Establishment.objects.filter(pk=establishment.pk).update(legal_unit_id="999999999", signboard="CHAI D'EAUZE")
    with django_assert_num_queries(1):
        sheet = establishment_sheet(siret=establishment.siret)
    assert sheet.siret == establishment.siret
    assert sheet.name == "CHAI D'EAUZE"
    assert sheet.address == "Route DE CAZAUBON 32800 EAUZE"
