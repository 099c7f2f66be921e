"""The base of the presence conditions: when a trader group is given, and the name and address it
lacks."""

from gamma import rules, sections
from gamma.models import MovementTrader
from gamma.rules import presence

PRESENCE_CODES = (
    "C006", "C010", "C012", "C017", "C045", "C074", "C078", "C079", "C084", "C096", "C101", "C102", "C116", "C127",
    "C164", "C202", "C207", "C208",
)  # fmt: skip


def test_a_group_is_given_by_any_of_its_values_and_the_values_are_the_forms():
    assert set(presence.TRADER_VALUES) == set(sections.TRADER_FIELDS)
    assert not presence.has_data(None)
    assert not presence.has_data(MovementTrader())
    for name in presence.TRADER_VALUES:
        assert presence.has_data(MovementTrader(**{name: "X"}))


def test_the_address_lacking_is_listed_field_by_field_with_its_code():
    trader = MovementTrader(trader_name="Chai", city="Bordeaux")
    assert presence.address("C116", "consignee", trader, "du destinataire") == [
        rules.RuleError(
            "C116", "consignee.street_name", "Indiquez la voie (rue, avenue…) de l'adresse du destinataire."
        ),
        rules.RuleError("C116", "consignee.postcode", "Indiquez le code postal du destinataire."),
    ]
    assert [e.field for e in presence.address("", "consignor", None, "de l'expéditeur")] == [
        "consignor.trader_name",
        "consignor.street_name",
        "consignor.postcode",
        "consignor.city",
    ]
    assert presence.address("C079", "delivery_place", None, "du lieu de livraison", ("trader_name",)) == [
        rules.RuleError("C079", "delivery_place.trader_name", "Indiquez le nom du lieu de livraison.")
    ]


def test_presence_conditions_are_not_draft_rules():
    # They read the trader groups and the repeated groups: the task list (sections.missing) calls them.
    assert not set(PRESENCE_CODES) & set(rules.RULES)
