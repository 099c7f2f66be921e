"""Load the EMCS code lists (``emcs/data/codelists.json`` unless ``--file``): the command prints;
the work is ``emcs.codelists.load``'s. Running it again changes nothing.

    manage.py load_emcs_codelists [--file codelists.json]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from emcs import codelists


class Command(BaseCommand):
    help = (
        "Charge les listes de codes EMCS (codes produits, codes NC et leur correspondance, types de colis, "
        "modes de transport, États membres, motifs …) ; une nouvelle exécution ne modifie rien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            metavar="FICHIER",
            help="fichier JSON des listes de codes (par défaut : celui livré avec le code)",
        )

    def handle(self, *args, file, verbosity, **options):
        try:
            report = codelists.load(file)
        except codelists.CodeListFileError as error:
            raise CommandError(str(error)) from error
        if verbosity >= 1:
            for count in report.counts.values():
                self.stdout.write(
                    f"{count.list_code} : {count.total} entrées ({count.created} créées, {count.updated} modifiées, "
                    f"{count.unchanged} inchangées)"
                )
            for line in report.skipped:
                self.stdout.write(line)
        created = sum(count.created for count in report.counts.values())
        updated = sum(count.updated for count in report.counts.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Listes de codes EMCS chargées : {len(report.counts)} listes, {created} entrées créées, "
                f"{updated} modifiées, {len(report.skipped)} ignorées."
            )
        )
