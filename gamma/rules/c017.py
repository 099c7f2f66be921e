"""C017: how many guarantors a guarantor type needs: none (the group does not apply), one or two.

Official text (``emcs/spec/C017.md``): "<TRADER Guarantor> is either forbidden or required;
possibly, two instances of the Data Group are required, according to the value of <Guarantor Type
Code>": 1 consignor 0, 2 transporter 1, 3 owner of the excise products 1, 4 consignee 0, 5 no
guarantee 0, 12 → 1, 13 → 1, 14 → 0, 23 → 2, 24 → 1, 34 → 1, 123 → 2, 124 → 1, 134 → 1,
234 → 2, 1234 → 2 (the consignor and the consignee are known from their own groups; the
transporter and the owner are not).

A guarantor required is checked by C101 (its excise number, or its name and address); one given
that the type does not need is refused here. A type outside the list (TC29) needs none."""

from collections.abc import Sequence

from gamma.rules import c101
from gamma.rules.base import RuleError
from gamma.rules.presence import EMCS_KINDS, Trader, has_data, not_applicable

CODE = "C017"
GROUPS = ("guarantor_1", "guarantor_2")
WHO = ("du garant", "du second garant")
NEEDED = {
    "1": 0, "2": 1, "3": 1, "4": 0, "5": 0, "12": 1, "13": 1, "14": 0, "23": 2, "24": 1,
    "34": 1, "123": 2, "124": 1, "134": 1, "234": 2, "1234": 2,
}  # fmt: skip
NOT_APPLICABLE = "Ce type de garantie ne prévoit pas ce garant : laissez ces champs vides."


def needed(guarantor_type_code: str | None) -> int:
    return NEEDED.get(guarantor_type_code or "", 0)


def check(*, kind: str, guarantor_type_code: str | None, guarantors: Sequence[Trader | None]) -> list[RuleError]:
    """``guarantors``: the first and the second guarantor groups, None when absent."""
    if kind not in EMCS_KINDS:
        return []
    errors: list[RuleError] = []
    count = needed(guarantor_type_code)
    for number, (group, who, guarantor) in enumerate(zip(GROUPS, WHO, guarantors, strict=True), start=1):
        if number <= count:
            errors += c101.check(group=group, trader=guarantor, who=who)
        elif has_data(guarantor) and guarantor_type_code:
            errors.append(not_applicable(CODE, f"{group}.trader_name", NOT_APPLICABLE))
    return errors
