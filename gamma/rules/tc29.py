"""TC29: the guarantor type code is one of the EU's list (technical code list TC29, the
``GuarantorTypeCode`` enumeration of ``tcl.xsd``): 1 consignor, 2 transporter, 3 owner of the
excise products, 4 consignee, 5 no guarantee (article 17 of directive 2020/262), and the joint
guarantees written with their digits in order (12, 123, 1234 …).

HMRC's copy of the list (``emcs/spec/TC29 Guarantor Type Code.md``) adds ``0``, « guarantor not
required for qualifying UK to UK movements »: no EU member state knows it, the EU schema refuses it,
so a French draft carrying it is refused here, with this code, before it can get an ARC (the web
form's guarantee section, the validation of a draft, and a draft received by ``save_ie815``)."""

from gamma.rules.base import Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "TC29"
FIELD = "guarantor_type_code"
# The EU tcl.xsd's GuarantorTypeCode, in its order (checked against the schema in the tests).
CODES = ("1", "12", "123", "1234", "124", "13", "134", "14", "2", "23", "234", "24", "3", "34", "4", "5")
UK_ONLY = (
    "Le type de garantie 0 (« garant non requis ») n\u2019existe que pour les mouvements au sein du "
    "Royaume-Uni : indiquez qui fournit la garantie (1 à 5, ou une garantie conjointe comme 12)."
)
UNKNOWN = (
    "Le type de garantie « {code} » n\u2019existe pas dans la liste de l\u2019Union (TC29) : indiquez qui "
    "fournit la garantie (1 à 5, ou une garantie conjointe comme 12)."
)


def check(*, guarantor_type_code: str | None, field: str = FIELD) -> list[RuleError]:
    """A blank code is not this rule's business (the required fields say it is missing)."""
    code = (guarantor_type_code or "").strip()
    if not code or code in CODES:
        return []
    if code == "0":
        return [RuleError(CODE, field, UK_ONLY)]
    return [RuleError(CODE, field, UNKNOWN.format(code=code))]


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(guarantor_type_code=draft.guarantor_type_code)
