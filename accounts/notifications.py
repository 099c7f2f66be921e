"""Who is told, by e-mail, of what happens (issue 12, item 9), and each person's choice of what
(« Mon compte > Notifications », ``NotificationPreferences``: every event on until turned off).

One function per event, called by the use case that causes it, inside its transaction (the web
pages, the EDI channel and the commands all go through the use cases, so every channel tells):

==============================  ==========================================  =====================
function                        who is told                                 preference
==============================  ==========================================  =====================
``movement_validated``          the consignee's users who see the movement  ``movement_arrived``
``movement_event`` IE810        the consignee's users (cancelled)           ``movement_cancelled``
``movement_event`` IE819 refus  the consignor's users (rejected)            ``movement_rejected``
``movement_event`` IE818        the consignor's users (discharged)          ``movement_discharged``
``movement_event`` IE813        the consignee it leaves (diverted), the     ``movement_diverted``,
                                new consignee (a document arrives)          ``movement_arrived``
``adhesion_submitted``          its preparer and the company's GAMMA        ``adhesion_submitted``
                                administrators; the office's agents         ``adhesion_to_instruct``
                                (and the office's mailbox, always)
``adhesion_decided``            its preparer, the administrators, the       ``adhesion_approved``,
                                accounts it names                           ``adhesion_rejected``
==============================  ==========================================  =====================

« The users who see the movement » of an excise number: the accounts that hold there, as
``habilitations.rights`` reads it now, a right to see a movement of that kind in that role
(``gamma.actions.access.view_rights``: « Rechercher DAA », « Apurer un DAA » …) — the company's
own accounts only, since rights act for the company an account is attached to. The person who
took the action is not told of it. Each person is told once per event, by an e-mail of their own
(nobody reads another's address), written in the outbox in the caller's transaction: nothing is
sent if it rolls back. The movements' e-mails (``at_once=False``) are handed to the mail queue after
commit when a Celery broker is configured, and otherwise sent by the outbox's sweep (beat, every
minute): a validation through the EDI channel waits for no mail server.

The GAMMA « Messages » need nothing more: they are read from the movements' timelines, so each
movement event is already there. The adhesions' steps are told by e-mail only (an adhesion is not
an excise number's message; « Mes demandes d'adhésion » shows its state)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import NotificationPreferences, User
from habilitations import catalogue, rights
from habilitations.models import Adhesion, AdhesionStatus, Delegation, DelegationKind
from mail.services import queue_mail

ARRIVED = "movement_arrived"
REJECTED = "movement_rejected"
CANCELLED = "movement_cancelled"
DIVERTED = "movement_diverted"
DISCHARGED = "movement_discharged"
SUBMITTED = "adhesion_submitted"
APPROVED = "adhesion_approved"
REFUSED = "adhesion_rejected"
TO_INSTRUCT = "adhesion_to_instruct"

# The page's groups: (legend, events), for a company's accounts and for an office's agents.
TRADER_GROUPS = (
    ("Mouvements GAMMA (DAE, DAES, DSA)", (ARRIVED, REJECTED, CANCELLED, DIVERTED, DISCHARGED)),
    ("Demandes d'adhésion de mon entreprise", (SUBMITTED, APPROVED, REFUSED)),
)
OFFICE_GROUPS = (("Demandes d'adhésion de mon bureau", (TO_INSTRUCT,)),)
EVENTS = tuple(event for _, events in TRADER_GROUPS + OFFICE_GROUPS for event in events)

MOVEMENT_TEMPLATE = "gamma/movement/email/notification"


# --- Preferences -------------------------------------------------------------------------------


def preferences_of(user) -> NotificationPreferences:
    """The person's choices; every event on (unsaved) when they never chose."""
    return NotificationPreferences.objects.filter(user=user).first() or NotificationPreferences(user=user)


