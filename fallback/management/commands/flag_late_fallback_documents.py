"""Marks « en retard » the fallback documents not regularised in GAMMA within the delay after the
end of their alert or authorisation, reminds their issuers and sends each office its list. Run
it once a day."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from fallback import services


class Command(BaseCommand):
    help = "Marque en retard les documents de secours non régularisés dans le délai et envoie les rappels."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jours",
            type=int,
            default=None,
            help=f"Délai de régularisation en jours (par défaut FALLBACK_REGULARISATION_DELAY_DAYS, "
            f"{settings.FALLBACK_REGULARISATION_DELAY_DAYS}).",
        )
        parser.add_argument(
            "--url-portail",
            default="",
            help="Adresse du portail pour les liens des courriels, par exemple https://pro.douane.gouv.fr",
        )

    def handle(self, *args, jours=None, url_portail="", **options):
        if jours is not None and jours < 0:
            raise CommandError("Le délai (--jours) est un nombre de jours positif ou nul.")
        delay = None if jours is None else datetime.timedelta(days=jours)
        flagged = services.flag_late_documents(delay=delay, base_url=url_portail)
        self.stdout.write(f"{len(flagged)} document(s) de secours marqué(s) en retard.")
        for document in flagged:
            self.stdout.write(f"  {document.number} ({document.excise_number.number})")
