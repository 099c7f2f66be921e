"""Pré-validation d'un opérateur (HMRC's « pre-validate a trader »): before preparing a DAE, may
this excise number receive these products — for this type of destination, when one is given — on
this date? The answer is the validation's own (R045 for the number, its status and validity;
BR011, BR013, BR016, BR048, BR049 for the products: ``gamma.rules.seed``), so a number the page
accepts is one the validation accepts as consignee.

Another member state's number is checked for its format only: its register (SEED) is that state's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils import timezone

from gamma.rules import br011, br013, br016, br048, br049, r045, seed
from gamma.rules.base import RuleError
from gamma.services import authorisation_of
from identifiers import excise
from register.services import excise_number_with_holder

# The product rule of each type of destination (the consignee's own authorisation).
PRODUCT_RULES = {1: br013.CODE, 2: br011.CODE, 3: br016.CODE, 4: br011.CODE, 9: br048.CODE, 10: br049.CODE}
DESTINATION_TYPES = tuple(code for code in seed.RECEIVING if code in PRODUCT_RULES)
RECEIVING_STATUSES = frozenset().union(*(seed.RECEIVING[code] for code in DESTINATION_TYPES))
WHO = "du destinataire"


class PrevalidationRefused(ValueError):
    """The question itself is wrong (a category or a type of destination unknown); French."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Prevalidation:
    number: str
    checked_on: dt.date
    categories: tuple[str, ...]
    destination_type_code: int | None = None
    foreign: bool = False  # another member state's number: format only
    operator_name: str = ""
    status: str = ""  # the register's status, in French
    faults: list[RuleError] = field(default_factory=list)

    @property
    def allowed(self) -> bool:
        """The number may receive every one of the products (never said of a foreign number)."""
        return not self.foreign and not self.faults

    @property
    def category_labels(self) -> list[str]:
        return [f"{seed.CATEGORY_LABELS[code]} ({code})" for code in self.categories]

    @property
    def member_state(self) -> str:
        return excise.member_state_name(self.number[:2])


def _categories(product_categories: Iterable[str]) -> tuple[str, ...]:
    codes = []
    for code in product_categories:
        code = str(code).strip().upper()
        if code not in seed.CATEGORY_LABELS:
            raise PrevalidationRefused(f"Catégorie de produits inconnue : « {code} ».")
        if code not in codes:
            codes.append(code)
    if not codes:
        raise PrevalidationRefused("Choisissez au moins une catégorie de produits.")
    return tuple(sorted(codes))


def operator_prevalidate(
    *,
    excise_number: str,
    product_categories: Iterable[str],
    destination_type: int | None = None,
    on: dt.date | None = None,
) -> Prevalidation:
    """May ``excise_number`` receive products of these categories (BC66 codes) on ``on`` (today
    by default), under ``destination_type`` (1, 2, 3, 4, 9 or 10) or under any? Raises
    ``identifiers.InvalidIdentifier`` for a malformed number and ``PrevalidationRefused`` for an
    unknown category or type of destination."""
    number = excise.validate_seed(excise_number)
    categories = _categories(product_categories)
    if destination_type is not None and destination_type not in DESTINATION_TYPES:
        raise PrevalidationRefused(
            "Type de destination inconnu ici : choisissez 1, 2, 3, 4, 9 ou 10, ou aucun type en particulier."
        )
    day = on or timezone.localdate()
    question = {
        "number": number,
        "checked_on": day,
        "categories": categories,
        "destination_type_code": destination_type,
    }
    if not seed.is_french(number):
        return Prevalidation(**question, foreign=True)

    holder = excise_number_with_holder(number=number)
    if holder is None:
        return Prevalidation(**question, faults=[RuleError(r045.CODE, "numero", seed.unknown(number, WHO))])
    found = authorisation_of(holder)
    if destination_type is not None:
        faults = r045.check(destination_type_code=destination_type, consignee_traderid=number, day=day, found=found)
    else:
        messages = [
            seed.validity_fault(found, day, WHO),
            seed.status_fault(found, RECEIVING_STATUSES, WHO, "pour recevoir des produits soumis à accise"),
        ]
        faults = [RuleError(r045.CODE, "numero", message) for message in messages if message]
    code = PRODUCT_RULES.get(destination_type, "")
    for category in categories:
        message = seed.category_fault(found, category, WHO)
        if message:
            faults.append(RuleError(code, "categories", message))
    return Prevalidation(
        **question,
        operator_name=holder.operator.name,
        status=holder.get_status_display(),
        faults=faults,
    )
