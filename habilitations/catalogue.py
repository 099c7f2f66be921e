"""The rights of each teleservice open on habilitation, with their exact labels.

The adhesion and habilitation model is generic: a teleservice (``portal.Teleservice``, by slug)
declares here the rights an adhesion may grant. GAMMA is the first; GPS (the fallback service)
has no rights of its own: it is reached with GAMMA's "Emettre" rights."""

from collections.abc import Iterable
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


# What the company cannot do when none of its accounts holds a right: told before the adhesion is
# transmitted (an adhesion without « Apurer » leaves the DAE received undischarged).
CONSEQUENCE_WITHOUT: dict[str, str] = {
    PREPARE_DAA.code: "Personne ne pourra préparer de DAE ni de DAES.",
    PREPARE_DSA.code: "Personne ne pourra préparer de DSA.",
    ISSUE_DAA.code: "Personne ne pourra émettre de DAE ni de DAES, ni de DAA de secours en cas de panne (GPS).",
    ISSUE_DSA.code: "Personne ne pourra émettre de DSA, ni de DSA de secours en cas de panne (GPS).",
    DISCHARGE_DAA.code: "Les DAE reçus ne pourront pas être apurés (accusé de réception, refus).",
    SEARCH_DAA.code: "Personne ne pourra rechercher les DAE et DAES de ce numéro d'accise.",
    SEARCH_DSA.code: "Personne ne pourra rechercher les DSA de ce numéro d'accise.",
}


@dataclass(frozen=True)
class MissingRight:
    """A right of the teleservice that no account of an adhesion holds, and what that means."""

    right: Right
    consequence: str

    @property
    def warning(self) -> str:
        return f"Aucun compte n'aura le droit « {self.right.label} ». {self.consequence}"


def rights_nobody_holds(teleservice: str, granted: Iterable[Iterable[str]]) -> list[MissingRight]:
    """The rights of ``teleservice`` held by none of the accounts (``granted``: each account's
    codes), in the catalogue's order. Nothing when no account is named at all: that is a refusal
    of its own (« Désignez au moins un compte »), not a warning."""
    accounts = [set(codes) for codes in granted]
    if not accounts:
        return []
    held = set().union(*accounts)
    return [
        MissingRight(right, CONSEQUENCE_WITHOUT.get(right.code, ""))
        for right in rights_of(teleservice)
        if right.code not in held
    ]


def rights_of(teleservice: str) -> tuple[Right, ...]:
    return RIGHTS.get(teleservice, ())


def right_codes(teleservice: str) -> frozenset[str]:
    return frozenset(right.code for right in rights_of(teleservice))


def label_of(teleservice: str, code: str) -> str:
    return next((right.label for right in rights_of(teleservice) if right.code == code), code)


def choices(teleservice: str) -> list[tuple[str, str]]:
    return [(right.code, right.label) for right in rights_of(teleservice)]
