"""What a SIRENE import reports: rows read, imported and rejected (the first rejections with their
line and reason, in French), its speed, and the refusal of a file that is not a stock file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rejection:
    line: int  # physical line of the file, the header being line 1
    reason: str  # in French, for the person running the import

    def __str__(self) -> str:
        return f"ligne {self.line} : {self.reason}"


@dataclass
class ImportReport:
    label: str
    rows_read: int = 0
    imported: int = 0
    rejected: int = 0
    seconds: float = 0.0
    # PostgreSQL, where the time goes (see bench/README.md): the writing thread idle, waiting for
    # rows; the reading thread idle, its queue full (waiting for the database).
    writer_idle_seconds: float = 0.0
    reader_idle_seconds: float = 0.0
    rejections: list[Rejection] = field(default_factory=list)  # the first KEPT_REJECTIONS only

    KEPT_REJECTIONS = 1000

    @property
    def rows_per_second(self) -> float:
        return self.rows_read / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"{self.label} : {_number(self.rows_read)} lignes lues, {_number(self.imported)} importées, "
            f"{_number(self.rejected)} rejetées, en {self.seconds:.1f} s ({_number(self.rows_per_second)} lignes/s)"
        )


def _number(value: float) -> str:
    """French grouping of thousands: 1 234 567 (narrow no-break spaces)."""
    return f"{value:,.0f}".replace(",", "\u202f")


class SireneFormatError(Exception):
    """The file cannot be read as a SIRENE stock file (no header, missing columns, empty ZIP)."""
