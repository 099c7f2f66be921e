"""Deletes the accounts never activated (run daily)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import purge_unactivated_accounts


class Command(BaseCommand):
    help = "Supprime les comptes jamais activés, inscrits depuis plus de N jours."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.UNACTIVATED_ACCOUNT_RETENTION_DAYS,
            help="Ancienneté minimale de l'inscription, en jours (défaut : %(default)s).",
        )

    def handle(self, *args, days, **options):
        count = purge_unactivated_accounts(older_than_days=days)
        self.stdout.write(f"{count} compte(s) jamais activé(s) supprimé(s) (inscrits depuis plus de {days} jours).")
