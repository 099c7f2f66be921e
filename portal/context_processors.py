from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from portal import instance

# The seed's main menu, in its order: (label, url name, url names of the pages under that entry).
MAIN_MENU = [
    ("Accueil", "portal:home", {"portal:news_list", "portal:news_detail"}),
    ("Présentation", "portal:presentation", set()),
    ("Services disponibles", "portal:services", {"lookups:siret", "lookups:infoaccises", "lookups:tva"}),
    ("Guichet EDI", "portal:edi", set()),
    ("Assistance en ligne", "portal:assistance", set()),
]


def _menu_state(current: str, name: str, section: set[str]) -> str:
    """The menu entry's aria-current: "page" on its own page, "true" on a page under it."""
    if current == name:
        return "page"
    return "true" if current in section else ""


def portal(request):
    match = getattr(request, "resolver_match", None)
    current = f"{match.namespace}:{match.url_name}" if match and match.namespace else ""
    return {
        "PORTAL_NAME": settings.PORTAL_NAME,
        "PORTAL_TAGLINE": settings.PORTAL_TAGLINE,
        "today": timezone.localdate(),
        "helpdesk_phone": settings.HELPDESK_PHONE,
        "helpdesk_email": settings.HELPDESK_EMAIL,
        "helpdesk_hours": settings.HELPDESK_HOURS,
        # The training instance's banner (templates/includes/training_notice.html).
        "TRAINING": instance.is_training(),
        "TRAINING_NAME": instance.TRAINING_NAME,
        "main_menu": [
            {"label": label, "url": reverse(name), "current": _menu_state(current, name, section)}
            for label, name, section in MAIN_MENU
        ],
    }
