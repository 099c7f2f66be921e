"""Use cases of the fallback procedure, called by the web pages and the commands alike.

Who may act is ``habilitations.rights``; refusals raise ``FallbackError`` with a French message
(and the field it belongs to); forged requests are logged. Each change of status is written with
its event in one transaction, and its e-mails go through the outbox (sent after commit).

The incidents (the CID's use cases) are in ``fallback.incidents``, re-exported here."""

import datetime
import time

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from fallback import numbers, rules, selectors
from fallback.errors import NOT_ALLOWED, FallbackError, _refuse_forged, security_log
from fallback.incidents import (
    MESSAGE_MAX_LENGTH,
    _check_incident,
    _lock_incident,
    _shown,
    incident_close,
    incident_declare,
    incident_update,
)
from fallback.models import (
    ASSISTANCE_TRANSITIONS,
    DOCUMENT_TRANSITIONS,
    AssistanceEvent,
    AssistanceRequest,
    AssistanceStatus,
    DocumentEvent,
    DocumentNature,
    DocumentStatus,
    FallbackAuthorisation,
    FallbackDocument,
    NumberSeries,
)
from habilitations import catalogue, rights
from identifiers import excise
from identifiers.exceptions import InvalidIdentifier
from mail.services import queue_mail
from portal import instance
from portal.models import Teleservice
from prodouane import metrics
from register.models import ExciseNumber

__all__ = [
    "MESSAGE_MAX_LENGTH",
    "NOT_ALLOWED",
    "_check_incident",
    "_lock_incident",
    "_shown",
    "incident_close",
    "incident_declare",
    "incident_update",
    "security_log",
]

# The nature of the document and the GAMMA right its number needs (« Emettre un DAA / DAA secours » …).
RIGHT_FOR_NATURE = {DocumentNature.DAA: catalogue.ISSUE_DAA, DocumentNature.DSA: catalogue.ISSUE_DSA}
# An individual authorisation lasts at most this long; beyond, a new request *(assumption)*.
AUTHORISATION_MAX_LENGTH = datetime.timedelta(days=31)


def _link(base_url: str, name: str, *args) -> str:
    return base_url.rstrip("/") + reverse(name, args=args)


def _local(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y à %H:%M}"


# --- Assistance requests (the user, the SAU) and individual authorisations (the office) -----------------


def _move_request(request: AssistanceRequest, to: str, *, actor, note: str = "") -> None:
    before = AssistanceStatus(request.status)
    if to not in ASSISTANCE_TRANSITIONS[before]:
        raise FallbackError(f"Une demande « {before.label} » ne peut pas passer à « {AssistanceStatus(to).label} ».")
    request.status = to
    AssistanceEvent.objects.create(request=request, actor=actor, from_status=before, to_status=to, note=note)


def _lock_request(request: AssistanceRequest) -> None:
    AssistanceRequest.objects.select_for_update().filter(pk=request.pk).exists()
    request.refresh_from_db()


def _office_recipients(office) -> list[str]:
    emails = [office.email] if office.email else []
    emails += [
        email
        for email in office.agents.filter(is_active=True, is_staff=True)
        .exclude(email="")
        .values_list("email", flat=True)
        if email not in emails
    ]
    return emails


