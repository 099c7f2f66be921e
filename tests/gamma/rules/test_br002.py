from gamma import rules
from gamma.rules import br002
from tests.gamma.rules.register_support import dae, entry, with_register


def test_a_registered_consignor_dispatches_imported_goods_only():
    context = with_register(entry("FR008777E0001", "EE"))
    [error] = br002.check_draft(dae(origin_type_code=1), context)
    assert (error.code, error.field) == ("BR002", "origin_type_code")
    assert br002.check_draft(dae(origin_type_code=2), context) == []
    assert br002.check_draft(dae(origin_type_code=None), context) == []  # missing: the required fields say so


def test_a_warehousekeeper_may_dispatch_from_its_warehouse():
    assert br002.check_draft(dae(origin_type_code=1), with_register(entry("FR008777E0001", "EA"))) == []
    assert br002.check_draft(dae(kind=rules.DSA, origin_type_code=1), with_register(entry("FR008777E0001", "EE"))) == []
