import pytest
from django import forms

from identifiers import arc, excise, siret
from identifiers import fields as identifier_fields

GOOD_ARC = arc.build(year=2025, national_code="ABCDEFGHIJ12345", movement_type="0")
BAD_ARC = GOOD_ARC[:20] + str((int(GOOD_ARC[20]) + 1) % 10)


def test_a_field_gives_the_normalised_identifier_or_its_module_s_message():
    field = identifier_fields.siret_field()
    assert field.clean(" 353 249 154 00017 ") == "35324915400017"
    assert field.clean("") == ""
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("35324915400018")
    assert refused.value.messages == [siret.CHECKSUM] and refused.value.code == "invalid_checksum"


def test_a_required_field_says_so():
    with pytest.raises(forms.ValidationError):
        identifier_fields.siret_field(required=True).clean("")


def test_french_only_or_any_member_state():
    assert identifier_fields.excise_number_field("n").clean("DE012345678AB") == "DE012345678AB"
    with pytest.raises(forms.ValidationError) as refused:
        identifier_fields.excise_number_field("n", foreign=False).clean("DE012345678AB")
    assert refused.value.messages == [excise.foreign_message("DE")]


def test_a_search_field_takes_a_part_and_checks_a_whole_number():
    field = identifier_fields.excise_number_search_field("n")
    assert field.clean("fr 0087") == "FR0087"
    with pytest.raises(forms.ValidationError, match="lettres et des chiffres"):
        field.clean("FR0087%")
    with pytest.raises(forms.ValidationError) as refused:
        field.clean("FR12345678901")
    assert refused.value.messages == [excise.FRENCH_FORMAT]


def test_an_arc_with_or_without_its_check_digit():
    assert identifier_fields.arc_field().clean(GOOD_ARC.lower()) == GOOD_ARC
    with pytest.raises(forms.ValidationError):
        identifier_fields.arc_field().clean(BAD_ARC)
    assert identifier_fields.arc_field(check_digit=False).clean(BAD_ARC) == BAD_ARC


def test_an_absurdly_long_input_is_refused_before_any_work():
    with pytest.raises(forms.ValidationError, match="trop long"):
        identifier_fields.customs_office_field("b").clean("F" * 65)
