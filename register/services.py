"""Look-ups in the register, shared by the web pages, the JSON endpoint and the registration form:
the establishment sheet of a SIRET, InfoAccises (excise numbers) and TVA Intracom (VAT numbers).

Each function takes keyword arguments, reads the register through the selectors below and either
returns a plain dataclass or raises :class:`LookupRefused` with the French reason to show.
"""

import datetime
import enum
from dataclasses import dataclass, field

from django.db import connection
from django.utils import timezone

from identifiers import excise, tva
from identifiers import siren as siren_id
from identifiers import siret as siret_id
from identifiers.exceptions import ForeignIdentifier, InvalidIdentifier
from register import labels
from register.models import AdministrativeState, Establishment, ExciseNumber, LegalUnit


class RefusalReason(enum.StrEnum):
    INVALID = "invalid"  # the number itself is wrong
    UNKNOWN = "unknown"  # well formed, not in the register
    CLOSED = "closed"  # in the register, but closed
    FOREIGN = "foreign"  # another member state's number: not in the French register


class LookupRefused(Exception):
    """The look-up has no result to show; ``message`` (French) says why."""

    def __init__(self, message: str, *, reason: RefusalReason) -> None:
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __str__(self) -> str:
        return self.message


def _refuse_invalid(error: InvalidIdentifier) -> LookupRefused:
    reason = RefusalReason.FOREIGN if isinstance(error, ForeignIdentifier) else RefusalReason.INVALID
    return LookupRefused(error.message, reason=reason)


# ---------------------------------------------------------------------------------------------
# Selectors: how the register is read (one query each)
# ---------------------------------------------------------------------------------------------


def _columns(model) -> tuple[list[str], list[str]]:
    fields = model._meta.concrete_fields
    return [field.column for field in fields], [field.attname for field in fields]


_ESTABLISHMENT_COLUMNS, _ESTABLISHMENT_ATTNAMES = _columns(Establishment)
_LEGAL_UNIT_COLUMNS, _LEGAL_UNIT_ATTNAMES = _columns(LegalUnit)
# Written once: this is the hot path of the SIRET look-up (registration form, JSON endpoint), where
# compiling the ORM query cost more than running it.
# Built from the models' own column names only; the SIRET is a query parameter.
_ESTABLISHMENT_SQL = (
    "SELECT "  # noqa: S608
    + ", ".join([f"e.{c}" for c in _ESTABLISHMENT_COLUMNS] + [f"u.{c}" for c in _LEGAL_UNIT_COLUMNS])
    + f" FROM {Establishment._meta.db_table} e LEFT JOIN {LegalUnit._meta.db_table} u ON u.siren = e.siren"
    + " WHERE e.siret = %s"
)


def establishment_with_legal_unit(*, siret_number: str) -> tuple[Establishment, LegalUnit | None] | None:
    """The establishment and its legal unit, in one primary-key query.

    SIRENE's two files are imported independently, so a legal unit may be missing for a while:
    the left join then gives the establishment alone. ``None`` when the register has no such
    establishment.
    """
    with connection.cursor() as cursor:
        cursor.execute(_ESTABLISHMENT_SQL, [siret_number])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(_ESTABLISHMENT_COLUMNS)
    establishment = Establishment.from_db(connection.alias, _ESTABLISHMENT_ATTNAMES, row[:split])
    unit_values = row[split:]
    if unit_values[_LEGAL_UNIT_ATTNAMES.index("siren")] is None:
        return establishment, None
    legal_unit = LegalUnit.from_db(connection.alias, _LEGAL_UNIT_ATTNAMES, unit_values)
    establishment.legal_unit = legal_unit
    return establishment, legal_unit


def excise_number_with_holder(*, number: str) -> ExciseNumber | None:
    """The excise number with its operator, office and product categories (two queries)."""
    return (
        ExciseNumber.objects.select_related("operator", "customs_office")
        .prefetch_related("product_categories")
        .filter(number=number)
        .first()
    )


def legal_unit_name(*, siren_number: str) -> str | None:
    name = LegalUnit.objects.filter(pk=siren_number).values_list("denomination", "first_name", "last_name").first()
    if name is None:
        return None
    denomination, first_name, last_name = name
    shown = _text(denomination) or _joined(first_name, last_name)
    if not shown and _is_masked(denomination, last_name):
        return NOT_DISSEMINATED
    return shown or None


# ---------------------------------------------------------------------------------------------
# The establishment sheet (Fiche Établissement)
# ---------------------------------------------------------------------------------------------

FRANCE = "FRANCE"


