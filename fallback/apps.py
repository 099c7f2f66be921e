from django.apps import AppConfig


class FallbackConfig(AppConfig):
    name = "fallback"
    verbose_name = "Procédure de secours (incidents, GPS)"

    def ready(self):
        from fallback import personal_space  # noqa: F401 - registers the links of the personal space
