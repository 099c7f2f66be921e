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
        # A claim waiting for confirmation: only the first adhesion of a company without
        # correspondent, and the requests the user prepared himself.
        if rights.adhesion_company(user) is not None:
            return [
                CompanyLink(
                    "Adhérer à GAMMA",
                    reverse("adhesions:start"),
                    "Demander la première adhésion de l'entreprise, qui confirmera votre rattachement.",
                ),
                CompanyLink("Mes demandes d'adhésion", reverse("adhesions:list"), "Suivre vos demandes."),
            ]
        if rights.claimed_company(user) is not None and rights.visible_adhesions(user).exists():
            return [CompanyLink("Mes demandes d'adhésion", reverse("adhesions:list"), "Suivre vos demandes.")]
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
    if rights.may_manage_edi_credentials(user, operator=company) or rights.is_correspondent(user, company):
        links.append(
            CompanyLink(
                "Identifiants EDI",
                reverse("guichet:credentials"),
                "Créer, renouveler ou révoquer les identifiants du logiciel de l'entreprise au Guichet EDI.",
            )
        )
    if rights.can_decide_claims(user, company):
        links.append(
            CompanyLink(
                "Demandes pour rejoindre l'entreprise",
                reverse("adhesions:claims"),
                "Accepter ou refuser les comptes qui demandent à rejoindre l'entreprise.",
            )
        )
    if rights.is_correspondent(user, company):
        links.append(
            CompanyLink(
                "Journal", reverse("adhesions:audit"), "Journal des adhésions et habilitations de l'entreprise."
            )
        )
    return links
