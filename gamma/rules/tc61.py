"""TC61: the submitter type of an explanation (IE837, IE871): 1 the consignor, 2 the consignee.

Official list (``emcs/spec/TC61 Submitter Type.md``): n1, « 1 Consignor », « 2 Consignee »."""

from gamma.rules.base import RuleError

CODE = "TC61"
FIELD = "submitter_type"
CONSIGNOR, CONSIGNEE = 1, 2
LABELS = {CONSIGNOR: "Expéditeur", CONSIGNEE: "Destinataire"}
UNKNOWN = "Le type de soumetteur « {value} » n'existe pas : 1 (expéditeur) ou 2 (destinataire) (TC61)."


def check(*, submitter_type: int | str | None, field: str = FIELD) -> list[RuleError]:
    if str(submitter_type) in {str(code) for code in LABELS}:
        return []
    return [RuleError(CODE, field, UNKNOWN.format(value="" if submitter_type is None else submitter_type))]
