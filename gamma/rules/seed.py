"""What the rules on the register's data share (EMCS's « SEED - Registration Data » rules: R044,
R045, BR002, BR003, BR004, BR006, BR011, BR012, BR013, BR016, BR048, BR049): who may send and who
may receive each kind of movement, the category of a line's product, and the faults of one
authorisation as French messages. Not a rule itself (nothing registered here); the pre-validation
of an operator (``gamma.prevalidation``) asks the same questions through these functions.

The register (``register.models.ExciseNumber``) holds one status per excise number and its product
categories (BC66), not SEED's per-product authorisations: a line is authorised when its product's
category is one of the number's. Statuses are ``ExciseStatus``' codes.
"""

from collections.abc import Iterable
from datetime import date

from gamma.rules.base import Authorisation, Context, RuleError
from gamma.rules.draft import DAE, DAES, Draft

AUTHORISED_WAREHOUSEKEEPER = "EA"
REGISTERED_CONSIGNOR = "EE"
REGISTERED_CONSIGNEE = "DE"
TEMPORARY_REGISTERED_CONSIGNEE = "DT"
CERTIFIED_CONSIGNOR = "EC"
CERTIFIED_CONSIGNEE = "DC"

STATUS_LABELS = {
    AUTHORISED_WAREHOUSEKEEPER: "entrepositaire agréé",
    REGISTERED_CONSIGNOR: "expéditeur enregistré",
    REGISTERED_CONSIGNEE: "destinataire enregistré",
    TEMPORARY_REGISTERED_CONSIGNEE: "destinataire enregistré à titre temporaire",
    CERTIFIED_CONSIGNOR: "expéditeur certifié",
    CERTIFIED_CONSIGNEE: "destinataire certifié",
}

# BC66, as the register's categories are labelled (register/migrations/0003_product_categories.py).
CATEGORY_LABELS = {
    "B": "Bières",
    "E": "Produits énergétiques",
    "I": "Produits intermédiaires",
    "S": "Alcools",
    "T": "Tabacs manufacturés",
    "W": "Vins et boissons fermentées",
}

# R044: the statuses that may dispatch each kind of document. Under duty suspension an authorised
# warehousekeeper or a registered consignor; duty paid between member states a certified consignor
# — and, *(assumption)*, an authorised warehousekeeper, whom French practice lets dispatch duty-paid
# products without a second number. The DSA, national, is not an EMCS document: no status rule.
SENDING = {
    DAE: frozenset({AUTHORISED_WAREHOUSEKEEPER, REGISTERED_CONSIGNOR}),
    DAES: frozenset({CERTIFIED_CONSIGNOR, AUTHORISED_WAREHOUSEKEEPER}),
}

# R045: the status the consignee must have for each type of destination (notes 1 to 9). The
# certified consignee of types 9 and 10 may also be, *(assumption)* as above, an authorised
# warehousekeeper. Types 5, 6 and 8 name no excise number.
RECEIVING = {
    1: frozenset({AUTHORISED_WAREHOUSEKEEPER}),
    2: frozenset({REGISTERED_CONSIGNEE}),
    3: frozenset({TEMPORARY_REGISTERED_CONSIGNEE}),
    4: frozenset({AUTHORISED_WAREHOUSEKEEPER, REGISTERED_CONSIGNEE}),
    9: frozenset({CERTIFIED_CONSIGNEE, AUTHORISED_WAREHOUSEKEEPER}),
    10: frozenset({CERTIFIED_CONSIGNEE, AUTHORISED_WAREHOUSEKEEPER}),
    11: frozenset({CERTIFIED_CONSIGNOR, AUTHORISED_WAREHOUSEKEEPER}),
}
CONSIGNEE_EXCISE_NUMBER_TYPES = frozenset(RECEIVING)

FRANCE = "FR"


def is_french(number: str) -> bool:
    return number[:2] == FRANCE


def authorisation(context: Context, number: str) -> Authorisation | None:
    return context.authorisations.get(number) if number else None


def category_of(excise_product_code: str, context: Context) -> str:
    """The BC66 category of a product: BC36's, else the code's first letter (which is it)."""
    product = context.reference.products.get(excise_product_code)
    return (getattr(product, "category", "") or excise_product_code[:1]).upper()


def statuses(codes: Iterable[str]) -> str:
    labels = [STATUS_LABELS[code] for code in sorted(codes, key=list(STATUS_LABELS).index)]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " ou " + labels[-1]


def unknown(number: str, who: str) -> str:
    return f"Le numéro d'accise {number} {who} n'est pas connu du référentiel douanier."


def validity_fault(found: Authorisation, day: date, who: str) -> str | None:
    """Why the number is not valid on ``day`` (the date of dispatch), or None."""
    if day < found.valid_from:
        return (
            f"Le numéro d'accise {found.number} {who} n'est valide qu'à partir du {found.valid_from:%d/%m/%Y} : "
            f"il ne l'est pas à la date d'expédition ({day:%d/%m/%Y})."
        )
    if found.valid_until is not None and day > found.valid_until:
        return (
            f"Le numéro d'accise {found.number} {who} n'est plus valide depuis le {found.valid_until:%d/%m/%Y} : "
            f"il ne l'est pas à la date d'expédition ({day:%d/%m/%Y})."
        )
    return None


def status_fault(found: Authorisation, allowed: frozenset[str], who: str, for_what: str) -> str | None:
    if found.status in allowed:
        return None
    held = STATUS_LABELS.get(found.status, found.status)
    return (
        f"Le numéro d'accise {found.number} {who} a le statut {held} : {for_what}, il faut le statut "
        f"{statuses(allowed)}."
    )


def category_fault(found: Authorisation, category: str, who: str) -> str | None:
    if category in found.categories:
        return None
    label = CATEGORY_LABELS.get(category, category)
    return (
        f"Le numéro d'accise {found.number} {who} n'est pas autorisé pour la catégorie de produits « {label} » "
        f"({category})."
    )


def day_of(draft: Draft, context: Context) -> date:
    """The date the authorisations must be valid on: the date of dispatch, else today."""
    return draft.dispatch_date or context.today


def line_faults(draft: Draft, context: Context, found: Authorisation, code: str, who: str) -> list[RuleError]:
    """One error per line whose product's category ``found`` is not authorised for."""
    errors = []
    for index, line in enumerate(draft.lines):
        if not line.excise_product_code:
            continue
        message = category_fault(found, category_of(line.excise_product_code, context), who)
        if message:
            errors.append(RuleError(code, f"lines.{index}.excise_product_code", f"Ligne {index + 1} : {message}"))
    return errors
