"""Cleaning shared by the identifier modules."""

import re

# Separators people type or paste: any blank (non-breaking and thin spaces included), dots, dashes.
_SEPARATORS = re.compile(r"[\s.\-]+")
_ASCII_DIGITS = re.compile(r"[0-9]+", re.ASCII)
_ASCII_ALNUM = re.compile(r"[A-Za-z0-9]+", re.ASCII)

# Member states of the European Union as EMCS and VIES spell them (EL for Greece), plus XI for
# Northern Ireland, which keeps EU excise and VAT rules for goods.
EU_MEMBER_STATES = {
    "AT": "Autriche",
    "BE": "Belgique",
    "BG": "Bulgarie",
    "CY": "Chypre",
    "CZ": "Tchéquie",
    "DE": "Allemagne",
    "DK": "Danemark",
    "EE": "Estonie",
    "EL": "Grèce",
    "ES": "Espagne",
    "FI": "Finlande",
    "FR": "France",
    "HR": "Croatie",
    "HU": "Hongrie",
    "IE": "Irlande",
    "IT": "Italie",
    "LT": "Lituanie",
    "LU": "Luxembourg",
    "LV": "Lettonie",
    "MT": "Malte",
    "NL": "Pays-Bas",
    "PL": "Pologne",
    "PT": "Portugal",
    "RO": "Roumanie",
    "SE": "Suède",
    "SI": "Slovénie",
    "SK": "Slovaquie",
    "XI": "Irlande du Nord",
}


def compact(value: object) -> str:
    """The value without separators or surrounding blanks; anything that is not text gives ``""``."""
    if not isinstance(value, str):
        return ""
    return _SEPARATORS.sub("", value).strip()


def is_ascii_digits(value: str) -> bool:
    """Only 0-9 (``str.isdigit`` would also take ``²`` or Arabic-Indic digits)."""
    return bool(_ASCII_DIGITS.fullmatch(value))


def is_ascii_alnum(value: str) -> bool:
    return bool(_ASCII_ALNUM.fullmatch(value))