@dataclass(frozen=True)
class EstablishmentSheet:
    siret: str
    siren: str
    name: str  # signboard, else the establishment's usual name, else the legal unit's name
    legal_unit_name: str
    country: str
    created_on: datetime.date | None
    headcount: str
    activity: str
    ape_code: str
    nature: str
    legal_category: str
    is_head_office: bool
    address: str
    state: str

    @property
    def identifiers(self) -> str:
        return f"INSEE : {self.siret}"

    @property
    def created_on_display(self) -> str:
        return self.created_on.strftime("%d/%m/%Y") if self.created_on else labels.NOT_PROVIDED

    @property
    def head_office_display(self) -> str:
        return "Oui" if self.is_head_office else "Non"

    def as_dict(self) -> dict:
        """What the JSON endpoint sends: the sheet's rows as the page shows them."""
        return {
            "siret": self.siret,
            "siren": self.siren,
            "name": self.name,
            "legal_unit_name": self.legal_unit_name,
            "country": self.country,
            "identifiers": self.identifiers,
            "created_on": self.created_on.isoformat() if self.created_on else None,
            "created_on_display": self.created_on_display,
            "headcount": self.headcount,
            "activity": self.activity,
            "ape_code": self.ape_code,
            "nature": self.nature,
            "legal_category": self.legal_category,
            "is_head_office": self.is_head_office,
            "head_office_display": self.head_office_display,
            "address": self.address,
            "state": self.state,
        }


# INSEE masks the personal data of units that refused dissemination: the stock files read "[ND]".
MASKED = "[ND]"
NOT_DISSEMINATED = "Non diffusible"


