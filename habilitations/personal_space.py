"""Habilitated teleservices in the personal space and the home page's "Services accessibles"."""

from django.urls import reverse

from habilitations import catalogue, rights
from portal.selectors import ServiceLink, register_service_provider


def habilitated_services(user):
    numbers = rights.rights_by_excise_number(user, catalogue.GAMMA)
    if numbers:
        yield ServiceLink(
            name="EMCS Gamma",
            url=reverse("gamma:home"),
            description="Pour " + ", ".join(numbers),
        )
    gps_numbers = rights.rights_by_excise_number(user, catalogue.GPS)
    if gps_numbers:
        yield ServiceLink(
            name="GPS — procédure de secours",
            url=reverse("gps:home"),
            description="Numéros de documents de secours pour " + ", ".join(gps_numbers),
        )


register_service_provider(habilitated_services)
