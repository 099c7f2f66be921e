"""The audit trail in words: each event's before and after states (JSON) read out in French,
rights by their labels, statuses by their names."""

from dataclasses import dataclass

from habilitations import catalogue
from habilitations.models import AdhesionStatus, AuditEvent, DelegationKind

FIELD_LABELS = {
    "name": "Raison sociale",
    "address": "Adresse",
    "postal_code": "Code postal",
    "city": "Commune",
    "reason": "Motif",
    "user": "Compte",
    "siret": "SIRET",
    "message": "Message",
}
CLAIM_LABELS = {
    "claimed": "à confirmer",
    "confirmed": "confirmé",
    "refused": "refusé",
    "withdrawn": "retiré",
    "left": "quitté",
}


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    before: list[str]
    after: list[str]


def _rights(teleservice: str, codes) -> str:
    if not codes:
        return "aucun droit"
    order = [right.code for right in catalogue.rights_of(teleservice)]
    ordered = sorted(codes, key=lambda code: order.index(code) if code in order else len(order))
    return ", ".join(catalogue.label_of(teleservice, code) for code in ordered)


def _status(value: str) -> str:
    return AdhesionStatus(value).label if value in AdhesionStatus.values else str(value)


def describe(state, teleservice: str = catalogue.GAMMA) -> list[str]:
    """One French sentence per key of a before / after state."""
    if not state:
        return []
    if not isinstance(state, dict):
        return [str(state)]
    sentences = []
    for key, value in state.items():
        if key == "status":
            sentences.append(f"État : {_status(value)}")
        elif key == "rights":
            sentences.append(f"Droits : {_rights(teleservice, value)}")
        elif key == "habilitations" and isinstance(value, dict):
            sentences.extend(f"{username} : {_rights(teleservice, codes)}" for username, codes in value.items())
        elif key == "kind":
            label = DelegationKind(value).label if value in DelegationKind.values else value
            sentences.append(f"Statut : {label}")
        elif key == "teleservice":
            if value:
                sentences.append(f"Téléservice : {str(value).upper()}")
        elif key == "claim":
            sentences.append(f"Rattachement à l'entreprise : {CLAIM_LABELS.get(value, value)}")
        elif key == "delegations" and isinstance(value, list):
            sentences.append(f"Statuts : {', '.join(value)}")
        elif key == "may_appoint_admins":
            sentences.append(f"Peut nommer d'autres administrateurs : {'oui' if value else 'non'}")
        else:
            sentences.append(f"{FIELD_LABELS.get(key, key)} : {value}")
    return sentences


def rows(events) -> list[AuditRow]:
    result = []
    for event in events:
        teleservice = event.adhesion.teleservice if event.adhesion_id else catalogue.GAMMA
        result.append(AuditRow(event, describe(event.before, teleservice), describe(event.after, teleservice)))
    return result
