"""Django validators for model and form fields, wrapping the identifier modules.

``validate_siret`` and its siblings raise Django's ``ValidationError`` with the identifier's French
message and the fault's code (``invalid_checksum`` …). They check, they do not normalise: forms that
accept spaces should clean the value with the module's ``validate`` first.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from identifiers import customs_office, excise, siren, siret, tva
from identifiers.exceptions import InvalidIdentifier


def _wrap(validate: Callable[[str], str], name: str) -> Callable[[str], None]:
    def validator(value: str) -> None:
        try:
            validate(value)
        except InvalidIdentifier as error:
            raise ValidationError(error.message, code=error.code) from error

    validator.__name__ = validator.__qualname__ = name
    validator.__module__ = __name__
    return validator


validate_siren = _wrap(siren.validate, "validate_siren")
validate_siret = _wrap(siret.validate, "validate_siret")
validate_tva = _wrap(tva.validate, "validate_tva")
validate_excise_number = _wrap(excise.validate, "validate_excise_number")
validate_seed_excise_number = _wrap(excise.validate_seed, "validate_seed_excise_number")
validate_customs_office = _wrap(customs_office.validate, "validate_customs_office")
