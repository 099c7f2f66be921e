"""Demo data of the register: the SIRENE sample (through the import service), customs offices, and
the seed's operators with their excise numbers. Idempotent: natural keys, updated in place."""

import datetime

from django.db import transaction

from register.importers import sirene, synthetic
from register.models import CustomsOffice, ExciseNumber, ExciseStatus, Operator, ProductCategory

SAMPLE = synthetic.SAMPLE_DIR

# code: (name, address, postal code, city)
CUSTOMS_OFFICES = {
    "FR000690": ("Bureau de douane de Paris Principal", "11 rue Léon Jouhaux", "75010", "PARIS"),
    "FR007501": ("Bureau de douane de Paris Nord", "2 rue de la Chapelle", "75018", "PARIS"),
    "FR003200": ("Bureau de douane d'Auch", "18 rue Victor Hugo", "32000", "AUCH"),
    "FR001610": ("Bureau de douane de Cognac", "7 place Jean Monnet", "16100", "COGNAC"),
    "FR004940": ("Bureau de douane de Saumur", "3 quai Mayaud", "49400", "SAUMUR"),
}

# siren: (name, address, postal code, city) — as the customs register (ROSA) writes them
OPERATORS = {
    synthetic.DEMO_SIREN: ("SOCIETE DE DISTRIBUTION D'ALCOOLS", "15 avenue de la République", "75010", "PARIS"),
    synthetic.ARMAGNAC_SIREN: ("COMPAGNIE FRANCAISE DE L ARMAGNAC", "Route de Cazaubon", "32800", "EAUZE"),
    synthetic.CONSIGNEE_SIREN: ("LES CAVES DE LA LOIRE", "12 quai de la Loire", "49400", "SAUMUR"),
}


def _excise(siren, status, categories, office, valid_from, valid_until=None, warehouse=True):
    return {
        "siren": siren,
        "status": status,
        "categories": categories,
        "office": office,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "warehouse": warehouse,
    }


EA, DE = ExciseStatus.AUTHORISED_WAREHOUSEKEEPER, ExciseStatus.REGISTERED_CONSIGNEE
EXCISE_NUMBERS = {
    # The seed's adhesion: the demo company, authorised warehousekeeper for spirits, wine, intermediate products.
    "FR008777E0001": _excise(synthetic.DEMO_SIREN, EA, "SWI", "FR000690", datetime.date(2009, 4, 1)),
    # Its former warehouse number, expired when the warehouse closed.
    "FR005777E0012": _excise(
        synthetic.DEMO_SIREN, EA, "W", "FR007501", datetime.date(2005, 9, 1), datetime.date(2019, 10, 31)
    ),
    # The seed's GPS example: the armagnac house of Eauze, spirits and wine.
    "FR009990F0005": _excise(synthetic.ARMAGNAC_SIREN, EA, "SW", "FR003200", datetime.date(2009, 1, 1)),
    # A registered consignee: receives under duty suspension, has no tax warehouse.
    "FR014940D0007": _excise(
        synthetic.CONSIGNEE_SIREN, DE, "WB", "FR004940", datetime.date(2014, 3, 17), warehouse=False
    ),
}


def load(stdout) -> None:
    """Sample SIRENE extract, customs offices and the seed's operators."""
    for report in (
        sirene.import_legal_units(path=SAMPLE / synthetic.SAMPLE_FILES["legal_units"]),
        sirene.import_establishments(path=SAMPLE / synthetic.SAMPLE_FILES["establishments"]),
    ):
        stdout.write(report.summary())
    with transaction.atomic():
        offices = {
            code: CustomsOffice.objects.update_or_create(
                code=code, defaults={"name": name, "address": address, "postal_code": postal_code, "city": city}
            )[0]
            for code, (name, address, postal_code, city) in CUSTOMS_OFFICES.items()
        }
        operators = {
            siren: Operator.objects.update_or_create(
                siren=siren, defaults={"name": name, "address": address, "postal_code": postal_code, "city": city}
            )[0]
            for siren, (name, address, postal_code, city) in OPERATORS.items()
        }
        categories = {category.code: category for category in ProductCategory.objects.all()}
        for number, spec in EXCISE_NUMBERS.items():
            excise_number, _ = ExciseNumber.objects.update_or_create(
                number=number,
                defaults={
                    "operator": operators[spec["siren"]],
                    "status": spec["status"],
                    "customs_office": offices[spec["office"]],
                    "tax_warehouse_reference": number if spec["warehouse"] else "",
                    "valid_from": spec["valid_from"],
                    "valid_until": spec["valid_until"],
                },
            )
            excise_number.product_categories.set([categories[code] for code in spec["categories"]])
    stdout.write(
        f"Référentiel : {len(offices)} bureaux de douane, {len(operators)} opérateurs, "
        f"{len(EXCISE_NUMBERS)} numéros d'accise."
    )
