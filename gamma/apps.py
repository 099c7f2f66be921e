from django.apps import AppConfig


class GammaConfig(AppConfig):
    name = "gamma"
    verbose_name = "GAMMA : mouvements de produits soumis à accise"
