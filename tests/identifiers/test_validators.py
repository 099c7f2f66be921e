import pytest
from django.core.exceptions import ValidationError

from identifiers import validators


def test_django_validators_accept_valid_numbers():
    validators.validate_siret("35324915400017")
    validators.validate_siren("353249154")
    validators.validate_tva("FR67353249154")
    validators.validate_excise_number("FR009990F0005")
    validators.validate_seed_excise_number("DE00012345678")
    validators.validate_customs_office("FR000690")


def test_django_validators_raise_validation_errors_with_the_french_message_and_code():
    with pytest.raises(ValidationError) as refused:
        validators.validate_siret("35324915400018")
    assert refused.value.messages == ["Le numéro SIRET n'est pas valide (clé de contrôle incorrecte)."]
    assert refused.value.code == "invalid_checksum"


def test_validators_are_importable_by_path_for_migrations():
    assert validators.validate_siret.__module__ == "identifiers.validators"
    assert validators.validate_siret.__qualname__ == "validate_siret"
