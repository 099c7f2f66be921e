from datetime import date

import pytest

from gamma import rules
from gamma.rules import r044
from tests.gamma.rules.conftest import TODAY
from tests.gamma.rules.register_support import dae, entry, with_register


def codes(draft, ctx):
    return [(error.code, error.field) for error in r044.check_draft(draft, ctx)]


@pytest.mark.parametrize(("kind", "status"), [("DAE", "EA"), ("DAE", "EE"), ("DAES", "EC"), ("DAES", "EA")])
def test_a_consignor_of_a_status_allowed_to_send_passes(kind, status):
    assert r044.check_draft(dae(kind=kind), with_register(entry("FR008777E0001", status))) == []


@pytest.mark.parametrize(("kind", "status"), [("DAE", "DE"), ("DAE", "EC"), ("DAE", "DT"), ("DAES", "DC")])
def test_a_status_that_may_not_send_this_document_is_refused(kind, status):
    [error] = r044.check_draft(dae(kind=kind), with_register(entry("FR008777E0001", status)))
    assert (error.code, error.field) == ("R044", "consignor.trader_excise_number")
    assert "FR008777E0001" in error.message and "il faut le statut" in error.message


def test_a_consignor_unknown_to_the_register_is_refused():
    [error] = r044.check_draft(dae(), with_register())
    assert error.message == "Le numéro d'accise FR008777E0001 de l'expéditeur n'est pas connu du référentiel douanier."


def test_the_number_must_be_valid_on_the_date_of_dispatch_not_only_today():
    expired = entry("FR008777E0001", valid_until=date(2025, 3, 14))
    assert r044.check_draft(dae(dispatch_date=TODAY), with_register(expired)) == []
    [error] = r044.check_draft(dae(dispatch_date=date(2025, 3, 15)), with_register(expired))
    assert "n'est plus valide depuis le 14/03/2025" in error.message and "15/03/2025" in error.message
    future = entry("FR008777E0001", valid_from=date(2025, 3, 13))
    [error] = r044.check_draft(dae(dispatch_date=TODAY), with_register(future))
    assert "n'est valide qu'à partir du 13/03/2025" in error.message


def test_a_dsa_is_checked_for_validity_not_for_status():
    registered_consignee = entry("FR008777E0001", "DE")
    assert r044.check_draft(dae(kind=rules.DSA), with_register(registered_consignee)) == []
    expired = entry("FR008777E0001", "DE", valid_until=date(2020, 1, 1))
    assert codes(dae(kind=rules.DSA), with_register(expired)) == [("R044", "consignor.trader_excise_number")]
