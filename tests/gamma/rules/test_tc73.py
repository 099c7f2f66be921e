import pytest

from gamma.rules import tc73
from gamma.rules.base import RuleError


def test_the_list():
    assert tc73.LABELS == {
        1: "Retard de l'accusé de réception",
        2: "Retard dans l'indication de la destination",
    }
    assert tc73.check(message_role=tc73.DELAY_OF_RECEIPT) == tc73.check(message_role=tc73.DELAY_OF_DESTINATION) == []


@pytest.mark.parametrize("value", [0, 3, None])
def test_other_values_are_refused(value):
    assert tc73.check(message_role=value) == [RuleError("TC73", "message_role", "Dites ce qui est en retard.")]
