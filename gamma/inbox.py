"""« Messages »: what happened to the movements of one excise number (validated, received,
refused, cancelled, reminders …), newest first — read from the timeline (``MovementEvent``); each
person's state of each message (read, archived), the views and sorts are ``gamma.inbox_state``'s.

And the daily reminders (``manage.py remind_overdue_receipts``): a movement still travelling after
its date of dispatch plus its journey time gets the reminder (IE802, « report of receipt
expected ») once per sequence number, in one transaction: logged on its timeline through the
lifecycle (the event's payload is the message's body), the consignee's users who may discharge it
told by e-mail, and the IE802 stored with the movement and published to the consignee's feed (a
DAE's or DAES's: a DSA is national, its IE802 is kept in no feed)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from emcs.messages import ie802
from emcs.messages.binding import Header
from gamma import feed, lifecycle, search, timeline
from gamma import messages as stored_messages
from gamma.actions import DISCHARGE, common
from gamma.models import Movement, MovementAction, MovementEvent, MovementKind, MovementStatus
from habilitations import catalogue, rights
from habilitations.models import AdhesionStatus, Habilitation
from mail.services import queue_mail
from register.models import ExciseNumber

logger = logging.getLogger(__name__)

A = MovementAction
# IE802 ReminderMessageType (TC48): 2 = the time to send the report of receipt has expired.
REMINDER_REPORT_OF_RECEIPT = ie802.REPORT_OF_RECEIPT


def events_of(*, excise_number: ExciseNumber, kinds: list[str] | None = None) -> QuerySet[MovementEvent]:
    """The events of the movements ``excise_number`` dispatched or receives, newest first."""
    events = MovementEvent.objects.filter(
        Q(movement__consignor_id=excise_number.pk) | Q(movement__consignee_identifier=excise_number.number)
    ).exclude(movement__status=MovementStatus.DRAFT)
    if kinds is not None and set(kinds) != set(MovementKind.values):
        events = events.filter(movement__kind__in=kinds)
    return events.select_related("movement", "movement__consignor", "actor").order_by("-at", "-id")


@dataclass(frozen=True)
class Item:
    event: MovementEvent
    movement: Movement
    headline: str
    details: list[str]
    actor: str
    is_new: bool


def headline(event: MovementEvent, *, number: str) -> str:
    """The event in one sentence, as the number sees it."""
    movement = event.movement
    document = f"{movement.kind} {movement.arc}"
    dispatched = movement.consignor_id is not None and movement.consignor.number == number
    status = MovementStatus(event.to_status).label.lower()
    if event.action == A.VALIDATE:
        return f"{document} validé" if dispatched else f"{document} : un document vous est adressé"
    if event.action == A.REPORT_OF_RECEIPT:
        return f"{document} : réception déclarée, mouvement {status}"
    if event.action == A.ALERT_OR_REJECTION:
        return (
            f"{document} : document refusé par le destinataire"
            if event.payload.get("rejected")
            else (f"{document} : alerte du destinataire")
        )
    if event.action == A.CANCEL:
        return f"{document} annulé par l'expéditeur"
    if event.action == A.CHANGE_DESTINATION:
        return f"{document} : destination changée"
    if event.action == A.REMINDER:
        return f"{document} : relance, accusé de réception en retard"
    if event.action == A.INTERRUPT:
        return f"{document} interrompu par le bureau de douane"
    if event.action == A.MANUAL_CLOSURE:
        return f"{document} clôturé manuellement par le bureau de douane"
    return f"{document} : {MovementAction(event.action).label.lower()}"


def items(events, *, number: str, seen_at: dt.datetime | None) -> list[Item]:
    return [
        Item(
            event=event,
            movement=event.movement,
            headline=headline(event, number=number),
            details=timeline.details(event),
            actor=timeline.actor_label(event),
            is_new=seen_at is None or event.at > seen_at,
        )
        for event in events
    ]


# --- Reminders ------------------------------------------------------------------------------------


def _already_reminded(movement: Movement) -> bool:
    return MovementEvent.objects.filter(
        movement=movement,
        action=A.REMINDER,
        payload__excise_movement__sequence_number=movement.sequence_number,
    ).exists()


def _recipients(number: str) -> list[str]:
    """E-mail addresses of the users who may discharge for ``number`` (« Apurer un DAA »)."""
    habilitations = Habilitation.objects.filter(
        teleservice=catalogue.GAMMA,
        excise_number__number=number,
        right=DISCHARGE,
        adhesion__status=AdhesionStatus.APPROVED,
    ).select_related("user")
    users = {h.user for h in habilitations}
    return sorted(
        user.email for user in users if user.email and rights.has_right(user, catalogue.GAMMA, number, DISCHARGE)
    )


def limit_of(arrival: dt.date) -> dt.datetime:
    """The limit the reminder says has passed: the end of the expected day of arrival in Paris (the
    movement is overdue from the next day), as an aware instant."""
    return timezone.make_aware(dt.datetime.combine(arrival, dt.time(23, 59, 59)))


def reminder_message(movement: Movement, *, arrival: dt.date, at: dt.datetime) -> ie802.IE802:
    """The IE802 of ``movement``'s overdue report of receipt, issued ``at`` (aware)."""
    return ie802.IE802(
        header=Header.new(at=at),
        body=ie802.ReminderMessageForExciseMovement(
            attributes=ie802.Attributes(
                date_and_time_of_issuance_of_reminder=common.naive(at),
                limit_date_and_time=common.naive(limit_of(arrival)),
                reminder_message_type=REMINDER_REPORT_OF_RECEIPT,
            ),
            excise_movement=ie802.ExciseMovement(
                administrative_reference_code=movement.arc, sequence_number=movement.sequence_number
            ),
        ),
    )


