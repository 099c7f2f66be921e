"""TC73: the message role of an explanation on delay (IE837), what is late: 1 the report of receipt
(or of export), 2 the destination (a change of destination awaited).

Official list (``emcs/spec/TC73 Message Role Code.md``): n1, « 1 Explanation on delay for sending
the report of receipt/export », « 2 Explanation on delay for giving destination »."""

from gamma.rules.base import RuleError

CODE = "TC73"
FIELD = "message_role"
DELAY_OF_RECEIPT, DELAY_OF_DESTINATION = 1, 2
LABELS = {
    DELAY_OF_RECEIPT: "Retard de l'accusé de réception",
    DELAY_OF_DESTINATION: "Retard dans l'indication de la destination",
}
UNKNOWN = "Dites ce qui est en retard."


def check(*, message_role: int | None, field: str = FIELD) -> list[RuleError]:
    if message_role in LABELS:
        return []
    return [RuleError(CODE, field, UNKNOWN)]
