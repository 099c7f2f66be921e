"""The register's demo data: SIRENE sample, customs offices, the seed's operators. Loaded twice,
nothing is duplicated."""

import datetime
import io

import pytest
from django.utils import timezone

from register import demo
from register.importers import synthetic
from register.models import CustomsOffice, Establishment, ExciseNumber, ExciseStatus, LegalUnit, Operator

pytestmark = pytest.mark.django_db


def counts():
    return tuple(model.objects.count() for model in (LegalUnit, Establishment, CustomsOffice, Operator, ExciseNumber))


def test_demo_loads_the_seed_operators():
    out = io.StringIO()
    demo.load(out)

    assert "Établissements : 337 lignes lues" in out.getvalue().replace("\u202f", " ")
    today = timezone.localdate()
    sda = ExciseNumber.objects.get(number="FR008777E0001")
    assert sda.operator.name == "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    assert sda.operator.siren == synthetic.DEMO_SIREN
    assert (sda.operator.address, sda.operator.postal_code, sda.operator.city) == (
        "15 avenue de la République",
        "75010",
        "PARIS",
    )
    assert sda.status == ExciseStatus.AUTHORISED_WAREHOUSEKEEPER
    assert sorted(sda.product_categories.values_list("code", flat=True)) == ["I", "S", "W"]
    assert sda.is_valid_on(today)

    armagnac = ExciseNumber.objects.get(number="FR009990F0005")
    assert armagnac.operator.siren == "353249154"
    assert armagnac.tax_warehouse_reference == "FR009990F0005"
    assert sorted(armagnac.product_categories.values_list("code", flat=True)) == ["S", "W"]
    assert armagnac.valid_from < today and armagnac.is_valid_on(today)
    # The operators are in SIRENE too, with their head office.
    for operator in Operator.objects.all():
        unit = LegalUnit.objects.get(siren=operator.siren)
        assert Establishment.objects.get(siret=unit.siren + unit.head_office_nic).is_head_office

    expired = ExciseNumber.objects.filter(valid_until__lt=today)
    assert expired.count() == 1 and not expired.get().is_valid_on(today)
    consignee = ExciseNumber.objects.get(status=ExciseStatus.REGISTERED_CONSIGNEE)
    assert consignee.tax_warehouse_reference == ""
    assert all(n.valid_from < today for n in ExciseNumber.objects.all())


def test_demo_load_is_idempotent():
    demo.load(io.StringIO())
    first = counts()
    ExciseNumber.objects.filter(number="FR008777E0001").update(valid_from=datetime.date(2020, 1, 1))

    demo.load(io.StringIO())

    assert counts() == first
    assert ExciseNumber.objects.get(number="FR008777E0001").valid_from == datetime.date(2009, 4, 1)
    assert ExciseNumber.objects.get(number="FR008777E0001").product_categories.count() == 3


def test_demo_codes_are_valid_identifiers():
    from identifiers import customs_office, excise, siren

    for code in demo.CUSTOMS_OFFICES:
        assert customs_office.validate(code) == code
    for number in demo.EXCISE_NUMBERS:
        assert excise.validate(number) == number
    for number in demo.OPERATORS:
        assert siren.validate(number) == number
