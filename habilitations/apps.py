from django.apps import AppConfig


class HabilitationsConfig(AppConfig):
    name = "habilitations"
    verbose_name = "Adhésions et habilitations"

    def ready(self):
        from habilitations import personal_space  # noqa: F401 - registers the habilitated services
