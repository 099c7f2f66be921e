"""The daily jobs, as Celery tasks on the queue ``reports`` run by beat (``CELERY_BEAT_SCHEDULE``
in the settings); the management commands of the same names stay, to run one by hand. The links
of their e-mails are built on ``PORTAL_PUBLIC_URL``."""

from celery import shared_task
from django.conf import settings


@shared_task(name="reports.purge_unactivated_accounts")
def purge_unactivated_accounts() -> int:
    from accounts.services import purge_unactivated_accounts as purge

    return purge(older_than_days=settings.UNACTIVATED_ACCOUNT_RETENTION_DAYS)


@shared_task(name="reports.remind_overdue_receipts")
def remind_overdue_receipts() -> int:
    from gamma import inbox

    return len(inbox.remind_overdue_receipts(base_url=settings.PORTAL_PUBLIC_URL))


@shared_task(name="reports.flag_late_fallback_documents")
def flag_late_fallback_documents() -> int:
    from fallback import services

    return len(services.flag_late_documents(base_url=settings.PORTAL_PUBLIC_URL))
