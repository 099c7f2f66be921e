from django.apps import AppConfig


class EdiConfig(AppConfig):
    name = "edi"
    verbose_name = "Guichet EDI : messages EMCS des logiciels et prestataires"
