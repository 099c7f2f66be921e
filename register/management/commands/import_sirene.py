"""Import INSEE's SIRENE stock files: the command reads its arguments and prints; the work is
``register.importers.sirene``'s.

    manage.py import_sirene --unites-legales StockUniteLegale_utf8.zip --etablissements StockEtablissement_utf8.zip
"""

import csv
from contextlib import ExitStack
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from register.importers import sirene

SHOWN_REJECTIONS = 20


class Command(BaseCommand):
    help = (
        "Importe les fichiers stock SIRENE de l'INSEE (StockUniteLegale, StockEtablissement ; CSV ou ZIP) "
        "dans le référentiel : ajoute les nouvelles lignes, met à jour les autres, signale les lignes rejetées."
    )

    def add_arguments(self, parser):
        parser.add_argument("--unites-legales", type=Path, metavar="FICHIER", help="StockUniteLegale (.csv ou .zip)")
        parser.add_argument("--etablissements", type=Path, metavar="FICHIER", help="StockEtablissement (.csv ou .zip)")
        parser.add_argument(
            "--rejets",
            type=Path,
            metavar="FICHIER",
            help="écrit toutes les lignes rejetées (fichier, ligne, motif) en CSV",
        )
        parser.add_argument("--sans-progression", action="store_true", help="pas de barre de progression")

    def handle(self, *args, unites_legales, etablissements, rejets, sans_progression, verbosity, **options):
        files = [
            (label, path, service)
            for label, path, service in (
                ("unités légales", unites_legales, sirene.import_legal_units),
                ("établissements", etablissements, sirene.import_establishments),
            )
            if path
        ]
        if not files:
            raise CommandError("Indiquez --unites-legales FICHIER, --etablissements FICHIER, ou les deux.")
        for _label, path, _service in files:
            if not path.is_file():
                raise CommandError(f"Fichier introuvable : {path}")
        with ExitStack() as stack:
            rejects_writer = None
            if rejets:
                rejects_writer = csv.writer(stack.enter_context(rejets.open("w", encoding="utf-8", newline="")))
                rejects_writer.writerow(["fichier", "ligne", "motif"])
            for label, path, service in files:
                self.import_one(label, path, service, rejects_writer, progress=not sans_progression and verbosity > 0)

    def import_one(self, label, path, service, rejects_writer, *, progress):
        bar = tqdm(
            total=sirene.stock_file_size(path),
            unit="o",
            unit_scale=True,
            unit_divisor=1024,
            desc=f"{path.name} ({label})",
            disable=not progress,
            file=self.stderr._out,  # the raw stream: OutputWrapper would end each refresh with a new line
            dynamic_ncols=True,
        )

        def on_reject(rejection):
            if rejects_writer:
                rejects_writer.writerow([path.name, rejection.line, rejection.reason])

        try:
            with bar:
                report = service(path=path, on_bytes=bar.update, on_reject=on_reject)
        except sirene.SireneFormatError as error:
            raise CommandError(f"{path.name} : {error}") from error
        for rejection in report.rejections[:SHOWN_REJECTIONS]:
            self.stdout.write(f"{path.name}, {rejection}")
        if report.rejected > SHOWN_REJECTIONS:
            more = report.rejected - SHOWN_REJECTIONS
            hint = "" if rejects_writer else " (--rejets FICHIER pour les avoir toutes)"
            self.stdout.write(f"… et {more} autre(s) ligne(s) rejetée(s){hint}")
        style = self.style.WARNING if report.rejected else self.style.SUCCESS
        self.stdout.write(style(report.summary()))
