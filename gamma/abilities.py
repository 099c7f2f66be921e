"""Who may prepare and issue in GAMMA: the rights each kind of document needs (*Préparer* /
*Emettre un DAA* or *un DSA*), read through ``habilitations.rights``, and the checks the use cases
make before acting (a refusal is logged on ``prodouane.security``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from gamma.errors import Refused
from gamma.models import Movement, MovementKind
from habilitations import catalogue
from habilitations import rights as habilitation_rights
from register.models import ExciseNumber

security_log = logging.getLogger("prodouane.security")

GAMMA = catalogue.GAMMA
DAE, DAES, DSA = MovementKind.DAE, MovementKind.DAES, MovementKind.DSA
PREPARE_RIGHT = {DAE: catalogue.PREPARE_DAA, DAES: catalogue.PREPARE_DAA, DSA: catalogue.PREPARE_DSA}
ISSUE_RIGHT = {DAE: catalogue.ISSUE_DAA, DAES: catalogue.ISSUE_DAA, DSA: catalogue.ISSUE_DSA}


@dataclass(frozen=True)
class Abilities:
    """What a user may do in GAMMA's preparation for one excise number."""

    prepare: frozenset[str]  # kinds the user may create and edit drafts of
    issue: frozenset[str]  # kinds the user may validate

    @property
    def sees_drafts(self) -> frozenset[str]:
        return self.prepare | self.issue

    @property
    def any(self) -> bool:
        return bool(self.prepare or self.issue)


def abilities(user, excise_number: ExciseNumber | str) -> Abilities:
    held = habilitation_rights.rights_for(user, GAMMA, excise_number)
    return Abilities(
        prepare=frozenset(kind for kind, right in PREPARE_RIGHT.items() if right.code in held),
        issue=frozenset(kind for kind, right in ISSUE_RIGHT.items() if right.code in held),
    )


def _refuse(actor, what: str, message: str) -> Refused:
    security_log.warning("GAMMA refused to %s: %s", getattr(actor, "username", actor), what)
    return Refused(message)


def _number(excise_number: ExciseNumber | None) -> str:
    return excise_number.number if excise_number else "?"


def _require(actor, excise_number: ExciseNumber | None, right: catalogue.Right, what: str) -> None:
    if excise_number is None or right.code not in habilitation_rights.rights_for(actor, GAMMA, excise_number):
        raise _refuse(
            actor,
            f"{what} on {_number(excise_number)} without the right {right.code}",
            f"Votre compte n'est pas habilité à « {right.label} » pour le numéro d'accise {_number(excise_number)}.",
        )


def _require_draft(actor, movement: Movement, what: str) -> None:
    if not movement.is_draft:
        raise _refuse(
            actor,
            f"{what} movement {movement.pk} in status {movement.status}",
            "Ce document n'est plus un brouillon : il ne se modifie plus.",
        )


def _check_kind(kind: str) -> str:
    if kind not in MovementKind.values:
        raise Refused(f"Nature de document inconnue : « {kind} » (DAE, DAES ou DSA).")
    return kind
