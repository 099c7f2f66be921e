import re
from pathlib import Path

import pytest

from identifiers import arc
from identifiers.exceptions import EmptyIdentifier, InvalidChecksum, InvalidFormat, InvalidLength

EXAMPLES = Path(__file__).resolve().parents[1] / "emcs" / "examples"
_ARC_ELEMENT = re.compile(rb"AdministrativeReferenceCode>\s*([^<\s]+)\s*<")


def example_arcs() -> dict[str, set[str]]:
    """Every ARC of the official example messages, with the files it appears in."""
    found: dict[str, set[str]] = {}
    for path in sorted(EXAMPLES.glob("IE*.xml")):
        for value in _ARC_ELEMENT.findall(path.read_bytes()):
            found.setdefault(value.decode(), set()).add(path.name)
    return found


# HMRC's example messages mix ARCs its EMCS produced (Northern Ireland, XI) with hand-written ones
# (GB, IT, GR) whose last digit is not a check digit at all.
HAND_WRITTEN = {
    "23GB00000000000000163",
    "23IT00000000000190130",
    "23IT00020230217192543",
    "23XI001868579930929P7",
    "25GR666562289759776P3",
    "25IT14037131988084142",
    "25IT30173191940206136",
    "25IT32610520501573032",
}


@pytest.mark.parametrize("value", ["17DKK1KHPMQH2W23ABI62", "23GB00000000000378553"])
def test_real_arcs_are_valid(value):
    assert arc.validate(value) == value
    assert arc.is_valid(value)
    assert arc.check_digit(value[:20]) == value[20]


def test_the_examples_hold_arcs_and_every_generated_one_has_a_matching_check_digit():
    found = example_arcs()
    assert len(found) == 19
    generated = sorted(set(found) - HAND_WRITTEN)
    assert len(generated) == 11
    for value in generated:
        assert arc.validate(value) == value, found[value]


@pytest.mark.parametrize("value", sorted(HAND_WRITTEN))
def test_hand_written_example_arcs_have_the_format_but_not_the_check_digit(value):
    assert value in example_arcs()
    assert arc.validate_format(value) == value
    with pytest.raises(InvalidChecksum) as refused:
        arc.validate(value)
    assert refused.value.message == arc.CHECKSUM


def test_input_is_put_in_upper_case_without_blanks():
    assert arc.validate(" 17dkk1khpmqh2w23abi62 ") == "17DKK1KHPMQH2W23ABI62"
    assert arc.validate("23GB 0000 0000 0003 7855 3") == "23GB00000000000378553"


@pytest.mark.parametrize(
    ("value", "error", "message"),
    [
        ("", EmptyIdentifier, arc.EMPTY),
        ("23GB0000000000037855", InvalidLength, arc.LENGTH_MESSAGE),
        ("23GB000000000003785530", InvalidLength, arc.LENGTH_MESSAGE),
        ("2XGB00000000000378553", InvalidFormat, arc.FORMAT),  # year
        ("2301000000000000378553"[:21], InvalidFormat, arc.FORMAT),  # member state in digits
        ("23GB0000000000037855X", InvalidFormat, arc.FORMAT),  # check digit is a digit
        ("23GB00000000000378554", InvalidChecksum, arc.CHECKSUM),
        ("23GB00000000000378653", InvalidChecksum, arc.CHECKSUM),  # one character mistyped
        ("32GB00000000000378553", InvalidChecksum, arc.CHECKSUM),  # two characters swapped
    ],
)
def test_bad_arcs_are_refused_with_a_french_message(value, error, message):
    with pytest.raises(error) as refused:
        arc.validate(value)
    assert refused.value.message == message
    assert not arc.is_valid(value)


def test_messages_are_french():
    assert "Saisissez l'ARC" in arc.EMPTY
    assert "21 caractères" in arc.LENGTH_MESSAGE
    assert "chiffre de contrôle" in arc.CHECKSUM


def test_letters_skip_the_multiples_of_eleven():
    # A = 10, then B = 12 (11 skipped), L = 23 (22 skipped), V = 34 (33 skipped).
    assert arc.check_digit("B" + "0" * 19) == str(12 % 11 % 10)
    assert arc.check_digit("L" + "0" * 19) == str(23 % 11 % 10)
    assert arc.check_digit("0V" + "0" * 18) == str(34 * 2 % 11 % 10)


def test_check_digit_takes_only_a_20_character_body():
    with pytest.raises(ValueError):
        arc.check_digit("23GB000000000003785")
    with pytest.raises(ValueError):
        arc.check_digit("23gb000000000003785x")


def test_build_rebuilds_the_real_arcs():
    assert arc.build(year=2023, member_state="GB", national_code="000000000003785", movement_type="5") == (
        "23GB00000000000378553"
    )
    assert arc.build(year=17, member_state="DK", national_code="K1KHPMQH2W23ABI", movement_type="6") == (
        "17DKK1KHPMQH2W23ABI62"
    )


def test_build_makes_valid_french_arcs_of_both_movement_types():
    suspension = arc.build(year=2025, national_code="A1B2C3D4E5F6G7H", movement_type=arc.DUTY_SUSPENSION)
    paid = arc.build(year=2025, national_code="A1B2C3D4E5F6G7H", movement_type=arc.DUTY_PAID)
    assert suspension.startswith("25FRA1B2C3D4E5F6G7H0")
    assert paid.startswith("25FRA1B2C3D4E5F6G7HP")
    assert arc.is_valid(suspension)
    assert arc.is_valid(paid)
    assert not arc.is_duty_paid(suspension)
    assert arc.is_duty_paid(paid)


def test_before_2023_every_arc_is_a_duty_suspension_movement():
    old = arc.build(year=2022, national_code="000000000000001", movement_type="P")
    assert not arc.is_duty_paid(old)
    assert arc.is_duty_paid("23XI001868579930929P7")


@pytest.mark.parametrize(
    "arguments",
    [
        {"year": 2025, "national_code": "00000000000001", "movement_type": "0"},  # 14 characters
        {"year": 2025, "national_code": "00000000000001a", "movement_type": "0"},
        {"year": 2025, "national_code": "000000000000001", "movement_type": "p"},
        {"year": 2025, "national_code": "000000000000001", "movement_type": "00"},
        {"year": -1, "national_code": "000000000000001", "movement_type": "0"},
        {"year": 2025, "national_code": "000000000000001", "movement_type": "0", "member_state": "Fr"},
    ],
)
def test_build_refuses_bad_parts(arguments):
    with pytest.raises(ValueError):
        arc.build(**arguments)
