"""C096: the import customs declarations go with imported goods, and with them only.

Official text (``emcs/spec/C096.md``, the condition of the e-AD, IE801)::

    IF <Origin Type Code> is "2 = Origin - Import"
    THEN <IMPORT CUSTOMS DECLARATION> is 'R'
    ELSE <IMPORT CUSTOMS DECLARATION> does not apply.

The draft (IE815) states the same group under C097, identical but for 'O' instead of 'R' where
the goods are imported: there, the office of dispatch may complete it before issuing the e-AD. The
portal issues the e-AD (IE801) from the draft alone, with no other source of these numbers, so a
draft of imported goods must give at least one (9 at most: the schema's repeat, enforced by the
form and the XML schema) for its e-AD to meet C096; a draft of other goods gives none (C097 and
C096 agree). A DSA is national: the condition does not apply to it."""

from collections.abc import Sequence

from gamma.rules.base import RuleError
from gamma.rules.c012 import imported
from gamma.rules.presence import EMCS_KINDS, not_applicable, required

CODE = "C096"
GROUP = "import_customs_declarations"
FIELD = f"{GROUP}.0.number"  # the first number's input
MAX_DECLARATIONS = 9  # ie815.xsd, ie801.xsd: ImportCustomsDeclaration maxOccurs="9"
MAX_LENGTH = 21  # an..21 (ImportCustomsDeclarationNumberType)
REQUIRED = "Indiquez le numéro de la déclaration en douane d'importation des marchandises importées."
NOT_APPLICABLE = (
    "La déclaration en douane d'importation ne s'applique qu'à des marchandises importées (type d'origine "
    "« Importation ») : laissez ces numéros vides."
)


def check(*, kind: str, origin_type_code: int | None, import_customs_declarations: Sequence[str]) -> list[RuleError]:
    if kind not in EMCS_KINDS:
        return []
    given = any(number for number in import_customs_declarations)
    if imported(origin_type_code):
        return [] if given else [required(CODE, FIELD, REQUIRED)]
    return [not_applicable(CODE, FIELD, NOT_APPLICABLE)] if given else []