def _text(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value == MASKED else value


def _is_masked(*values: str | None) -> bool:
    return any((value or "").strip() == MASKED for value in values)


def _joined(*parts: str | None, separator: str = " ") -> str:
    return separator.join(text for text in map(_text, parts) if text)


def establishment_address(establishment: Establishment) -> str:
    """One line, as the seed prints it: ``Route DE CAZAUBON 32800 EAUZE``."""
    street = _joined(
        establishment.street_number,
        labels.street_type_label(_text(establishment.street_type)),
        establishment.street_name,
    )
    if _text(establishment.country_name) or _text(establishment.foreign_city):
        place = _joined(establishment.foreign_city, establishment.country_name)
    else:
        place = _joined(establishment.postal_code, establishment.city)
    address = _joined(_joined(establishment.address_complement, street, separator=", "), place)
    if address:
        return address
    masked = _is_masked(establishment.street_name, establishment.city, establishment.postal_code)
    return NOT_DISSEMINATED if masked else labels.NOT_PROVIDED


def _legal_unit_display_name(legal_unit: LegalUnit | None) -> str:
    if legal_unit is None:
        return ""
    return _text(legal_unit.denomination) or _joined(legal_unit.first_name, legal_unit.last_name)


def establishment_sheet(*, siret: str) -> EstablishmentSheet:
    """The register's sheet of an open establishment, or :class:`LookupRefused` saying why not."""
    try:
        number = siret_id.validate(siret)
    except InvalidIdentifier as error:
        raise _refuse_invalid(error) from error

    found = establishment_with_legal_unit(siret_number=number)
    if found is None:
        raise LookupRefused(
            f"Aucun établissement n'est enregistré sous le numéro SIRET {number}.", reason=RefusalReason.UNKNOWN
        )
    establishment, legal_unit = found
    if establishment.state == AdministrativeState.CLOSED:
        raise LookupRefused(f"L'établissement {number} est fermé (cessation d'activité).", reason=RefusalReason.CLOSED)

    unit_name = _legal_unit_display_name(legal_unit)
    category = legal_unit.legal_category if legal_unit else ""
    name = _text(establishment.signboard) or _text(establishment.usual_name) or unit_name
    if not name:
        masked = legal_unit is not None and _is_masked(legal_unit.denomination, legal_unit.last_name)
        name = NOT_DISSEMINATED if masked else labels.NOT_PROVIDED
    return EstablishmentSheet(
        siret=number,
        siren=number[:9],
        name=name,
        legal_unit_name=unit_name,
        country=(_text(establishment.country_name).upper() or FRANCE),
        created_on=establishment.created_on,
        headcount=labels.headcount_label(establishment.headcount_band),
        activity=labels.activity_display(establishment.main_activity, establishment.activity_nomenclature),
        ape_code=labels.ape_code(establishment.main_activity),
        nature=labels.legal_nature(category),
        legal_category=labels.legal_category_label(category),
        is_head_office=establishment.is_head_office,
        address=establishment_address(establishment),
        state=AdministrativeState(establishment.state).label,
    )


# ---------------------------------------------------------------------------------------------
# InfoAccises: what the register says about an excise number
# ---------------------------------------------------------------------------------------------


class Validity(enum.StrEnum):
    VALID = "valid"
    NOT_YET = "not_yet"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ExciseNumberInfo:
    number: str
    operator_name: str
    operator_address: str
    status: str
    product_categories: list[str] = field(default_factory=list)
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None
    validity: Validity = Validity.VALID
    office_code: str = ""
    office_name: str = ""
    checked_on: datetime.date | None = None

    @property
    def is_valid_today(self) -> bool:
        return self.validity == Validity.VALID

    @property
    def validity_display(self) -> str:
        if self.validity == Validity.NOT_YET:
            return f"Pas encore valide : valide à partir du {self.valid_from:%d/%m/%Y}"
        if self.validity == Validity.EXPIRED:
            return f"Expiré : valide jusqu'au {self.valid_until:%d/%m/%Y}"
        if self.valid_until:
            return f"Valide du {self.valid_from:%d/%m/%Y} au {self.valid_until:%d/%m/%Y}"
        return f"Valide depuis le {self.valid_from:%d/%m/%Y}"


FOREIGN_EXCISE = (
    "Ce numéro d'accise relève d'un autre État membre ({state}) : il n'est pas tenu dans le référentiel "
    "douanier français. Consultez le système SEED de la Commission européenne."
)
UNKNOWN_EXCISE = "Ce numéro d'accise a un format valide mais n'est pas connu du référentiel douanier."


def _french_excise_number(number: str) -> str:
    """The number normalised, or the French reason it cannot be looked up (format, other member state)."""
    try:
        return excise.validate(number)
    except ForeignIdentifier as error:
        state = excise.member_state_name(excise.member_state(number))
        raise LookupRefused(FOREIGN_EXCISE.format(state=state), reason=RefusalReason.FOREIGN) from error
    except InvalidIdentifier as error:
        raise _refuse_invalid(error) from error


def excise_number_info(*, number: str, today: datetime.date | None = None) -> ExciseNumberInfo:
    """InfoAccises: the format is checked first, then the register answers."""
    found = excise_number_with_holder(number=_french_excise_number(number))
    if found is None:
        raise LookupRefused(UNKNOWN_EXCISE, reason=RefusalReason.UNKNOWN)

    today = today or timezone.localdate()
    if today < found.valid_from:
        validity = Validity.NOT_YET
    elif found.valid_until is not None and today > found.valid_until:
        validity = Validity.EXPIRED
    else:
        validity = Validity.VALID
    operator = found.operator
    return ExciseNumberInfo(
        number=found.number,
        operator_name=operator.name,
        operator_address=" ".join(part for part in (operator.address, operator.postal_code, operator.city) if part),
        status=found.get_status_display(),
        product_categories=[category.label for category in found.product_categories.all()],
        valid_from=found.valid_from,
        valid_until=found.valid_until,
        validity=validity,
        office_code=found.customs_office.code,
        office_name=found.customs_office.name,
        checked_on=today,
    )


@dataclass(frozen=True)
class HolderAddress:
    """The name and address of an excise number's holder: exactly what InfoAccises publishes of it
    to anyone, and nothing more (no SIREN, no office, no status)."""

    number: str
    name: str
    street: str
    postcode: str
    city: str

    def as_dict(self) -> dict[str, str]:
        return {
            "number": self.number,
            "name": self.name,
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
        }


def excise_number_holder_address(*, number: str) -> HolderAddress:
    """The holder's name and address for a French excise number, refused as InfoAccises refuses
    (wrong format, other member state, unknown): a form fills its trader from it."""
    normalised = _french_excise_number(number)
    found = (
        ExciseNumber.objects.filter(number=normalised)
        .values_list("number", "operator__name", "operator__address", "operator__postal_code", "operator__city")
        .first()
    )
    if found is None:
        raise LookupRefused(UNKNOWN_EXCISE, reason=RefusalReason.UNKNOWN)
    return HolderAddress(*found)


# ---------------------------------------------------------------------------------------------
# TVA Intracom
# ---------------------------------------------------------------------------------------------

UNKNOWN_COMPANY = "Cette entreprise n'est pas connue du répertoire des entreprises du portail."


@dataclass(frozen=True)
class VatNumberInfo:
    number: str  # FR + key + SIREN
    siren: str | None  # None for Monaco's numbers
    company_name: str | None  # from the register, when the SIREN is known there

    @property
    def formatted(self) -> str:
        return tva.format_number(self.number)

    @property
    def company_display(self) -> str:
        if self.siren is None:
            return "Numéro attribué à une entreprise monégasque : elle n'a pas de numéro SIREN."
        return self.company_name or UNKNOWN_COMPANY


def vat_check(*, value: str) -> VatNumberInfo:
    """Is this French VAT number right? (key and SIREN), with the company's name when known."""
    try:
        number = tva.validate(value)
    except InvalidIdentifier as error:
        raise _refuse_invalid(error) from error
    siren_number = tva.to_siren(number)
    name = legal_unit_name(siren_number=siren_number) if siren_number else None
    return VatNumberInfo(number=number, siren=siren_number, company_name=name)


def vat_from_siren(*, siren: str) -> VatNumberInfo:
    """The VAT number of a company from its SIREN, with the company's name when known."""
    try:
        siren_number = siren_id.validate(siren)
    except InvalidIdentifier as error:
        raise _refuse_invalid(error) from error
    return VatNumberInfo(
        number=tva.compute_from_siren(siren_number),
        siren=siren_number,
        company_name=legal_unit_name(siren_number=siren_number),
    )
