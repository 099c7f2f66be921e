"""Sends the messages waiting for the other member states, once (a manual sweep: in production beat
runs the same, ``eu.sweep_outbox``, every minute)."""

from django.core.management.base import BaseCommand

from eu.outbox import deliver_due


class Command(BaseCommand):
    help = "Envoie aux autres États membres les messages en attente (IE801, IE818)."

    def handle(self, *args, **options):
        sent, failing = deliver_due()
        self.stdout.write(f"{sent} message(s) envoyé(s), {failing} en échec (nouvel essai au prochain passage).")
