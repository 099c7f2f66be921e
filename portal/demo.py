"""Demo content of the home page, from the seed: news of the e-services, agenda, FOCUS blocks.

Idempotent: every row is keyed on a natural key and updated in place when loaded again."""

import datetime

from django.db import transaction

from portal.models import AgendaEntry, FocusBlock, NewsItem, Rubric

MINISTRY = "Ministère du Budget, des Comptes Publics et de la Fonction Publique - DGDDI"

# (rubric, title, summary, body, source, published on)
NEWS = [
    (
        Rubric.INTERNATIONAL_TRADE,
        "Nouvelles fiches de procédure de secours Delt@-D et Delt@-C",
        "Modification du passage en procédure de secours Delt@-C et Delt@-D",
        "",
        MINISTRY,
        datetime.date(2008, 7, 25),
    ),
    (
        Rubric.INTERNATIONAL_TRADE,
        "Utilisation du Tarif Intégré",
        "Modification de l'accès au Tarif Intégré",
        "",
        f"{MINISTRY} - DG C3",
        datetime.date(2008, 7, 16),
    ),
    (
        Rubric.INTERNATIONAL_TRADE,
        "Importations de poudre de lait originaire de Suisse entrant dans la composition des PHA1",
        "Depuis le 1er février 2008, prélèvement d'éléments agricoles sur les importations de lait en poudre "
        "originaires de Suisse. Liquidation des éléments agricoles, depuis le 4 juillet 2008, sur les importations "
        "de lait en poudre originaires de Suisse dans le moteur tarifaire.",
        "",
        f"{MINISTRY} - DG D2",
        datetime.date(2008, 7, 9),
    ),
    (
        Rubric.INTERNATIONAL_TRADE,
        "Amendement sécuritaire au code des douanes",
        "Informations et calendriers prévisionnels à l'usage des partenaires EDI concernés pour les téléprocédures "
        "ECS, ICS et DELT@ export",
        "",
        MINISTRY,
        datetime.date(2008, 6, 2),
    ),
    (
        Rubric.PORTAL,
        "Lancement sur ProDou@ne Test et Formation de l'outil Administration ProDou@ne",
        "Cet outil est offert à tout opérateur ayant opté pour le statut d'opérateur ProDou@ne.",
        "",
        f"{MINISTRY} - DG C1",
        datetime.date(2006, 6, 1),
    ),
    (
        Rubric.INDIRECT_TAXATION,
        "GAMMA : démarrage de la téléprocédure le 1er avril 2009",
        "À partir du 1er avril 2009, les entrepositaires agréés français peuvent établir, valider et imprimer "
        "leurs DAA et DSA au moyen de la téléprocédure GAMMA en mode DTI (interface web).",
        "La téléprocédure GAMMA (Gestion de l'Accompagnement des Mouvements de Marchandises soumises à Accises) "
        "constitue un moyen de validation au même titre que la machine à timbrer ou les documents pré-validés.\n\n"
        "Pour adhérer à GAMMA, vous devez avoir le statut d'entrepositaire agréé ou d'opérateur enregistré et un "
        "numéro d'accises, disposer d'un ou de plusieurs comptes utilisateurs ProDou@ne, puis remplir le formulaire "
        "d'adhésion en y indiquant les comptes à habiliter et leurs droits, et le transmettre à votre service des "
        "douanes de rattachement.\n\n"
        "Dès que l'enregistrement de votre adhésion vous aura été notifié, le bouton « GAMMA » s'ajoutera à la "
        "liste des téléservices accessibles de votre page d'accueil.",
        f"{MINISTRY} - DG F",
        datetime.date(2009, 3, 31),
    ),
]

# (period label, title, text, starts on)
AGENDA = [
    (
        "1ER SEMESTRE 2009",
        "GAMMA VERSION 1",
        "Le démarrage de la téléprocédure GAMMA (v1) en mode opérationnel aura lieu le 1er avril 2009. À cette "
        "date, les entrepositaires agréés français pourront, s'ils le souhaitent, établir, valider et imprimer des "
        "DAA et DSA au moyen de la téléprocédure GAMMA en mode DTI (interface web).",
        datetime.date(2009, 4, 1),
    ),
    (
        "1ER SEMESTRE 2008",
        "TÉLÉPROCÉDURE CERTIFICAT AEO",
        "Depuis le 22 janvier 2008, la douane a rendu disponible la téléprocédure d'octroi de certificats AEO "
        "relative au statut d'opérateur économique agréé.",
        datetime.date(2008, 1, 22),
    ),
]

# (title, text, link, position)
FOCUS = [
    (
        "Les services disponibles",
        "Dédouanement, fiscalité, contributions indirectes, statistiques… Consultez la liste des services "
        "disponibles sur le portail.",
        "portal:services",
        10,
    ),
    (
        "Découvrez l'inscription sur le portail",
        "L'inscription sur le portail ProDou@ne est la première formalité pour accéder à un téléservice.",
        "portal:inscription",
        20,
    ),
]


@transaction.atomic
def load(stdout) -> None:
    """News, agenda and FOCUS blocks of the home page."""
    for rubric, title, summary, body, source, published_on in NEWS:
        NewsItem.objects.update_or_create(
            title=title,
            published_on=published_on,
            defaults={"rubric": rubric, "summary": summary, "body": body, "source": source, "is_published": True},
        )
    for period_label, title, text, starts_on in AGENDA:
        AgendaEntry.objects.update_or_create(
            title=title,
            defaults={"period_label": period_label, "text": text, "starts_on": starts_on, "is_published": True},
        )
    for title, text, link, position in FOCUS:
        FocusBlock.objects.update_or_create(
            title=title, defaults={"text": text, "link": link, "position": position, "is_published": True}
        )
    stdout.write(f"Portail : {len(NEWS)} actualités, {len(AGENDA)} entrées d'agenda, {len(FOCUS)} blocs FOCUS.")
