"""What a report of receipt (IE818) says of each line, kept with its event: the shortage or excess
observed, the quantity refused and the unsatisfactory reasons (BC46), each at most once per line.
Models of the ``gamma`` app, imported from ``gamma.models``; written by
``gamma.actions.receipt`` in the transition's transaction, read by the movement's page (its
« Réception » section) and the office's views. The message stored (``MovementMessage``) remains
the reference; these rows are what the portal searches and shows."""

from django.db import models
from django.db.models import Q

from gamma.fields import _language, _text


class ShortageOrExcess(models.TextChoices):
    """TC47, Indicator of Shortage or Excess."""

    SHORTAGE = "S", "Manquant"
    EXCESS = "E", "Excédent"


class ReceiptLineReport(models.Model):
    """One line of a report of receipt (BodyReportOfReceiptExport)."""

    movement = models.ForeignKey(
        "gamma.Movement", on_delete=models.CASCADE, related_name="receipt_lines", verbose_name="mouvement"
    )
    event = models.ForeignKey(
        "gamma.MovementEvent",
        on_delete=models.CASCADE,
        related_name="receipt_lines",
        verbose_name="accusé de réception",
    )
    body_record_unique_reference = models.PositiveSmallIntegerField("numéro de ligne")
    excise_product_code = models.CharField("code produit d'accise", max_length=4)
    indicator = models.CharField(
        "manquant ou excédent", max_length=1, choices=ShortageOrExcess.choices, blank=True
    )  # TC47
    observed_quantity = models.DecimalField(
        "quantité manquante ou excédentaire", max_digits=18, decimal_places=3, null=True, blank=True
    )
    refused_quantity = models.DecimalField("quantité refusée", max_digits=18, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = "ligne d'accusé de réception"
        verbose_name_plural = "lignes d'accusé de réception"
        ordering = ["event", "body_record_unique_reference"]
        constraints = [
            # R058: each line of the e-AD once per report.
            models.UniqueConstraint(fields=["event", "body_record_unique_reference"], name="gamma_receipt_line_once"),
            models.CheckConstraint(condition=Q(indicator__in=["", "S", "E"]), name="gamma_receipt_line_indicator"),
            # C067: an indicator goes with its quantity; R232: quantities greater than zero.
            models.CheckConstraint(
                condition=(Q(indicator="") & Q(observed_quantity__isnull=True))
                | (~Q(indicator="") & Q(observed_quantity__gt=0)),
                name="gamma_receipt_line_observed_quantity",
            ),
            models.CheckConstraint(
                condition=Q(refused_quantity__isnull=True) | Q(refused_quantity__gt=0),
                name="gamma_receipt_line_refused_quantity",
            ),
        ]

    def __str__(self) -> str:
        return f"Ligne {self.body_record_unique_reference} : {self.get_indicator_display() or 'sans écart'}"


class ReceiptLineReason(models.Model):
    """One unsatisfactory reason of a line (UnsatisfactoryReason, 9 at most), each code once per line."""

    line = models.ForeignKey(ReceiptLineReport, on_delete=models.CASCADE, related_name="reasons", verbose_name="ligne")
    position = models.PositiveSmallIntegerField("rang", default=1)
    code = models.CharField("motif", max_length=2)  # BC46
    complementary_information = _text("précisions", 350)
    complementary_information_language = _language()

    class Meta:
        verbose_name = "motif de réception insatisfaisante"
        verbose_name_plural = "motifs de réception insatisfaisante"
        ordering = ["line", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["line", "code"], name="gamma_receipt_reason_once_per_line")]

    def __str__(self) -> str:
        return self.code


def latest_report(movement) -> list[ReceiptLineReport]:
    """The lines of the movement's latest report of receipt, their reasons prefetched; [] if none
    detailed a line."""
    latest = ReceiptLineReport.objects.filter(movement=movement).order_by("-event__at", "-event_id").first()
    if latest is None:
        return []
    return list(ReceiptLineReport.objects.filter(event_id=latest.event_id).prefetch_related("reasons"))


def latest_report_rows(movement) -> list[tuple[ReceiptLineReport, list[tuple[str, ReceiptLineReason]]]]:
    """The latest report's lines as the movement's page shows them (the trader's and the office's):
    each line with its reasons, each reason with its French label (list BC46)."""
    from gamma.printing_layout import coded  # the code lists' labels; printing imports the models

    return [
        (line, [(coded("BC46", reason.code), reason) for reason in line.reasons.all()])
        for line in latest_report(movement)
    ]
