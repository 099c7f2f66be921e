from django.apps import AppConfig


class EuConfig(AppConfig):
    name = "eu"
    verbose_name = "Échanges avec les autres États membres"
