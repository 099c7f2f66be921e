import datetime

import pytest

from register.models import AdministrativeState
from tests.factories.register import EstablishmentFactory, LegalUnitFactory

SEED_SIRET = "35324915400017"


@pytest.fixture
def armagnac(db):
    """The seed's establishment: COMPAGNIE FRANCAISE DE L ARMAGNAC, Eauze."""
    unit = LegalUnitFactory(siren="353249154", denomination="COMPAGNIE FRANCAISE DE L ARMAGNAC", legal_category="9900")
    return EstablishmentFactory(
        legal_unit=unit,
        siret=SEED_SIRET,
        nic="00017",
        signboard="COMPAGNIE FRANCAISE DE L ARMAGNAC",
        created_on=datetime.date(1990, 1, 2),
        headcount_band="00",
        main_activity="51.3J",
        activity_nomenclature="NAFRev1",
        street_number="",
        street_type="RTE",
        street_name="DE CAZAUBON",
        postal_code="32800",
        city="EAUZE",
        is_head_office=True,
        state=AdministrativeState.ACTIVE,
    )


@pytest.fixture
def registration_data(armagnac):
    return {
        "action": "register",
        "username": "jdupont",
        "password1": "une phrase de passe solide",
        "password2": "une phrase de passe solide",
        "security_level": "password",
        "first_name": "Jean",
        "last_name": "Dupont",
        "email": "jean.dupont@example.org",
        "sms_number": "",
        "phone_number": "05 62 09 00 00",
        "professional_address": "Route de Cazaubon 32800 Eauze",
        "siret": SEED_SIRET,
        "infos_douane": "on",
    }


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache, shared by the tests of one process: each test starts afresh."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
