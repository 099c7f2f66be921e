from gamma.rules import br003
from tests.gamma.rules.register_support import dae, entry, with_register


def test_the_place_of_dispatch_is_the_consignor_s_tax_warehouse():
    consignor = entry("FR008777E0001", tax_warehouse="FR008777E0002")
    assert br003.check_draft(dae(place_of_dispatch_warehouse="FR008777E0002"), with_register(consignor)) == []
    [error] = br003.check_draft(dae(place_of_dispatch_warehouse="FR009990F0005"), with_register(consignor))
    assert (error.code, error.field) == ("BR003", "place_of_dispatch.reference_of_tax_warehouse")
    assert error.message == (
        "Le lieu d'expédition doit être l'entrepôt fiscal de l'expéditeur (FR008777E0002) : FR009990F0005 n'est pas "
        "le sien."
    )


def test_imported_goods_do_not_leave_a_tax_warehouse():
    consignor = entry("FR008777E0001")
    assert (
        br003.check_draft(
            dae(origin_type_code=2, place_of_dispatch_warehouse="FR009990F0005"), with_register(consignor)
        )
        == []
    )
