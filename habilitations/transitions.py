"""An adhesion's move along its lifecycle table (``habilitations.models.TRANSITIONS``), refused
in French when the table does not allow it, and the row lock taken before an office decides."""

from habilitations.errors import HabilitationError
from habilitations.models import TRANSITIONS, Adhesion, AdhesionStatus


def _lock(adhesion: Adhesion) -> None:
    """Lock the row and reload it, so two agents deciding at once cannot both succeed."""
    Adhesion.objects.select_for_update().filter(pk=adhesion.pk).exists()
    adhesion.refresh_from_db()


def _move(adhesion: Adhesion, to: str) -> str:
    if to not in TRANSITIONS[AdhesionStatus(adhesion.status)]:
        raise HabilitationError(
            f"Une adhésion « {adhesion.get_status_display()} » ne peut pas passer à « {AdhesionStatus(to).label} »."
        )
    before = adhesion.status
    adhesion.status = to
    return before
