"""The register's entries the rules on authorisations are tested with."""

import dataclasses
from datetime import date

from gamma import rules
from tests.gamma.rules.conftest import TODAY, context


def entry(number: str, status: str = "EA", categories: str = "SWB", **changes) -> rules.Authorisation:
    values = {
        "number": number,
        "status": status,
        "valid_from": date(2009, 4, 1),
        "valid_until": None,
        "categories": frozenset(categories),
        "tax_warehouse": number,
    }
    values.update(changes)
    return rules.Authorisation(**values)


def with_register(*entries: rules.Authorisation, **options) -> rules.Context:
    """A context whose register holds ``entries`` (by number and by tax warehouse reference)."""
    by_key = {}
    for found in entries:
        by_key.setdefault(found.tax_warehouse, found)
        by_key[found.number] = found
    return dataclasses.replace(context(**options), authorisations=by_key)


def wine(**changes) -> rules.Line:
    return rules.Line(excise_product_code="W200", cn_code="22042109", **changes)


def beer(**changes) -> rules.Line:
    return rules.Line(excise_product_code="B000", cn_code="22030001", **changes)


def dae(**changes) -> rules.Draft:
    values = {
        "kind": rules.DAE,
        "consignor_excise_number": "FR008777E0001",
        "origin_type_code": 1,
        "place_of_dispatch_warehouse": "FR008777E0001",
        "destination_type_code": 1,
        "consignee_traderid": "FR009990F0005",
        "delivery_place_traderid": "FR009990F0005",
        "dispatch_date": TODAY,
        "lines": [wine()],
    }
    values.update(changes)
    return rules.Draft(**values)
