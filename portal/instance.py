"""Which instance of the portal this is (issue 14): the real service, or « ProDou@ne TEST ET
FORMATION » / « GAMMA FORMATION », the same code run for practice and for EDI providers' tests
(``PRODOUANE_INSTANCE=formation``). Everything that differs there asks this module, nowhere else."""

from django.conf import settings

TRAINING_NAME = "GAMMA FORMATION"
WATERMARK = "FORMATION — SANS VALEUR LÉGALE"


def is_training() -> bool:
    """True on the test and training instance."""
    return bool(getattr(settings, "TRAINING", False))


# Where the training instance's e-mails go: the development mailbox only (the outbox, listed at
# /dev/boite-mail/ outside production, and one file a message in EMAIL_FILE_PATH), never a mail
# server, whatever EMAIL_BACKEND says.
TRAINING_EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def mail_connection():
    """The connection an e-mail is sent through: the configured backend (``None``) on the real
    instance, the development mailbox's on the training one."""
    if not is_training():
        return None
    from django.core.mail import get_connection

    return get_connection(TRAINING_EMAIL_BACKEND, file_path=str(settings.EMAIL_FILE_PATH))
