"""The seed's own register entries, as the free teleservices show them: the establishment
35324915400017 (COMPAGNIE FRANCAISE DE L ARMAGNAC) and the excise number FR009990F0005."""

import datetime

from register.models import ExciseStatus
from tests.factories.register import (
    CustomsOfficeFactory,
    EstablishmentFactory,
    ExciseNumberFactory,
    LegalUnitFactory,
    OperatorFactory,
)

SEED_SIRET = "35324915400017"
SEED_EXCISE_NUMBER = "FR009990F0005"


def seed_establishment():
    """The seed's « Fiche Etablissement »: 0 salarié, APE 513J (NAF rev. 1), nature « Autres »,
    head office, Route DE CAZAUBON 32800 EAUZE."""
    legal_unit = LegalUnitFactory(
        siren=SEED_SIRET[:9],
        denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        legal_category="9900",  # a category without a short name of its own: « Autres »
        main_activity="51.3J",
        activity_nomenclature="NAFRev1",
        headcount_band="00",
        created_on=datetime.date(1990, 1, 2),
        head_office_nic=SEED_SIRET[9:],
    )
    return EstablishmentFactory(
        siret=SEED_SIRET,
        nic=SEED_SIRET[9:],
        legal_unit=legal_unit,
        created_on=datetime.date(1990, 1, 2),
        headcount_band="00",
        is_head_office=True,
        main_activity="51.3J",
        activity_nomenclature="NAFRev1",
        street_number="",
        street_type="RTE",
        street_name="DE CAZAUBON",
        postal_code="32800",
        city="EAUZE",
    )


def seed_excise_number(**overrides):
    """The seed's GPS excise number, held by the seed's adhesion company."""
    values = {
        "number": SEED_EXCISE_NUMBER,
        "operator": OperatorFactory(
            name="SOCIETE DE DISTRIBUTION D'ALCOOLS",
            address="15 avenue de la République",
            postal_code="75010",
            city="PARIS",
        ),
        "customs_office": CustomsOfficeFactory(code="FR000690", name="Bureau de Bordeaux"),
        "status": ExciseStatus.AUTHORISED_WAREHOUSEKEEPER,
        "valid_from": datetime.date(2009, 1, 1),
        "product_categories": ["S", "W"],
    }
    values.update(overrides)
    return ExciseNumberFactory(**values)
