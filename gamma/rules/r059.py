"""R059: the sequence number of a movement is 1 when the e-AD is validated and goes up by one at each
change of destination (IE813).

Official text (``emcs/spec/R059.md``): "The <Sequence Number> is an automatically generated
sequential number, set to 1 at initial submission of the e-AD/e-SAD, and then incremented of 1 upon
each change of destination."

The schema writes it on two digits (``SequenceNumber``, n..2): a movement at 99 can change its
destination no more."""

from gamma.rules.base import RuleError

CODE = "R059"
FIELD = "destination_type_code"
FIRST = 1
MAX = 99
NO_MORE_CHANGES = "Ce mouvement a atteint le nombre maximal de changements de destination."


def next_sequence_number(sequence_number: int | None) -> int:
    """The sequence number a change of destination gives."""
    return (sequence_number or FIRST) + 1


def check(*, sequence_number: int | None, field: str = FIELD) -> list[RuleError]:
    """Whether the movement may change its destination once more."""
    if (sequence_number or FIRST) >= MAX:
        return [RuleError(CODE, field, NO_MORE_CHANGES)]
    return []
