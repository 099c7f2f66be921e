"""The report of receipt's form (IE818): the date of arrival, the global conclusion and, per goods
line, the shortage or excess observed with its quantity, the quantity refused and the
unsatisfactory reasons, each with its own words (repeated rows: « Ajouter un motif » adds one to
its line without JavaScript). The rules are ``gamma.actions``'s."""

from __future__ import annotations

from emcs import codelists
from gamma import actions
from gamma.lifecycle import GLOBAL_CONCLUSIONS
from gamma.rules.reason_once import MAX_REASONS
from www.gamma.action_fields import ActionForm, _choice, _date, _reasons, _text

LINE_FIELDS = ("indicator", "observed_quantity", "refused_quantity")


class ReceiptForm(ActionForm):
    date_of_arrival = _date("Date d'arrivée des produits", required=True)
    global_conclusion = _choice(
        "Conclusion de la réception",
        [(str(k), v) for k, v in GLOBAL_CONCLUSIONS.items()],
        radio=True,
        missing="Choisissez la conclusion de la réception.",
    )
    complementary_information = _text("Observations", 350, area=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        reasons = _reasons(codelists.UNSATISFACTORY_RECEIPT_REASONS, blank="— Aucun —")
        self.lines = list(self.movement.lines.all())
        self.reason_counts = {}
        for line in self.lines:
            ref = line.body_record_unique_reference
            self.fields[f"line_{ref}_indicator"] = _choice(
                f"Écart constaté, ligne {ref}",
                [("", "Aucun"), *actions.INDICATORS.items()],
                required=False,
            )
            self.fields[f"line_{ref}_observed_quantity"] = _text(
                f"Quantité manquante ou excédentaire, ligne {ref}", 20, help_text="Par exemple 12,5."
            )
            self.fields[f"line_{ref}_refused_quantity"] = _text(
                f"Quantité refusée, ligne {ref}", 20, help_text="En cas de refus partiel seulement."
            )
            group = f"reasons-{ref}"
            count = self.rows(group, rf"line_{ref}_reasons_(\d+)_code", limit=MAX_REASONS)
            self.reason_counts[ref] = count
            for index in range(count):
                self.fields[f"line_{ref}_reasons_{index}_code"] = _choice(
                    f"Motif {index + 1}, ligne {ref}", reasons, required=False
                )
                self.fields[f"line_{ref}_reasons_{index}_complementary_information"] = _text(
                    f"Précisions du motif {index + 1}, ligne {ref}", 350
                )
            if self.add_row == group:
                self.focus = f"line_{ref}_reasons_{count - 1}_code"

    def line_rows(self):
        """Per goods line: the line, its fields, its reasons' rows (number, code, précisions) and
        whether another reason may be added (9 at most)."""
        rows = []
        for line in self.lines:
            ref = line.body_record_unique_reference
            count = self.reason_counts[ref]
            reasons = [
                (
                    index + 1,
                    self[f"line_{ref}_reasons_{index}_code"],
                    self[f"line_{ref}_reasons_{index}_complementary_information"],
                )
                for index in range(count)
            ]
            fields = [self[f"line_{ref}_{name}"] for name in LINE_FIELDS]
            rows.append((line, fields, reasons, count < MAX_REASONS))
        return rows

    def submit(self, **common):
        data = self.cleaned_data
        lines = []
        for line in self.lines:
            ref = line.body_record_unique_reference
            lines.append(
                actions.ReceiptLine(
                    body_record_unique_reference=ref,
                    indicator=data[f"line_{ref}_indicator"],
                    observed_quantity=data[f"line_{ref}_observed_quantity"],
                    refused_quantity=data[f"line_{ref}_refused_quantity"],
                    reasons=[
                        actions.Reason(
                            data[f"line_{ref}_reasons_{index}_code"],
                            data[f"line_{ref}_reasons_{index}_complementary_information"],
                        )
                        for index in range(self.reason_counts[ref])
                    ],
                )
            )
        return actions.movement_report_receipt(
            **common,
            date_of_arrival=data["date_of_arrival"],
            global_conclusion=data["global_conclusion"],
            complementary_information=data["complementary_information"],
            lines=lines,
        )
