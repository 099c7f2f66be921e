from gamma import rules
from gamma.models import MovementTrader
from gamma.rules import c207


def test_the_place_of_dispatch_of_a_daes_gives_its_name_and_address():
    place = MovementTrader(trader_name="Cave", street_name="2 quai", postcode="33000", city="Bordeaux")
    assert c207.check(kind=rules.DAES, origin_type_code=3, place_of_dispatch=place) == []
    errors = c207.check(kind=rules.DAES, origin_type_code=3, place_of_dispatch=MovementTrader(trader_name="Cave"))
    assert errors == [
        rules.RuleError(
            "C207",
            "place_of_dispatch.street_name",
            "Indiquez la voie (rue, avenue…) de l'adresse du lieu d'expédition.",
        ),
        rules.RuleError("C207", "place_of_dispatch.postcode", "Indiquez le code postal du lieu d'expédition."),
        rules.RuleError("C207", "place_of_dispatch.city", "Indiquez la ville du lieu d'expédition."),
    ]


def test_elsewhere_the_address_is_optional():
    assert c207.check(kind=rules.DAE, origin_type_code=1, place_of_dispatch=None) == []
    assert c207.check(kind=rules.DAES, origin_type_code=2, place_of_dispatch=None) == []  # imported: C012
    assert c207.check(kind=rules.DSA, origin_type_code=None, place_of_dispatch=None) == []