def groups_for(user) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The events a person may be told of, by group: an office's agent, of the adhesions to
    instruct; another customs staff account (CID, SAU), of none; anybody else, of their company's
    movements and adhesions."""
    if rights.office_of(user) is not None:
        return OFFICE_GROUPS
    return () if user.is_staff else TRADER_GROUPS


def preferences_save(*, user, chosen: Iterable[str]) -> NotificationPreferences:
    """Keep ``chosen`` (the events ticked) on and turn the person's other events off; events the
    person is not offered, or unknown, are ignored."""
    offered = {event for _, events in groups_for(user) for event in events}
    preferences = preferences_of(user)
    chosen = set(chosen)
    for event in offered:
        setattr(preferences, event, event in chosen)
    preferences.save()
    return preferences


def label_of(event: str) -> str:
    return str(NotificationPreferences._meta.get_field(event).verbose_name)


def _wanting(users: Iterable[User], event: str) -> list[User]:
    """Those of ``users`` with an address, active, who did not turn ``event`` off; each once."""
    people = {user.pk: user for user in users if user is not None and user.is_active and user.email}
    off = set(
        NotificationPreferences.objects.filter(user_id__in=people, **{event: False}).values_list("user_id", flat=True)
    )
    return [user for pk, user in sorted(people.items()) if pk not in off]


def _absolute(path: str) -> str:
    return settings.PORTAL_PUBLIC_URL.rstrip("/") + path


def _preferences_link() -> str:
    return _absolute(reverse("accounts:notifications"))


# --- Movements ---------------------------------------------------------------------------------


def _movement_users(number: str, kind: str, role: str, event: str) -> list[User]:
    """The accounts that see a movement of ``kind`` where ``number`` plays ``role``
    (``habilitations.rights.holders``: a company's own accounts only) and did not turn ``event``
    off, with an address: one statement."""
    from gamma.actions.access import view_rights

    if not number:
        return []
    people = rights.holders(catalogue.GAMMA, number, view_rights(kind, role)).exclude(email="")
    return list(people.exclude(**{f"notification_preferences__{event}": False}).order_by("pk"))


def _tell_movement(
    users: list[User],
    event: str,
    *,
    movement,
    at,
    number: str,
    subject: str,
    sentence: str,
    link_to_movement: bool = True,
    told: set[int] | None = None,
    actor=None,
) -> list[User]:
    """One e-mail per person of ``users`` (who want ``event``), but the actor and those already
    ``told`` of this event, linking to the movement's page as ``number`` sees it (or to the
    number's GAMMA home when the movement is no longer the number's to see)."""
    told = told if told is not None else set()
    if actor is not None and getattr(actor, "pk", None):
        told.add(actor.pk)
    recipients = [user for user in users if user.pk not in told]
    if not recipients:
        return []
    if link_to_movement:
        link = _absolute(reverse("gamma:movement", args=[number, movement.pk]))
        link_label = "Le document dans GAMMA"
    else:
        link = _absolute(reverse("gamma:excise_home", args=[number]))
        link_label = f"GAMMA pour {number}"
    details = _details(movement, at=at)
    for user in recipients:
        told.add(user.pk)
        queue_mail(
            to=[user.email],
            subject=subject,
            template=MOVEMENT_TEMPLATE,
            context={
                "user": user,
                "sentence": sentence,
                "details": details,
                "link": link,
                "link_label": link_label,
                "event_label": label_of(event),
                "preferences_link": _preferences_link(),
            },
            at_once=False,  # never sent in the use case's request (``mail.services.queue_mail``)
        )
    return recipients


def _document(movement) -> str:
    return f"{movement.kind} {movement.arc}"


def _details(movement, *, at) -> list[str]:
    from gamma.models import TraderRole

    consignor = movement.consignor.number if movement.consignor_id else ""
    trader = movement.trader(TraderRole.CONSIGNOR)  # the traders read with the movement, if they were
    name = trader.trader_name if trader else ""
    lines = [
        f"Expéditeur : {name} ({consignor})".replace(" ()", ""),
        f"Référence locale : {movement.local_reference_number}",
    ]
    if movement.dispatch_date:
        lines.append(f"Date d'expédition : {movement.dispatch_date:%d/%m/%Y}")
    lines.append(f"Date : {timezone.localtime(at):%d/%m/%Y à %H:%M} (heure de Paris)")
    return lines


def movement_validated(*, movement, event) -> list[User]:
    """A document was validated: its consignee's users are told it is addressed to them."""
    from gamma.lifecycle import CONSIGNEE

    number = movement.consignee_identifier
    return _tell_movement(
        _movement_users(number, movement.kind, CONSIGNEE, ARRIVED),
        ARRIVED,
        movement=movement,
        number=number,
        subject=f"GAMMA : le {_document(movement)} vous est adressé ({number})",
        sentence=f"Le {_document(movement)} est adressé à votre numéro d'accise {number}.",
        at=event.at,
        actor=event.actor,
    )


