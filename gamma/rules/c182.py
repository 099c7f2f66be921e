"""C182: a change of destination (IE813) whose new guarantee is « no guarantee » (article 17.5 of
directive 2020/262) states the transport mode (which R216 then restricts).

Official text (``emcs/spec/C182.md``)::

    IF <Guarantor Type Code> is given and is "No guarantee is provided according to Article 17.5
    of Directive 2020/262"
    THEN <Transport Mode Code> is 'R'
    ELSE <Transport Mode Code> is 'O'"""

from gamma.rules.base import RuleError
from gamma.rules.presence import required

CODE = "C182"
FIELD = "transport_mode_code"
NO_GUARANTEE = "5"  # TC29
REQUIRED = "Sans garantie (type 5), indiquez le mode de transport (C182)."


def check(*, guarantor_type_code: str, transport_mode_code: str, field: str = FIELD) -> list[RuleError]:
    if guarantor_type_code == NO_GUARANTEE and not transport_mode_code:
        return [required(CODE, field, REQUIRED)]
    return []
