"""The fast SIREN / SIRET checks of the import agree with python-stdnum."""

import random

import pytest
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from identifiers import bulk as checks


def _numbers(rng: random.Random, count: int):
    for _ in range(count):
        body = "".join(rng.choice("0123456789") for _ in range(13))
        yield body + rng.choice("0123456789")  # mostly invalid
        yield body + checks.siret_check_digit(body)  # Luhn-valid SIRET, SIREN valid or not
        siren = body[:8] + checks.siren_check_digit(body[:8])
        yield siren + body[9:13] + checks.siret_check_digit(siren + body[9:13])  # both valid


def test_same_answers_as_stdnum_on_random_numbers():
    rng = random.Random(42)
    for number in _numbers(rng, 20_000):
        assert checks.siret_is_valid(number) == stdnum_siret.is_valid(number), number
        assert checks.siren_is_valid(number[:9]) == stdnum_siren.is_valid(number[:9]), number


@pytest.mark.parametrize(
    ("siret", "valid"),
    [
        ("35324915400017", True),  # the seed's
        ("35324915400018", False),
        ("35600000000048", True),  # La Poste's head office: Luhn
        ("35600000049837", True),  # La Poste: digit sum 45
        ("35600000012346", True),  # La Poste: digit sum 30
        ("35600000000017", False),  # La Poste: digit sum 22
        ("3532491540001", False),
        ("353249154000170", False),
        ("3532491540001A", False),
        ("35324915400O17", False),
        ("\uff135324915400017", False),  # a full-width digit is not an ASCII digit
        ("", False),
    ],
)
def test_known_numbers(siret, valid):
    assert checks.siret_is_valid(siret) is valid
    assert stdnum_siret.is_valid(siret) is valid or not siret.isascii()


def test_the_inlined_tables_sum_like_luhn():
    def siret_sum(siren, nic):
        return checks.EVEN5[siren[:5]] + checks.ODD4[siren[5:]] + checks.ODD5[nic]

    assert siret_sum("353249154", "00017") % 10 == 0
    assert siret_sum("353249154", "00018") % 10 != 0
    assert (checks.ODD5["35324"] + checks.EVEN4["9154"]) % 10 == 0  # the SIREN
    rng = random.Random(1)
    for _ in range(5000):
        siren = f"{rng.randrange(10**9):09d}"
        nic = f"{rng.randrange(10**5):05d}"
        assert (siret_sum(siren, nic) % 10 == 0) == luhn.is_valid(siren + nic)
        assert ((checks.ODD5[siren[:5]] + checks.EVEN4[siren[5:]]) % 10 == 0) == luhn.is_valid(siren)


def test_check_digits():
    assert checks.siren_check_digit("12345678") == "2"
    assert checks.siret_check_digit("3532491540001") == "7"