def movement_event(*, movement, event, previous_consignee: str = "") -> list[User]:
    """A lifecycle action on a validated document (``gamma.actions.common.transition``, once the
    movement is changed): the other party's users told as the action requires; nothing for the
    others (alerts, explanations, reminders). ``previous_consignee``: the consignee before the
    action (a change of destination leaves it)."""
    from gamma.lifecycle import CONSIGNEE, CONSIGNOR, GLOBAL_CONCLUSIONS
    from gamma.models import MovementAction as A

    document = _document(movement)
    consignor = movement.consignor.number if movement.consignor_id else ""
    consignee = movement.consignee_identifier
    actor = event.actor
    if event.action == A.CANCEL:
        return _tell_movement(
            _movement_users(consignee, movement.kind, CONSIGNEE, CANCELLED),
            CANCELLED,
            movement=movement,
            number=consignee,
            subject=f"GAMMA : le {document} qui vous était adressé est annulé ({consignee})",
            sentence=f"L'expéditeur a annulé le {document}, adressé à votre numéro d'accise {consignee}.",
            at=event.at,
            actor=actor,
        )
    if event.action == A.ALERT_OR_REJECTION and event.payload.get("rejected"):
        return _tell_movement(
            _movement_users(consignor, movement.kind, CONSIGNOR, REJECTED),
            REJECTED,
            movement=movement,
            number=consignor,
            subject=f"GAMMA : le {document} est refusé par son destinataire ({consignor})",
            sentence=(
                f"Le destinataire {consignee} a refusé le {document}. Changez sa destination depuis la page "
                "du document."
            ),
            at=event.at,
            actor=actor,
        )
    if event.action == A.REPORT_OF_RECEIPT:
        conclusion = GLOBAL_CONCLUSIONS.get(event.payload.get("global_conclusion"), "")
        return _tell_movement(
            _movement_users(consignor, movement.kind, CONSIGNOR, DISCHARGED),
            DISCHARGED,
            movement=movement,
            number=consignor,
            subject=f"GAMMA : le {document} est apuré ({consignor})",
            sentence=(
                f"Le destinataire {consignee} a envoyé l'accusé de réception du {document} : "
                f"{conclusion.lower() or 'réception déclarée'}."
            ),
            at=event.at,
            actor=actor,
        )
    if event.action == A.CHANGE_DESTINATION:
        return _destination_changed(movement, event, previous_consignee=previous_consignee)
    return []


def _destination_changed(movement, event, *, previous_consignee: str) -> list[User]:
    """The new consignee is told a document arrives; the one it leaves (or the same consignee, when
    only the place or type of destination changed) that its destination changed. A person who
    sees both numbers gets the first e-mail only."""
    from gamma.lifecycle import CONSIGNEE

    document, consignee = _document(movement), movement.consignee_identifier
    told: set[int] = set()
    recipients = []
    if consignee != previous_consignee:
        recipients += _tell_movement(
            _movement_users(consignee, movement.kind, CONSIGNEE, ARRIVED),
            ARRIVED,
            movement=movement,
            number=consignee,
            subject=f"GAMMA : le {document} vous est adressé ({consignee})",
            sentence=(
                f"Après un changement de destination, le {document} est adressé à votre numéro d'accise {consignee}."
            ),
            at=event.at,
            told=told,
            actor=event.actor,
        )
    left = consignee != previous_consignee
    recipients += _tell_movement(
        _movement_users(previous_consignee, movement.kind, CONSIGNEE, DIVERTED),
        DIVERTED,
        movement=movement,
        number=previous_consignee,
        subject=f"GAMMA : la destination du {document} a changé ({previous_consignee})",
        sentence=(
            f"L'expéditeur a changé la destination du {document} : il n'est plus adressé à votre numéro "
            f"d'accise {previous_consignee}."
            if left
            else f"L'expéditeur a changé le lieu ou le type de destination du {document}, toujours adressé à "
            f"votre numéro d'accise {previous_consignee}."
        ),
        at=event.at,
        link_to_movement=not left,  # no longer the number's movement: its page is not shown to it
        told=told,
        actor=event.actor,
    )
    return recipients


