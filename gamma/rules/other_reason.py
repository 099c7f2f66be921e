"""What C126, C128, C143, C154 and C161 share: a reason chosen from a code list as « Autre » (key ``0``
in every list of reasons) needs its complementary information; any other reason may have one.
Not a rule itself: each of the five names its list and calls :func:`check` with its code."""

from gamma.rules.base import RuleError

OTHER = "0"  # « Autre » in BC22, BC26, BC43, BC46, BC51 (emcs.codelists.OTHER_KEY)
COMPLEMENT_REQUIRED = "Précisez le motif « Autre » en quelques mots."


def check(code: str, *, reason_code: str | None, complementary_information: str | None, field: str) -> list[RuleError]:
    """``code``'s error when the reason is « Autre » without words to say which."""
    if str(reason_code or "") == OTHER and not (complementary_information or "").strip():
        return [RuleError(code, field, COMPLEMENT_REQUIRED)]
    return []
