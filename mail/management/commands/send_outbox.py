"""Sends the e-mails of the outbox that are due, once (a manual sweep: in production beat runs the
same sweep, ``mail.sweep_outbox``, every minute)."""

from django.core.management.base import BaseCommand

from mail.services import deliver_due


class Command(BaseCommand):
    help = "Envoie les courriels en attente dans la file d'envoi (avec nouvelles tentatives)."

    def handle(self, *args, **options):
        sent, failing = deliver_due()
        self.stdout.write(f"{sent} courriel(s) envoyé(s), {failing} en échec (nouvel essai plus tard).")
