"""Sends the EDI notifications (webhooks) that are due, once (a manual sweep: in production beat
runs the same sweep, ``edi.sweep_webhooks``, every minute; ``edi.webhooks``)."""

from django.core.management.base import BaseCommand

from edi.webhooks import deliver_due


class Command(BaseCommand):
    help = "Envoie les notifications EDI (webhooks) en attente, avec nouvelles tentatives."

    def handle(self, *args, **options):
        delivered, failing = deliver_due()
        self.stdout.write(f"{delivered} notification(s) remise(s), {failing} sans succès (nouvel essai plus tard).")
