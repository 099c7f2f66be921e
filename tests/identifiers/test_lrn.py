import pytest

from identifiers import lrn
from identifiers.exceptions import EmptyIdentifier, InvalidFormat, InvalidLength


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("LRN-2025-0001", "LRN-2025-0001"),
        ("a", "a"),
        ("x" * 22, "x" * 22),
        ("09FR009990F0005000141", "09FR009990F0005000141"),  # a regularised fallback document
        ("  Commande   42\t/ B  ", "Commande 42 / B"),
        ("réf\u00a0été", "réf été"),
    ],
)
def test_lrns_are_kept_with_their_blanks_collapsed(value, expected):
    assert lrn.validate(value) == expected
    assert lrn.is_valid(value)


def test_case_is_kept():
    assert lrn.validate("abc") == "abc"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", EmptyIdentifier, lrn.EMPTY),
        ("   ", EmptyIdentifier, lrn.EMPTY),
        (None, EmptyIdentifier, lrn.EMPTY),
        ("x" * 23, InvalidLength, lrn.LENGTH_MESSAGE),
        ("  " + "x" * 23 + "  ", InvalidLength, lrn.LENGTH_MESSAGE),
        ("abc\x00def", InvalidFormat, lrn.FORMAT),
        ("abc\x07", InvalidFormat, lrn.FORMAT),
    ],
)
def test_bad_lrns_are_refused_with_a_french_message(value, error, message):
    with pytest.raises(error) as refused:
        lrn.validate(value)
    assert refused.value.message == message
    assert not lrn.is_valid(value)


def test_the_length_message_says_22_characters():
    assert "22 caractères au plus" in lrn.LENGTH_MESSAGE