# --- Adhesions ---------------------------------------------------------------------------------


def _company_side(adhesion: Adhesion, *, with_lines: bool) -> list[User]:
    """The adhesion's preparer, the company's administrators of its teleservice (and, with
    ``with_lines``, the accounts it names): accounts of the company only (``rights.claims_for``)."""
    admins = User.objects.filter(
        pk__in=Delegation.objects.filter(
            operator=adhesion.operator, kind=DelegationKind.TELESERVICE_ADMIN, teleservice=adhesion.teleservice
        ).values("user_id")
    )
    people = [adhesion.prepared_by] + [
        user for user in admins if rights.admin_delegation(user, adhesion.operator, adhesion.teleservice)
    ]
    if with_lines:
        people += [line.user for line in adhesion.lines.select_related("user")]
    return [user for user in people if rights.claims_for(user, adhesion.operator)]


def _office_agents(adhesion: Adhesion) -> list[User]:
    """The agents of the office in charge who may instruct the adhesion (``rights``)."""
    agents = User.objects.filter(is_staff=True, is_active=True, customs_office_id=adhesion.customs_office_id)
    return [agent for agent in agents if rights.adhesion_abilities(agent, adhesion).instruct]


def _send(users: Iterable[User], event: str, make: Callable[[User], dict]) -> list[User]:
    recipients = _wanting(users, event)
    for user in recipients:
        queue_mail(to=[user.email], **make(user))
    return recipients


def adhesion_submitted(*, adhesion: Adhesion) -> list[User]:
    """The adhesion was transmitted to its office: the office's mailbox and its agents are told it
    waits to be instructed, the company's preparer and administrators that it was transmitted."""
    number = adhesion.excise_number.number
    office_link = _absolute(reverse("office:adhesion", args=[adhesion.pk]))
    mailbox = (adhesion.customs_office.email or "").strip()
    if mailbox:
        queue_mail(
            to=[mailbox],
            subject=f"Demande d'adhésion à GAMMA à instruire — {number}",
            template="habilitations/email/adhesion_submitted",
            context={"adhesion": adhesion, "link": office_link},
        )
    agents = [agent for agent in _office_agents(adhesion) if agent.email.lower() != mailbox.lower()]
    told = _send(
        agents,
        TO_INSTRUCT,
        lambda agent: {
            "subject": f"Demande d'adhésion à GAMMA à instruire — {number}",
            "template": "habilitations/email/adhesion_submitted",
            "context": {"adhesion": adhesion, "link": office_link, "preferences_link": _preferences_link()},
        },
    )
    return told + _send(
        _company_side(adhesion, with_lines=False),
        SUBMITTED,
        lambda user: {
            "subject": f"Votre demande d'adhésion à GAMMA pour {number} est transmise au bureau de douane",
            "template": "habilitations/email/adhesion_transmitted",
            "context": {
                "user": user,
                "adhesion": adhesion,
                "link": _absolute(reverse("adhesions:detail", args=[adhesion.pk])),
                "preferences_link": _preferences_link(),
            },
        },
    )


def adhesion_decided(*, adhesion: Adhesion, base_url: str) -> list[User]:
    """The office accepted or refused the adhesion: its preparer, the company's administrators and
    the accounts it names are told."""
    approved = adhesion.status == AdhesionStatus.APPROVED
    return _send(
        _company_side(adhesion, with_lines=True),
        APPROVED if approved else REFUSED,
        lambda user: {
            "subject": f"Votre demande d'adhésion à GAMMA pour {adhesion.excise_number.number} : "
            + ("acceptée" if approved else "refusée"),
            "template": "habilitations/email/adhesion_decided",
            "context": {
                "adhesion": adhesion,
                "portal_url": base_url.rstrip("/") + reverse("accounts:personal_space"),
                "preferences_link": base_url.rstrip("/") + reverse("accounts:notifications"),
            },
        },
    )


__all__ = [
    "EVENTS",
    "OFFICE_GROUPS",
    "TRADER_GROUPS",
    "adhesion_decided",
    "adhesion_submitted",
    "groups_for",
    "label_of",
    "movement_event",
    "movement_validated",
    "preferences_of",
    "preferences_save",
]
