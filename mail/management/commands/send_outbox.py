"""Retries the e-mails the outbox could not send at once (run it every minute in production)."""

import time

from django.core.management.base import BaseCommand

from mail.services import deliver_due


class Command(BaseCommand):
    help = "Envoie les courriels en attente dans la file d'envoi (avec nouvelles tentatives)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Tourne en continu (toutes les 30 secondes).")

    def handle(self, *args, loop=False, **options):
        while True:
            sent, failing = deliver_due()
            self.stdout.write(f"{sent} courriel(s) envoyé(s), {failing} en échec (nouvel essai plus tard).")
            if not loop:
                return
            time.sleep(30)
