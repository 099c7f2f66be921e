"""Sends the EDI notifications (webhooks) that are due, and retries the failed ones
(``edi.webhooks``). Run it with ``--loop`` as a worker in production, or every minute."""

import time

from django.core.management.base import BaseCommand

from edi.webhooks import deliver_due

LOOP_PAUSE_SECONDS = 5


class Command(BaseCommand):
    help = "Envoie les notifications EDI (webhooks) en attente, avec nouvelles tentatives."

    def add_arguments(self, parser):
        parser.add_argument(
            "--loop", action="store_true", help=f"Tourne en continu (toutes les {LOOP_PAUSE_SECONDS} secondes)."
        )

    def handle(self, *args, loop=False, **options):
        while True:
            delivered, failing = deliver_due()
            if delivered or failing or not loop:
                self.stdout.write(
                    f"{delivered} notification(s) remise(s), {failing} sans succès (nouvel essai plus tard)."
                )
            if not loop:
                return
            if not (delivered or failing):
                time.sleep(LOOP_PAUSE_SECONDS)