def remind(movement: Movement, *, today: dt.date, base_url: str) -> MovementEvent | None:
    """Send the reminder of ``movement`` if it is overdue and has none for its sequence; locked, so
    that two runs at once send it once. The IE802 is stored and published last: publishing holds
    the feed's lock until the commit."""
    with transaction.atomic():
        movement = Movement.objects.select_for_update(of=("self",)).select_related("consignor").get(pk=movement.pk)
        if not search.is_overdue(movement, today=today) or _already_reminded(movement):
            return None
        arrival = search.expected_arrival(movement)
        now = timezone.now()
        message = reminder_message(movement, arrival=arrival, at=now)
        event = lifecycle.transition(
            movement,
            A.REMINDER,
            actor=None,
            role=lifecycle.SYSTEM,
            payload=common.payload(message.body),
            today=today,
            at=now,
        )
        number = movement.consignee_identifier
        recipients = _recipients(number) if number else []
        if recipients:
            link = base_url.rstrip("/") + reverse("gamma:movement", args=[number, movement.pk])
            queue_mail(
                to=recipients,
                subject=f"GAMMA : accusé de réception attendu pour le {movement.kind} {movement.arc}",
                template="gamma/movement/email/receipt_overdue",
                context={"movement": movement, "arrival": arrival, "number": number, "link": link},
            )
        stored_messages.store(
            message,
            movement=movement,
            event=event,
            recipients=feed.recipients_of(movement, "IE802") if movement.kind in common.EMCS_KINDS else None,
        )
        return event


def remind_overdue_receipts(*, today: dt.date | None = None, base_url: str) -> list[MovementEvent]:
    """Every overdue movement's reminder, once; returns the reminders sent now."""
    today = today or timezone.localdate()
    sent = []
    candidates = Movement.objects.filter(search.overdue_q(today)).values_list("pk", flat=True).order_by("pk")
    for pk in candidates.iterator(chunk_size=500):
        try:
            event = remind(Movement(pk=pk), today=today, base_url=base_url)
        except stored_messages.MessageNotValid:  # the portal's bug: nothing kept for it, the others go on
            logger.exception("The IE802 of movement %s fails its schema: no reminder sent", pk)
            continue
        if event is not None:
            sent.append(event)
    logger.info("GAMMA reminders: %s sent for %s", len(sent), today)
    return sent
