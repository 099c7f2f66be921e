"""« Mon entreprise » in the personal space: the links to the company's adhesion and habilitation
pages that this user may use, and only those (``habilitations.rights`` decides)."""

from dataclasses import dataclass

from django import template
from django.urls import reverse

from habilitations import catalogue, rights

register = template.Library()


@dataclass(frozen=True)
class CompanyLink:
    label: str
    url: str
    description: str


@register.simple_tag
def company_links(user) -> list[CompanyLink]:
    company = rights.company_of(user)
    if company is None:
        return []
    links = [
        CompanyLink(
            "Adhérer à GAMMA",
            reverse("adhesions:start"),
            "Remplir le formulaire d'adhésion pour un numéro d'accises de l'entreprise.",
        ),
        CompanyLink(
            "Mes demandes d'adhésion",
            reverse("adhesions:list"),
            "Suivre les demandes, imprimer le formulaire à signer.",
        ),
    ]
    if rights.can_manage_habilitations(user, company, catalogue.GAMMA):
        links.append(
            CompanyLink(
                "Gérer les habilitations GAMMA",
                reverse("adhesions:habilitations"),
                "Ajouter ou retirer des comptes de l'entreprise et leurs droits.",
            )
        )
    if rights.is_correspondent(user, company):
        links.append(
            CompanyLink(
                "Journal", reverse("adhesions:audit"), "Journal des adhésions et habilitations de l'entreprise."
            )
        )
    return links
