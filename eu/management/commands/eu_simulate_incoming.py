"""Démonstration : un autre État membre envoie à la France un DAE pour un destinataire français."""

from django.core.management.base import BaseCommand, CommandError

from eu import simulator
from eu.models import ExchangeState
from identifiers import excise
from identifiers.exceptions import InvalidIdentifier


class Command(BaseCommand):
    help = "Simule l'arrivée d'un DAE (IE801) d'un expéditeur d'un autre État membre vers un destinataire français."

    def add_arguments(self, parser):
        parser.add_argument("consignee", help="Numéro d'accise du destinataire français (FR…).")
        parser.add_argument("--consignor", default=simulator.DEFAULT_CONSIGNOR, help="Numéro d'accise de l'expéditeur.")

    def handle(self, *args, consignee, consignor, **options):
        consignee = consignee.strip().upper()
        if not consignee.startswith("FR"):
            raise CommandError("Le destinataire doit être un numéro d'accise français (FR…).")
        if consignor.strip().upper().startswith("FR"):
            raise CommandError("L'expéditeur est celui d'un autre État membre (IT…, DE…), pas de France.")
        try:
            excise.validate(consignee)
            consignor = excise.validate_seed(consignor.strip())
        except InvalidIdentifier as error:
            raise CommandError(str(error)) from error
        exchange = simulator.send_incoming_ie801(consignee=consignee, consignor=consignor)
        if exchange.state != ExchangeState.APPLIED:
            raise CommandError(f"Le DAE n'a pas été reçu : {exchange.error}")
        self.stdout.write(f"DAE reçu : ARC {exchange.movement.arc}, de {consignor} pour {consignee}.")
