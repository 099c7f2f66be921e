"""Write synthetic SIRENE stock files in INSEE's format (benchmarks), or the committed sample.

manage.py generate_sirene --etablissements 5000000 --unites-legales 3500000 --out bench/data --zip
manage.py generate_sirene --sample
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from register.importers import synthetic


class Command(BaseCommand):
    help = (
        "Écrit des fichiers stock SIRENE synthétiques au format de l'INSEE (SIRET valides), "
        "ou l'échantillon livré dans register/data/sirene/ (--sample)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--etablissements", type=int, default=0, metavar="N", help="lignes de StockEtablissement")
        parser.add_argument("--unites-legales", type=int, default=0, metavar="M", help="lignes de StockUniteLegale")
        parser.add_argument("--out", type=Path, metavar="DOSSIER", help="dossier où écrire les fichiers")
        parser.add_argument("--zip", action="store_true", help="chaque CSV dans une archive ZIP, comme l'INSEE")
        parser.add_argument("--seed", type=int, default=synthetic.SAMPLE_SEED, help="graine (mêmes fichiers)")
        parser.add_argument(
            "--colonnes-naf2008",
            action="store_true",
            help="millésime d'avant décembre 2025 (53 et 34 colonnes, sans la NAF 2025)",
        )
        parser.add_argument("--sample", action="store_true", help="régénère l'échantillon de register/data/sirene/")

    def handle(self, *args, etablissements, unites_legales, out, zip, seed, colonnes_naf2008, sample, **options):
        if sample:
            paths = synthetic.write_sample(out or synthetic.SAMPLE_DIR, seed=seed)
            for path in paths.values():
                self.stdout.write(f"{path}")
            return
        if not out or not (etablissements or unites_legales):
            raise CommandError("Indiquez --out DOSSIER et --etablissements N et/ou --unites-legales M (ou --sample).")
        if etablissements < 0 or unites_legales < 0:
            raise CommandError("Les nombres de lignes doivent être positifs.")
        started = time.perf_counter()
        total = etablissements or unites_legales
        with tqdm(
            total=total, unit=" lignes", unit_scale=True, file=self.stderr._out, disable=options["verbosity"] == 0
        ) as bar:
            paths = synthetic.write_stock_files(
                out_dir=out,
                legal_units=unites_legales,
                establishments=etablissements,
                seed=seed,
                naf25=not colonnes_naf2008,
                zip_files=zip,
                on_unit=(lambda n: bar.update(n)) if etablissements else (lambda n: bar.update(1)),
            )
        seconds = time.perf_counter() - started
        for path in paths.values():
            self.stdout.write(f"{path} ({path.stat().st_size / 1e6:,.0f} Mo)")
        self.stdout.write(self.style.SUCCESS(f"Écrit en {seconds:.0f} s."))
