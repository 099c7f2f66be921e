"""R044: the consignor's excise number is one of the register's, valid on the date of dispatch,
with a status that may dispatch the document: for a DAE (duty suspension) an authorised
warehousekeeper (entrepositaire agréé) or a registered consignor (expéditeur enregistré), for a
DAES a certified consignor (``seed.SENDING``). The DSA, national, is checked for existence and
validity only."""

from datetime import date

from gamma.rules import seed
from gamma.rules.base import Authorisation, Context, RuleError, register
from gamma.rules.draft import Draft

CODE = "R044"
FIELD = "consignor.trader_excise_number"
WHO = "de l'expéditeur"
DOCUMENTS = {"DAE": "pour expédier un DAE (droits suspendus)", "DAES": "pour expédier un DAES (droits acquittés)"}


def check(*, kind: str, consignor_excise_number: str, day: date, found: Authorisation | None) -> list[RuleError]:
    if not consignor_excise_number or not seed.is_french(consignor_excise_number):
        return []
    if found is None:
        return [RuleError(CODE, FIELD, seed.unknown(consignor_excise_number, WHO))]
    faults = [seed.validity_fault(found, day, WHO)]
    if kind in seed.SENDING:
        faults.append(seed.status_fault(found, seed.SENDING[kind], WHO, DOCUMENTS[kind]))
    return [RuleError(CODE, FIELD, fault) for fault in faults if fault]


@register(CODE)
def check_draft(draft: Draft, context: Context) -> list[RuleError]:
    return check(
        kind=draft.kind,
        consignor_excise_number=draft.consignor_excise_number,
        day=seed.day_of(draft, context),
        found=seed.authorisation(context, draft.consignor_excise_number),
    )