def assistance_submit(
    *,
    actor,
    excise_number: str,
    teleservice: Teleservice,
    problem: str,
    occurred_at: datetime.datetime,
    contact_phone: str = "",
    base_url: str = "",
    now=None,
) -> AssistanceRequest:
    """A user reports that they cannot issue or print a document for one of their excise numbers."""
    now = now or timezone.now()
    if excise_number not in rights.rights_by_excise_number(actor, catalogue.GAMMA):
        raise _refuse_forged(
            actor,
            f"assistance request for {excise_number}",
            "Vous n'agissez pas pour ce numéro d'accises dans GAMMA : choisissez l'un des numéros de la liste.",
            field="excise_number",
        )
    problem = (problem or "").strip()
    if not problem:
        raise FallbackError("Décrivez le problème rencontré.", field="problem")
    if len(problem) > MESSAGE_MAX_LENGTH:
        raise FallbackError(f"La description comporte {MESSAGE_MAX_LENGTH} caractères au plus.", field="problem")
    if occurred_at > now + datetime.timedelta(minutes=5):
        raise FallbackError("Le problème ne peut pas avoir été constaté dans le futur.", field="occurred_at")
    number = ExciseNumber.objects.select_related("customs_office").get(number=excise_number)
    with transaction.atomic():
        request = AssistanceRequest.objects.create(
            requester=actor,
            excise_number=number,
            customs_office=number.customs_office,
            teleservice=teleservice,
            problem=problem,
            occurred_at=occurred_at,
            contact_phone=(contact_phone or "").strip(),
            created_at=now,
        )
        AssistanceEvent.objects.create(request=request, actor=actor, to_status=request.status, at=now)
        context = {"request": request, "url": _link(base_url, "helpdesk:detail", request.pk)}
        if actor.email:
            queue_mail(
                to=[actor.email],
                subject=f"Demande d'assistance n° {request.pk} reçue — {number.number}",
                template="fallback/email/assistance_received",
                context=context,
            )
        queue_mail(
            to=[settings.HELPDESK_EMAIL],
            subject=f"Nouvelle demande d'assistance n° {request.pk} — {number.number}",
            template="fallback/email/assistance_to_sau",
            context={**context, "url": _link(base_url, "helpdesk:sau_detail", request.pk)},
        )
    return request


def _check_diagnosis(diagnosis: str) -> str:
    diagnosis = (diagnosis or "").strip()
    if not diagnosis:
        raise FallbackError("Rédigez votre diagnostic : il est transmis au demandeur.", field="diagnosis")
    if len(diagnosis) > MESSAGE_MAX_LENGTH:
        raise FallbackError(f"Le diagnostic comporte {MESSAGE_MAX_LENGTH} caractères au plus.", field="diagnosis")
    return diagnosis


def _sau_handles(*, actor, request: AssistanceRequest, diagnosis: str, to: str, now) -> str:
    if not rights.is_sau_agent(actor):
        raise _refuse_forged(actor, f"handle assistance request {request.pk}")
    diagnosis = _check_diagnosis(diagnosis)
    _lock_request(request)
    _move_request(request, to, actor=actor, note=diagnosis)
    request.diagnosis = diagnosis
    request.diagnosed_by = actor
    request.diagnosed_at = now
    request.save(update_fields=["status", "diagnosis", "diagnosed_by", "diagnosed_at"])
    return diagnosis


def assistance_solve(*, actor, request: AssistanceRequest, diagnosis: str, base_url: str = "", now=None):
    """The SAU's diagnosis solved the problem: the request is closed, no fallback needed."""
    now = now or timezone.now()
    with transaction.atomic():
        _sau_handles(actor=actor, request=request, diagnosis=diagnosis, to=AssistanceStatus.SOLVED, now=now)
        if request.requester.email:
            queue_mail(
                to=[request.requester.email],
                subject=f"Demande d'assistance n° {request.pk} résolue — {request.excise_number.number}",
                template="fallback/email/assistance_solved",
                context={"request": request, "url": _link(base_url, "helpdesk:detail", request.pk)},
            )
    return request


def assistance_escalate(*, actor, request: AssistanceRequest, diagnosis: str, base_url: str = "", now=None):
    """Unsolved: the SAU passes the request to the office in charge of the excise number, which
    decides whether the operator may use the fallback procedure."""
    now = now or timezone.now()
    with transaction.atomic():
        _sau_handles(actor=actor, request=request, diagnosis=diagnosis, to=AssistanceStatus.ESCALATED, now=now)
        number = request.excise_number.number
        if request.requester.email:
            queue_mail(
                to=[request.requester.email],
                subject=f"Demande d'assistance n° {request.pk} transmise à votre bureau de douane — {number}",
                template="fallback/email/assistance_escalated",
                context={"request": request, "url": _link(base_url, "helpdesk:detail", request.pk)},
            )
        office_emails = _office_recipients(request.customs_office)
        if office_emails:
            queue_mail(
                to=office_emails,
                subject=f"Procédure de secours à décider — {number}",
                template="fallback/email/assistance_to_office",
                context={"request": request, "url": _link(base_url, "office_fallback:request", request.pk)},
            )
    return request


def _office_decides(*, actor, request: AssistanceRequest) -> None:
    office = rights.office_of(actor)
    if office is None or office.pk != request.customs_office_id:
        raise _refuse_forged(actor, f"decide assistance request {request.pk}")
    _lock_request(request)


