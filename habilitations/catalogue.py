"""The rights of each teleservice open on habilitation, with their exact labels.

The adhesion and habilitation model is generic: a teleservice (``portal.Teleservice``, by slug)
declares here the rights an adhesion may grant. GAMMA is the first; GPS (the fallback service)
has no rights of its own: it is reached with GAMMA's "Emettre" rights."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Right:
    code: str
    label: str


GAMMA = "gamma"
GPS = "gps"

PREPARE_DAA = Right("prepare_daa", "Préparer un DAA")
PREPARE_DSA = Right("prepare_dsa", "Préparer un DSA")
ISSUE_DAA = Right("issue_daa", "Emettre un DAA / DAA secours")
ISSUE_DSA = Right("issue_dsa", "Emettre un DSA / DSA secours")
DISCHARGE_DAA = Right("discharge_daa", "Apurer un DAA")
SEARCH_DAA = Right("search_daa", "Rechercher DAA")
SEARCH_DSA = Right("search_dsa", "Rechercher DSA")

# teleservice slug -> its rights, in the order of the seed's adhesion form.
RIGHTS: dict[str, tuple[Right, ...]] = {
    GAMMA: (PREPARE_DAA, PREPARE_DSA, ISSUE_DAA, ISSUE_DSA, DISCHARGE_DAA, SEARCH_DAA, SEARCH_DSA),
}

# GPS is used "with the same account and rights as GAMMA": its fallback numbers need an "Emettre" right.
GPS_RIGHTS = frozenset({ISSUE_DAA.code, ISSUE_DSA.code})


def rights_of(teleservice: str) -> tuple[Right, ...]:
    return RIGHTS.get(teleservice, ())


def right_codes(teleservice: str) -> frozenset[str]:
    return frozenset(right.code for right in rights_of(teleservice))


def label_of(teleservice: str, code: str) -> str:
    return next((right.label for right in rights_of(teleservice) if right.code == code), code)


def choices(teleservice: str) -> list[tuple[str, str]]:
    return [(right.code, right.label) for right in rights_of(teleservice)]
