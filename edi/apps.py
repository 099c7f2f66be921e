from django.apps import AppConfig


class EdiConfig(AppConfig):
    name = "edi"
    verbose_name = "Guichet EDI : messages EMCS des logiciels et prestataires"

    def ready(self) -> None:
        from edi import webhooks
        from gamma import feed

        # A feed entry written → its notifications written in the same transaction.
        feed.published.connect(webhooks.on_published, dispatch_uid="edi.webhooks.on_published")