def _decision_recipients(request: AssistanceRequest) -> list[str]:
    emails = [request.requester.email] if request.requester.email else []
    if request.diagnosed_by and request.diagnosed_by.email and request.diagnosed_by.email not in emails:
        emails.append(request.diagnosed_by.email)
    return emails


def authorisation_grant(
    *,
    actor,
    request: AssistanceRequest,
    valid_from: datetime.datetime,
    valid_until: datetime.datetime,
    note: str = "",
    base_url: str = "",
    now=None,
) -> FallbackAuthorisation:
    """The office authorises the operator to use the fallback procedure for the request's excise
    number, from ``valid_from`` to ``valid_until``."""
    now = now or timezone.now()
    if valid_until <= valid_from:
        raise FallbackError("La fin de validité doit être postérieure à son début.", field="valid_until")
    if valid_until <= now:
        raise FallbackError("La fin de validité est déjà passée : choisissez une date à venir.", field="valid_until")
    if valid_until - valid_from > AUTHORISATION_MAX_LENGTH:
        raise FallbackError(
            "Une autorisation individuelle vaut 31 jours au plus ; au-delà, l'opérateur fait une nouvelle demande.",
            field="valid_until",
        )
    with transaction.atomic():
        _office_decides(actor=actor, request=request)
        _move_request(request, AssistanceStatus.AUTHORISED, actor=actor, note=(note or "").strip())
        request.decided_by = actor
        request.decided_at = now
        request.save(update_fields=["status", "decided_by", "decided_at"])
        authorisation = FallbackAuthorisation.objects.create(
            excise_number=request.excise_number,
            customs_office=request.customs_office,
            request=request,
            valid_from=valid_from,
            valid_until=valid_until,
            note=(note or "").strip(),
            granted_by=actor,
            granted_at=now,
        )
        recipients = _decision_recipients(request)
        if recipients:
            queue_mail(
                to=recipients,
                subject=f"Procédure de secours autorisée — {request.excise_number.number}",
                template="fallback/email/authorisation_granted",
                context={
                    "request": request,
                    "authorisation": authorisation,
                    "url": _link(base_url, "helpdesk:detail", request.pk),
                    "gps_url": _link(base_url, "gps:generate"),
                },
            )
    return authorisation


def authorisation_refuse(*, actor, request: AssistanceRequest, reason: str, base_url: str = "", now=None):
    now = now or timezone.now()
    reason = (reason or "").strip()
    if not reason:
        raise FallbackError("Indiquez le motif du refus : il est transmis à l'opérateur.", field="reason")
    if len(reason) > MESSAGE_MAX_LENGTH:
        raise FallbackError(f"Le motif comporte {MESSAGE_MAX_LENGTH} caractères au plus.", field="reason")
    with transaction.atomic():
        _office_decides(actor=actor, request=request)
        _move_request(request, AssistanceStatus.REFUSED, actor=actor, note=reason)
        request.decided_by = actor
        request.decided_at = now
        request.refusal_reason = reason
        request.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
        recipients = _decision_recipients(request)
        if recipients:
            queue_mail(
                to=recipients,
                subject=f"Procédure de secours refusée — {request.excise_number.number}",
                template="fallback/email/authorisation_refused",
                context={"request": request, "url": _link(base_url, "helpdesk:detail", request.pk)},
            )
    return request


# --- GPS: fallback documents and their numbers ---------------------------------------------------------

# SQLite answers « database is locked » to a writer that waited too long (or at once, for the
# shared in-memory database of the tests); the whole transaction is then tried again. PostgreSQL
# waits on the series row's lock and never gets here.
LOCK_RETRIES = 50


def _is_sqlite_lock(error: OperationalError) -> bool:
    return connection.vendor == "sqlite" and "locked" in str(error).lower()


