"""Links of the personal space (and of the home page's « Services accessibles ») to the fallback
pages a person may use: their assistance requests, and the agents' pages of their role. GPS
itself is listed with the habilitated teleservices (``habilitations.personal_space``)."""

from django.urls import reverse

from habilitations import catalogue, rights
from portal.selectors import ServiceLink, register_service_provider


def fallback_links(user):
    if rights.rights_by_excise_number(user, catalogue.GAMMA):
        yield ServiceLink(
            name="Demandes d'assistance",
            url=reverse("helpdesk:list"),
            description="Signaler au SAU que vous ne pouvez pas émettre ou imprimer un DAA ou un DSA.",
        )
    if rights.is_cid_agent(user):
        yield ServiceLink(
            name="Incidents des téléservices (CID)",
            url=reverse("incidents:manage"),
            description="Déclarer, mettre à jour et clore les alertes de la météo des téléservices.",
        )
    if rights.is_sau_agent(user):
        yield ServiceLink(
            name="File des demandes d'assistance (SAU)",
            url=reverse("helpdesk:sau_queue"),
            description="Établir le diagnostic, clore ou transmettre au bureau de douane.",
        )
    if rights.can_see_outbox(user):
        yield ServiceLink(
            name="Envois en attente (SAU)",
            url=reverse("helpdesk:outbox"),
            description="Courriels, notifications EDI et échanges avec les États membres en attente ou en échec.",
        )
    if rights.office_of(user) is not None:
        yield ServiceLink(
            name="Procédure de secours (bureau de douane)",
            url=reverse("office_fallback:overview"),
            description="Demandes à décider, autorisations individuelles, numéros de secours non régularisés.",
        )


register_service_provider(fallback_links)
