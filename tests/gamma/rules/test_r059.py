from gamma.rules import r059
from gamma.rules.base import RuleError


def test_each_change_of_destination_adds_one():
    assert r059.next_sequence_number(None) == 2
    assert r059.next_sequence_number(1) == 2
    assert r059.next_sequence_number(41) == 42


def test_two_digits_at_most():
    assert r059.check(sequence_number=98) == []
    assert r059.check(sequence_number=99) == [
        RuleError(
            "R059", "destination_type_code", "Ce mouvement a atteint le nombre maximal de changements de destination."
        )
    ]