def issue_fallback_document(
    *,
    actor,
    nature: str,
    excise_number: str,
    vehicle_registration: str,
    dispatch_at: datetime.datetime,
    now: datetime.datetime | None = None,
) -> FallbackDocument:
    """« Générer un numéro »: check that ``actor`` may issue this nature of document for
    ``excise_number`` and that an alert or an authorisation covers the dispatch, then take the
    next number of the series and write the document, in one transaction."""
    now = now or timezone.now()
    for attempt in range(LOCK_RETRIES):
        try:
            return _issue(
                actor=actor,
                nature=nature,
                excise_number=excise_number,
                vehicle_registration=vehicle_registration,
                dispatch_at=dispatch_at,
                now=now,
            )
        except OperationalError as error:
            if not _is_sqlite_lock(error) or connection.in_atomic_block or attempt == LOCK_RETRIES - 1:
                raise
            time.sleep(0.002 * (attempt + 1))
    raise AssertionError("unreachable")


def _issue(*, actor, nature, excise_number, vehicle_registration, dispatch_at, now) -> FallbackDocument:
    if nature not in DocumentNature.values:
        raise FallbackError("Choisissez la nature de la circulation : DAA ou DSA.", field="nature")
    try:
        excise_number = excise.validate(excise_number)
    except InvalidIdentifier as error:
        raise FallbackError(error.message, field="excise_number") from None
    held = rights.rights_for(actor, catalogue.GPS, excise_number)
    if not held:
        raise _refuse_forged(
            actor,
            f"GPS number for {excise_number}",
            "Vous n'êtes pas habilité à émettre des documents de secours pour ce numéro d'accises.",
            field="excise_number",
        )
    right = RIGHT_FOR_NATURE[DocumentNature(nature)]
    if right.code not in held:
        raise _refuse_forged(
            actor,
            f"GPS {nature} for {excise_number} without {right.code}",
            f"Vous n'avez pas le droit « {right.label} » pour le numéro d'accises {excise_number}.",
            field="nature",
        )
    registration = rules.vehicle_registration(vehicle_registration)
    rules.dispatch_window(dispatch_at, now=now)
    number = ExciseNumber.objects.get(number=excise_number)
    if not number.is_valid_on(timezone.localdate(dispatch_at)):
        raise FallbackError(
            f"Le numéro d'accises {excise_number} n'est pas valide à la date d'envoi.", field="excise_number"
        )
    incident, authorisation = selectors.fallback_ground(excise_number=number, moment=dispatch_at, now=now)
    if incident is None and authorisation is None:
        raise FallbackError(
            f"La procédure de secours n'est pas ouverte le {_local(dispatch_at)} pour {excise_number} : aucune "
            "alerte rouge ou noire sur GAMMA ni aucune autorisation individuelle de votre bureau de douane ne "
            "couvre cette date et cette heure de départ. Aucun numéro n'a été généré.",
            field="dispatch_date",
        )
    return _write_document(
        actor=actor,
        number=number,
        year=timezone.localtime(dispatch_at).year,
        nature=nature,
        registration=registration,
        dispatch_at=dispatch_at,
        incident=incident,
        authorisation=authorisation,
        now=now,
    )


def _next_order(*, excise_number: ExciseNumber, year: int, first: int) -> int:
    """Take the next order number of the series, creating the series at ``first``: one statement that
    inserts or increments the row and locks it until the caller's transaction ends, so numbers
    follow without gaps and a rolled-back one is given again (PostgreSQL and SQLite alike)."""
    table = connection.ops.quote_name(NumberSeries._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (excise_number_id, year, last_order) VALUES (%s, %s, %s) "  # noqa: S608 - table name from the model
            f"ON CONFLICT (excise_number_id, year) DO UPDATE SET last_order = {table}.last_order + 1 "
            "RETURNING last_order",
            [excise_number.pk, year, first],
        )
        return cursor.fetchone()[0]


def _write_document(*, actor, number, year, nature, registration, dispatch_at, incident, authorisation, now):
    orders = numbers.orders(training=instance.is_training())  # the training instance's are reserved
    with transaction.atomic():
        order = _next_order(excise_number=number, year=year, first=orders.start)
        if order not in orders:
            raise FallbackError(  # the transaction rolls back: the series stays full, not beyond
                f"La série de numéros de secours de {number.number} pour {year} est épuisée : contactez votre "
                "bureau de douane.",
                field="excise_number",
            )
        # The document records who issued it and when; its events are its later changes of status.
        metrics.count_gps_number(nature)  # counted once committed
        return FallbackDocument.objects.create(
            number=numbers.build(year=year, excise_number=number.number, order=order),
            excise_number=number,
            year=year,
            order=order,
            nature=nature,
            vehicle_registration=registration,
            dispatch_at=dispatch_at,
            issued_by=actor,
            issued_at=now,
            incident=incident,
            authorisation=authorisation,
        )


