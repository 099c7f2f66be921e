"""The « météo des téléservices »: ``{% teleservice_weather %}`` shows the open incidents (every
page shows them through ``base.html``); ``{% teleservice_weather "gamma" %}`` only those of one
teleservice; ``full=True`` also says when all is well and links to the history (home page)."""

from django import template
from django.utils import timezone

from fallback import selectors

register = template.Library()


@register.inclusion_tag("fallback/_weather.html")
def teleservice_weather(teleservice: str = "", full: bool = False) -> dict:
    return {
        "incidents": list(selectors.current_incidents(teleservice=teleservice or None)),
        "full": full,
        "teleservice": teleservice,
        "now": timezone.now(),
    }
