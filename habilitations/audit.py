"""The audit trail of adhesions, habilitations and delegations: writing an event (``_audit``),
reading a company's trail (``audit_trail_for``), and recording the register's changes of an excise
number's office or operator (``excise_number_reassigned``, from the admin)."""

from django.db.models import Q

from accounts.models import User
from habilitations import rights
from habilitations.errors import _refuse_forged
from habilitations.models import AuditEvent
from register.models import ExciseNumber, Operator


def _audit(*, actor, action: str, summary: str, operator: Operator, adhesion=None, before=None, after=None, screen=""):
    AuditEvent.objects.create(
        actor=actor if actor and actor.is_authenticated else None,
        action=action,
        summary=summary[:255],
        operator=operator,
        customs_office=adhesion.customs_office if adhesion else None,
        adhesion=adhesion,
        before=before,
        after=after,
        screen=screen[:100],
    )


def audit_trail_for(*, actor: User, operator: Operator):
    """The audit trail of a company, for the office in charge and the company's correspondents
    and administrators; nobody else (an empty list, the views answer 404 before)."""
    events = AuditEvent.objects.filter(operator=operator).select_related("actor", "adhesion")
    if rights.office_in_charge_of(actor, operator):
        office = rights.office_of(actor)
        return events.filter(Q(customs_office=office) | Q(customs_office__isnull=True))
    if rights.is_correspondent(actor, operator):
        return events
    return AuditEvent.objects.none()


def excise_number_register_values(excise_number: ExciseNumber) -> dict:
    """What the audit trail keeps of an excise number's place in the register."""
    office = excise_number.customs_office
    return {
        "excise_number": excise_number.number,
        "customs_office": f"{office.code} {office.name}" if office else "",
        "operator": f"{excise_number.operator.name} ({excise_number.operator.siren})",
    }


def excise_number_reassigned(
    *, actor: User, excise_number: ExciseNumber, before: ExciseNumber | None, screen: str
) -> None:
    """Record that ``excise_number`` was given an office or an operator: created, or moved from
    ``before`` (the row as it was read before the change). Only the CID or a superuser may do it:
    anybody else is refused, and logged."""
    if not rights.may_reassign_excise_numbers(actor):
        raise _refuse_forged(actor, f"reassign excise number {excise_number.number}")
    after = excise_number_register_values(excise_number)
    previous = excise_number_register_values(before) if before is not None else None
    if previous == after:
        return
    if previous is None:
        summary = f"Numéro d'accise {excise_number.number} créé, bureau de gestion {after['customs_office'] or 'aucun'}"
    else:
        summary = f"Numéro d'accise {excise_number.number} : bureau de gestion ou opérateur modifié"
    operators = [excise_number.operator]
    if before is not None and before.operator_id != excise_number.operator_id:
        operators.append(before.operator)  # the company it left sees it in its trail too
    for operator in operators:
        AuditEvent.objects.create(
            actor=actor,
            action="excise_number_reassigned",
            summary=summary[:255],
            operator=operator,
            customs_office=excise_number.customs_office,
            before=previous,
            after=after,
            screen=screen[:100],
        )