def _move_document(document: FallbackDocument, to: str, *, actor=None, note: str = "", now) -> None:
    before = DocumentStatus(document.status)
    if to not in DOCUMENT_TRANSITIONS[before]:
        raise FallbackError(
            f"Le document de secours {document.number} est « {before.label} » : il ne peut pas passer à "
            f"« {DocumentStatus(to).label} »."
        )
    document.status = to
    DocumentEvent.objects.create(document=document, actor=actor, at=now, from_status=before, to_status=to, note=note)


def mark_regularised(*, document: FallbackDocument, movement, actor=None, now=None) -> FallbackDocument:
    """The paper document was re-entered in GAMMA: ``movement`` (deferred submission, LRN = the
    fallback number, same consignor) replaces it. Called by GAMMA when it validates that movement,
    inside its transaction."""
    now = now or timezone.now()
    if movement.local_reference_number != document.number:
        raise FallbackError(
            f"Le numéro de référence local (LRN) du mouvement doit être le numéro de secours {document.number}.",
            field="local_reference_number",
        )
    if movement.consignor_id != document.excise_number_id:
        raise FallbackError(
            f"Le document de secours {document.number} a été émis pour {document.excise_number.number} : "
            "régularisez-le avec ce numéro d'accises d'expéditeur.",
            field="consignor",
        )
    if movement.deferred_submission is not True:
        raise FallbackError(
            "La régularisation d'un document de secours est une soumission différée : cochez l'indicateur "
            "de soumission différée.",
            field="deferred_submission",
        )
    with transaction.atomic():
        FallbackDocument.objects.select_for_update().filter(pk=document.pk).exists()
        document.refresh_from_db()
        _move_document(document, DocumentStatus.REGULARISED, actor=actor, now=now, note=str(movement)[:255])
        document.movement = movement
        document.regularised_at = now
        document.save(update_fields=["status", "movement", "regularised_at"])
    return document


def regularisation_delay() -> datetime.timedelta:
    return datetime.timedelta(days=settings.FALLBACK_REGULARISATION_DELAY_DAYS)


def flag_late_documents(*, now=None, delay: datetime.timedelta | None = None, base_url: str = "") -> list:
    """Mark « en retard » the documents not regularised ``delay`` after the end of the alert or
    authorisation that allowed them; remind each issuer and send each office its list."""
    now = now or timezone.now()
    delay = regularisation_delay() if delay is None else delay
    flagged: list[FallbackDocument] = []
    for document in selectors.documents_due_for_regularisation(now=now, delay=delay):
        with transaction.atomic():
            FallbackDocument.objects.select_for_update().filter(pk=document.pk).exists()
            document.refresh_from_db()
            if document.status != DocumentStatus.ISSUED:
                continue  # regularised meanwhile
            _move_document(document, DocumentStatus.LATE, now=now, note="Délai de régularisation dépassé")
            document.late_since = now
            document.save(update_fields=["status", "late_since"])
        flagged.append(document)
    _remind(flagged, base_url=base_url)
    return flagged


def _remind(documents: list[FallbackDocument], *, base_url: str) -> None:
    by_issuer: dict = {}
    by_office: dict = {}
    for document in documents:
        by_issuer.setdefault(document.issued_by, []).append(document)
        by_office.setdefault(document.excise_number.customs_office, []).append(document)
    with transaction.atomic():
        for issuer, docs in by_issuer.items():
            if issuer.email:
                queue_mail(
                    to=[issuer.email],
                    subject=f"Procédure de secours : {len(docs)} document(s) à régulariser dans GAMMA",
                    template="fallback/email/late_reminder",
                    context={"documents": docs, "url": _link(base_url, "gps:follow_up")},
                )
        for office, docs in by_office.items():
            recipients = _office_recipients(office)
            if recipients:
                queue_mail(
                    to=recipients,
                    subject=f"Procédure de secours : {len(docs)} document(s) non régularisé(s) dans le délai",
                    template="fallback/email/late_to_office",
                    context={"documents": docs, "office": office, "url": _link(base_url, "office_fallback:overview")},
                )
