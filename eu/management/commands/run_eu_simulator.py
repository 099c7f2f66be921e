"""The simulated member states' turn, once: the outbox delivered to them, then their answers that
are due (in production beat runs both every minute: ``eu.sweep_outbox``, ``eu.run_simulator``)."""

from django.core.management.base import BaseCommand

from eu import simulator
from eu.outbox import deliver_due


class Command(BaseCommand):
    help = "Simulateur des autres États membres : envoie la file d'attente et produit les réponses (IE818) dues."

    def handle(self, *args, **options):
        sent, failing = deliver_due()
        answered = simulator.run_due()
        self.stdout.write(f"{sent} message(s) envoyé(s), {failing} en échec, {answered} réponse(s) produite(s).")
