from datetime import date

import pytest

from gamma.rules import r045
from tests.gamma.rules.register_support import dae, entry, with_register

CONSIGNOR = entry("FR008777E0001")


def errors(draft, *entries):
    return [(error.code, error.field) for error in r045.check_draft(draft, with_register(CONSIGNOR, *entries))]


@pytest.mark.parametrize(
    ("destination", "status"),
    [(1, "EA"), (2, "DE"), (3, "DT"), (4, "EA"), (4, "DE"), (9, "DC"), (10, "DC")],
)
def test_a_french_consignee_of_the_status_the_destination_calls_for_passes(destination, status):
    consignee = entry("FR009990F0005", status)
    assert errors(dae(destination_type_code=destination), consignee) == []


@pytest.mark.parametrize(("destination", "status"), [(1, "DE"), (2, "EA"), (3, "DE"), (4, "EC"), (9, "DE")])
def test_a_french_consignee_of_another_status_is_refused(destination, status):
    consignee = entry("FR009990F0005", status)
    [error] = r045.check_draft(dae(destination_type_code=destination), with_register(CONSIGNOR, consignee))
    assert (error.code, error.field) == ("R045", "consignee.traderid")
    assert f"type de destination {destination}" in error.message


def test_a_french_consignee_must_be_in_the_register_and_valid_on_the_date_of_dispatch():
    assert errors(dae(destination_type_code=2)) == [("R045", "consignee.traderid")]
    expired = entry("FR009990F0005", "DE", valid_until=date(2024, 12, 31))
    [error] = r045.check_draft(dae(destination_type_code=2), with_register(CONSIGNOR, expired))
    assert "n'est plus valide depuis le 31/12/2024" in error.message


def test_a_foreign_consignee_is_checked_for_its_format_only():
    assert errors(dae(destination_type_code=2, consignee_traderid="DE012345678AB")) == []
    [error] = r045.check_draft(dae(destination_type_code=2, consignee_traderid="ZZ12345678901"), with_register())
    assert "code d'un État membre" in error.message


def test_a_vat_number_is_no_consignee_identifier_for_a_type_that_wants_an_excise_number():
    [error] = r045.check_draft(dae(destination_type_code=2, consignee_traderid="FR40303265045"), with_register())
    assert error.message.startswith(
        "Pour ce type de destination, l'identifiant du destinataire est son numéro d'accise."
    )
    # An export names the consignee by its VAT number, if at all.
    assert errors(dae(destination_type_code=6, consignee_traderid="FR40303265045", delivery_place_traderid="")) == []


def test_the_tax_warehouse_of_delivery_must_be_known():
    consignee = entry("FR009990F0005")
    draft = dae(delivery_place_traderid="FR009990F0006")
    assert errors(draft, consignee) == [("R045", "delivery_place.traderid")]
