"""Loads the reference and demo data `make run` needs; safe to run again (nothing duplicated)."""

from importlib import import_module

from django.core.management.base import BaseCommand

# Each area loads its own demo data, in dependency order: ``<module>.load(stdout)``.
DEMO_LOADERS = [
    "register.demo",
    "portal.demo",
    "accounts.demo",
    "habilitations.demo",
    "gamma.demo",
    "fallback.demo",
]


class Command(BaseCommand):
    help = "Charge les données de référence et de démonstration (idempotent)."

    def handle(self, *args, **options):
        for module_name in DEMO_LOADERS:
            import_module(module_name).load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Données de démonstration chargées."))
