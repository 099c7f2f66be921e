from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_TOTP_SECRET, current_totp_code


class Command(BaseCommand):
    help = "Affiche le code à usage unique actuel des agents de démonstration (développement seulement)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Les comptes de démonstration n'existent pas en production.")
        self.stdout.write(f"Code à usage unique des agents de démonstration : {current_totp_code()}")
        self.stdout.write(f"(secret TOTP de démonstration : {DEMO_TOTP_SECRET})")
