"""Who may see a movement and act on it: which GAMMA right lets a user see or act on a movement of
each kind, and a user's access to one movement (:class:`MovementAccess`), computed once per request
by :func:`movement_access` and read by the views, the templates and every action."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gamma import lifecycle
from gamma.lifecycle import CONSIGNEE, CONSIGNOR
from gamma.models import Movement, MovementAction, MovementKind
from habilitations import catalogue, rights
from register.models import ExciseNumber

A = MovementAction


def search_right(kind: str) -> str:
    return catalogue.SEARCH_DSA.code if kind == MovementKind.DSA else catalogue.SEARCH_DAA.code


def issue_right(kind: str) -> str:
    return catalogue.ISSUE_DSA.code if kind == MovementKind.DSA else catalogue.ISSUE_DAA.code


def prepare_right(kind: str) -> str:
    return catalogue.PREPARE_DSA.code if kind == MovementKind.DSA else catalogue.PREPARE_DAA.code


DISCHARGE = catalogue.DISCHARGE_DAA.code


def action_rights(action: MovementAction | str, kind: str) -> frozenset[str]:
    """The rights any one of which allows ``action`` on a movement of ``kind``."""
    action = MovementAction(action)
    if action in (A.CANCEL, A.CHANGE_DESTINATION, A.VALIDATE):
        return frozenset({issue_right(kind)})
    if action in (A.REPORT_OF_RECEIPT, A.ALERT_OR_REJECTION):
        return frozenset({DISCHARGE})
    if action in (A.EXPLAIN_DELAY, A.EXPLAIN_SHORTAGE):
        return frozenset({issue_right(kind), DISCHARGE})
    return frozenset()  # the portal's own actions (reminders): no trader holds them


def view_rights(kind: str, role: str) -> frozenset[str]:
    """Rights that let a user see (and print) a movement in ``role``: the search right of its kind,
    or the right to act on it in that role (a user who may only discharge sees what they discharge)."""
    if role == CONSIGNOR:
        return frozenset({search_right(kind), issue_right(kind), prepare_right(kind)})
    return frozenset({search_right(kind), DISCHARGE})


def searchable_kinds(held: frozenset[str]) -> list[str]:
    """The kinds of movements the rights ``held`` let a user search."""
    return [kind for kind in MovementKind if search_right(kind) in held]


def visible_kinds(held: frozenset[str]) -> list[str]:
    """The kinds of movements the rights ``held`` let a user see in one role or the other."""
    return [kind for kind in MovementKind if (view_rights(kind, CONSIGNOR) | view_rights(kind, CONSIGNEE)) & held]


def roles_of(movement: Movement, number: str) -> frozenset[str]:
    """The roles an excise number plays in a movement (both for a return to one's own place)."""
    roles = set()
    if movement.consignor_id is not None and movement.consignor.number == number:
        roles.add(CONSIGNOR)
    if number and movement.consignee_identifier == number and not movement.is_draft:
        roles.add(CONSIGNEE)
    return frozenset(roles)


@dataclass(frozen=True)
class MovementAccess:
    """What a user acting for ``excise_number`` may do with ``movement``: computed once per request
    by :func:`movement_access` and read by the views and templates."""

    movement: Movement
    excise_number: str
    roles: frozenset[str]
    rights: frozenset[str]

    def role_for(self, action: MovementAction | str) -> str | None:
        """The user's role in which ``action`` is possible (consignor first), None if none."""
        rule = lifecycle.TRANSITIONS[MovementAction(action)]
        return next((role for role in (CONSIGNOR, CONSIGNEE) if role in self.roles and role in rule.roles), None)

    def has_right_for(self, action: MovementAction | str) -> bool:
        return bool(action_rights(action, self.movement.kind) & self.rights)

    def refusal(self, action: MovementAction | str, *, today: dt.date) -> str | None:
        """Why the user may not take ``action`` today (French), None if they may."""
        try:
            action = MovementAction(action)
        except ValueError:
            return "Cette action n'existe pas."
        role = self.role_for(action)
        if role is None:
            return lifecycle.refusal(self.movement, action, role=next(iter(sorted(self.roles))), today=today)
        if not self.has_right_for(action):
            labels = " ou ".join(
                f"« {catalogue.label_of(catalogue.GAMMA, code)} »"
                for code in sorted(action_rights(action, self.movement.kind))
            )
            return f"{action.label} : votre compte n'a pas le droit {labels} pour {self.excise_number}."
        return lifecycle.refusal(self.movement, action, role=role, today=today)

    def allowed_actions(self, *, today: dt.date) -> list[MovementAction]:
        """The actions offered to the user: the lifecycle's for their role(s) ∩ their rights."""
        return [
            action
            for action in lifecycle.TRANSITIONS
            if action != A.VALIDATE and self.refusal(action, today=today) is None
        ]

    @property
    def can_print(self) -> bool:
        return not self.movement.is_draft


def movement_access(
    *, user, excise_number: ExciseNumber | str, movement: Movement, held: frozenset[str] | None = None
) -> MovementAccess | None:
    """The user's access to ``movement`` when acting for ``excise_number``; None when they may not
    even know it exists (another company's movement, or no right to see it): the views answer 404.
    ``held``: the rights ``rights.rights_for`` gave for this user and number earlier in the same
    request (the views' ``acting_for``), not read again; read here when not given."""
    number = excise_number if isinstance(excise_number, str) else excise_number.number
    if held is None:
        held = rights.rights_for(user, catalogue.GAMMA, number)
    roles = roles_of(movement, number)
    if not held or not roles:
        return None
    if not any(view_rights(movement.kind, role) & held for role in roles):
        return None
    if movement.is_draft and CONSIGNOR not in roles:
        return None
    return MovementAccess(movement=movement, excise_number=number, roles=roles, rights=held)
