from django.apps import AppConfig


class EmcsConfig(AppConfig):
    name = "emcs"
    verbose_name = "EMCS : messages et listes de codes"
