"""Daily: remind the consignees of the movements whose report of receipt is overdue (date of
dispatch + journey time passed, still travelling). Each movement gets its reminder (IE802) once per
sequence number, on its timeline, and its consignee's users who may discharge get an e-mail. The
work is ``gamma.inbox.remind_overdue_receipts``'s; running it twice a day sends nothing more.

    manage.py remind_overdue_receipts [--date 2026-11-30] [--base-url https://pro.douane.gouv.fr]
"""

import datetime as dt
import os

from django.core.management.base import BaseCommand, CommandError

from gamma import inbox


class Command(BaseCommand):
    help = (
        "Relance les destinataires des mouvements dont l'accusé de réception est en retard "
        "(date d'expédition + durée du transport dépassées) : une relance (IE802) par mouvement et par "
        "numéro de séquence, inscrite à son historique, et un courriel aux comptes habilités à apurer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", metavar="AAAA-MM-JJ", help="le jour de référence (par défaut : aujourd'hui)")
        parser.add_argument(
            "--base-url",
            default=os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000"),
            help="adresse du portail pour les liens des courriels (par défaut : $PORTAL_BASE_URL)",
        )

    def handle(self, *args, date, base_url, verbosity, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError as error:
            raise CommandError(f"Date invalide : {date} (attendu AAAA-MM-JJ).") from error
        sent = inbox.remind_overdue_receipts(today=today, base_url=base_url)
        if verbosity >= 1:
            self.stdout.write(
                f"{len(sent)} relance{'s' if len(sent) > 1 else ''} envoyée{'s' if len(sent) > 1 else ''}."
            )
            for event in sent:
                self.stdout.write(f"- {event.movement.arc} (destinataire {event.movement.consignee_identifier})")
