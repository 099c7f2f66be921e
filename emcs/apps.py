from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class EmcsConfig(AppConfig):
    name = "emcs"
    verbose_name = "EMCS : messages et listes de codes"

    def ready(self) -> None:
        from emcs import codelists
        from emcs.models import CodeListEntry, EpcCnCode, ExciseProductCode, PackageKind

        # An edit of the lists (the admin, a load) reaches the lists each process keeps.
        for model in (ExciseProductCode, EpcCnCode, PackageKind, CodeListEntry):
            for signal in (post_save, post_delete):
                signal.connect(codelists.changed, sender=model, dispatch_uid=f"emcs-codelists-{model.__name__}")
