from django.conf import settings
from django.urls import reverse
from django.utils import timezone

# The seed's main menu, in its order: (label, url name, url names that mark it active).
MAIN_MENU = [
    ("Accueil", "portal:home", {"portal:home"}),
    ("Présentation", "portal:presentation", {"portal:presentation"}),
    ("Services disponibles", "portal:services", {"portal:services"}),
    ("Guichet EDI", "portal:edi", {"portal:edi"}),
    ("Assistance en ligne", "portal:assistance", {"portal:assistance"}),
]


def portal(request):
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_TAGLINE": settings.PORTAL_TAGLINE,
        "today": timezone.localdate(),
        "main_menu": [
            {"label": label, "url": reverse(name), "active": current in active} for label, name, active in MAIN_MENU
        ],
    }
