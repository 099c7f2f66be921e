"""The simulated member states' turn: the outbox delivered to them, then their answers that are due."""

import time

from django.core.management.base import BaseCommand

from eu import simulator
from eu.outbox import deliver_due


class Command(BaseCommand):
    help = "Simulateur des autres États membres : envoie la file d'attente et produit les réponses (IE818) dues."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Tourne en continu (toutes les 10 secondes).")

    def handle(self, *args, loop=False, **options):
        while True:
            sent, failing = deliver_due()
            answered = simulator.run_due()
            self.stdout.write(f"{sent} message(s) envoyé(s), {failing} en échec, {answered} réponse(s) produite(s).")
            if not loop:
                return
            time.sleep(10)
