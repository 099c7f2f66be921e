"""The audit trail as the office reads it: each event's « before » and « after » in plain French,
rights by their exact labels."""

from dataclasses import dataclass

from habilitations import catalogue
from habilitations.models import AdhesionStatus, AuditEvent, DelegationKind

FIELD_LABELS = {
    "name": "Raison sociale",
    "address": "Adresse",
    "postal_code": "Code postal",
    "city": "Commune",
    "reason": "Motif",
    "siret": "SIRET",
    "excise_number": "Numéro d'accise",
    "customs_office": "Bureau de gestion",
    "operator": "Opérateur",
}
CLAIM_LABELS = {"claimed": "à confirmer", "confirmed": "confirmé", "refused": "refusé", "left": "quitté"}


def _rights(teleservice: str, codes) -> str:
    ordered = [right.label for right in catalogue.rights_of(teleservice) if right.code in set(codes)]
    unknown = sorted(set(codes) - catalogue.right_codes(teleservice))
    return ", ".join(ordered + unknown) or "aucun droit"


def _label(choices, value) -> str:
    try:
        return choices(value).label
    except ValueError:
        return str(value)


def describe(values, teleservice: str = catalogue.GAMMA) -> list[str]:
    """One French line per recorded value (``{"status": "approved"}`` → « État : Acceptée »)."""
    if not values:
        return []
    if not isinstance(values, dict):
        return [str(values)]
    lines = []
    for key, value in values.items():
        if key == "status":
            lines.append(f"État : {_label(AdhesionStatus, value)}")
        elif key == "habilitations":
            lines.extend(f"{username} : {_rights(teleservice, codes)}" for username, codes in value.items())
        elif key == "rights":
            lines.append(f"Droits : {_rights(teleservice, value)}")
        elif key == "user":
            lines.append(f"Compte : {value}")
        elif key == "kind":
            lines.append(f"Statut : {_label(DelegationKind, value)}")
        elif key == "claim":
            lines.append(f"Rattachement à l'entreprise : {CLAIM_LABELS.get(value, value)}")
        elif key == "delegations" and isinstance(value, list):
            lines.append(f"Statuts : {', '.join(value)}")
        elif key == "teleservice":
            if value:
                lines.append(f"Téléservice : {value.upper()}")
        elif key == "may_appoint_admins":
            if values.get("kind") == DelegationKind.CORRESPONDENT:
                continue  # only an administrator may be allowed to appoint others
            lines.append(f"Peut nommer d'autres administrateurs : {'oui' if value else 'non'}")
        elif key in FIELD_LABELS:
            lines.append(f"{FIELD_LABELS[key]} : {value}")
        else:
            lines.append(f"{key} : {value}")
    return lines


def actor_display(user) -> str:
    if user is None:
        return "ProDou@ne (traitement automatique)"
    name = f"{user.first_name} {user.last_name}".strip()
    who = f"{name} ({user.username})" if name else user.username
    return f"{who}, agent des douanes" if user.is_staff and user.customs_office_id else who


@dataclass(frozen=True)
class EventRow:
    event: AuditEvent
    actor: str
    before: list[str]
    after: list[str]


def rows(events) -> list[EventRow]:
    result = []
    for event in events:
        teleservice = event.adhesion.teleservice if event.adhesion_id else catalogue.GAMMA
        result.append(
            EventRow(
                event=event,
                actor=actor_display(event.actor),
                before=describe(event.before, teleservice),
                after=describe(event.after, teleservice),
            )
        )
    return result
