from gamma.rules import br012
from tests.gamma.rules.register_support import dae, entry, with_register


def test_the_tax_warehouse_of_delivery_is_the_consignee_s():
    consignee = entry("FR009990F0005", tax_warehouse="FR009990F0007")
    assert br012.check_draft(dae(delivery_place_traderid="FR009990F0007"), with_register(consignee)) == []
    [error] = br012.check_draft(dae(delivery_place_traderid="FR009990F0005"), with_register(consignee))
    assert (error.code, error.field) == ("BR012", "delivery_place.traderid")
    assert "(FR009990F0007)" in error.message


def test_only_a_delivery_to_a_tax_warehouse_is_concerned():
    consignee = entry("FR009990F0005", tax_warehouse="FR009990F0007")
    assert br012.check_draft(dae(destination_type_code=4, delivery_place_traderid=""), with_register(consignee)) == []
