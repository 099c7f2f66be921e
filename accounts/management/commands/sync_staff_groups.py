from django.core.management.base import BaseCommand

from accounts.roles import sync_staff_groups


class Command(BaseCommand):
    help = "Crée ou met à jour les groupes des agents (bureau de douane, CID, SAU) et leurs droits d'administration."

    def handle(self, *args, **options):
        for name, group in sync_staff_groups().items():
            self.stdout.write(f"{name} : {group.permissions.count()} droit(s).")
