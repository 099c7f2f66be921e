"""Which instance of the portal this is (issue 14): the real service, or « ProDou@ne TEST ET
FORMATION » / « GAMMA FORMATION », the same code run for practice and for EDI providers' tests
(``PRODOUANE_INSTANCE=formation``). Everything that differs there asks this module, nowhere else."""

from django.conf import settings

TRAINING_NAME = "GAMMA FORMATION"
WATERMARK = "FORMATION — SANS VALEUR LÉGALE"


def is_training() -> bool:
    """True on the test and training instance."""
    return bool(getattr(settings, "TRAINING", False))
