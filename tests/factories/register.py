"""Factories of the register: companies and establishments with valid identifiers, operators,
excise numbers and customs offices."""

import datetime

import factory
from stdnum import luhn

from register.models import (
    AdministrativeState,
    CustomsOffice,
    Establishment,
    ExciseNumber,
    ExciseStatus,
    LegalUnit,
    Operator,
    ProductCategory,
)


def _valid_siren(n: int) -> str:
    body = f"{n:08d}"
    return body + luhn.calc_check_digit(body)


def _valid_siret(siren: str, n: int) -> str:
    body = f"{siren}{n:04d}"
    return body + luhn.calc_check_digit(body)


class LegalUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalUnit
        django_get_or_create = ("siren",)

    siren = factory.Sequence(lambda n: _valid_siren(70000000 + n))
    denomination = factory.Sequence(lambda n: f"SOCIETE EXEMPLE {n}")
    legal_category = "5710"
    main_activity = "46.34Z"
    activity_nomenclature = "NAFRev2"
    headcount_band = "11"
    created_on = datetime.date(2001, 5, 14)
    head_office_nic = "00012"
    state = AdministrativeState.ACTIVE

    class Params:
        closed = factory.Trait(state=AdministrativeState.CLOSED)


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment
        django_get_or_create = ("siret",)

    legal_unit = factory.SubFactory(LegalUnitFactory)
    nic = factory.Sequence(lambda n: f"{(n % 9999) + 1:04d}")
    siret = factory.LazyAttribute(lambda o: _valid_siret(o.legal_unit.siren, int(o.nic)))
    signboard = ""
    usual_name = ""
    created_on = datetime.date(2001, 5, 14)
    headcount_band = "11"
    is_head_office = True
    main_activity = "46.34Z"
    activity_nomenclature = "NAFRev2"
    street_number = "15"
    street_type = "AV"
    street_name = "DE LA REPUBLIQUE"
    postal_code = "75010"
    city = "PARIS"
    state = AdministrativeState.ACTIVE

    class Params:
        closed = factory.Trait(state=AdministrativeState.CLOSED)


class CustomsOfficeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomsOffice
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"FR{n + 100:06d}")
    name = factory.Sequence(lambda n: f"Bureau de douane n° {n}")
    address = "1 rue de la Douane"
    postal_code = "75001"
    city = "PARIS"


class OperatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Operator
        django_get_or_create = ("siren",)

    siren = factory.Sequence(lambda n: _valid_siren(80000000 + n))
    name = factory.Sequence(lambda n: f"OPERATEUR EXEMPLE {n}")
    address = "15 avenue de la République"
    postal_code = "75010"
    city = "PARIS"


class ExciseNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExciseNumber
        django_get_or_create = ("number",)
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"FR0{n % 100:02d}{(n // 100) % 1000:03d}E{n % 10000:04d}")
    operator = factory.SubFactory(OperatorFactory)
    status = ExciseStatus.AUTHORISED_WAREHOUSEKEEPER
    customs_office = factory.SubFactory(CustomsOfficeFactory)
    valid_from = datetime.date(2009, 1, 1)
    valid_until = None

    class Params:
        expired = factory.Trait(valid_until=datetime.date(2020, 12, 31))

    @factory.post_generation
    def product_categories(self, create, extracted, **kwargs):
        """``ExciseNumberFactory(product_categories=["S", "W"])`` authorises those categories."""
        if not create or not extracted:
            return
        for code in extracted:
            category, _ = ProductCategory.objects.get_or_create(code=code, defaults={"label": code})
            self.product_categories.add(category)
