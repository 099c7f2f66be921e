"""R216: without a guarantee (type 5, article 17 of directive 2020/262) the goods travel by sea or
by fixed transport installations only.

Official text (``emcs/spec/R216.md``): "IF <MOVEMENT GUARANTEE.Guarantor Type Code> is "No guarantee
is provided according to Article 17.2 and 17.5(b) of the Directive 2020/262" THEN <Transport Mode
Code> must be "Sea Transport" or "Fixed transport installations"". For an IE813, the guarantor type
is the one it gives, else the movement's; the transport mode likewise."""

from gamma.rules.base import RuleError

CODE = "R216"
FIELD = "transport_mode_code"
NO_GUARANTEE = "5"  # TC29
ALLOWED_MODES = frozenset({"1", "7"})  # BC67: sea transport, fixed transport installations
REFUSED = (
    "Sans garantie (type 5), le transport se fait par mer ou par installation de transport fixe uniquement (R216)."
)


def check(*, guarantor_type_code: str, transport_mode_code: str, field: str = FIELD) -> list[RuleError]:
    if guarantor_type_code == NO_GUARANTEE and transport_mode_code and transport_mode_code not in ALLOWED_MODES:
        return [RuleError(CODE, field, REFUSED)]
    return []
