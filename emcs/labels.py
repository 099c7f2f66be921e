"""French labels of the EMCS code lists users pick from, keyed by list code then entry key.

The code lists are published in English; the loader stores these labels next to the official
values. The long lists have modules of their own: BC08 countries (``labels_countries``), BC17 kinds
of packages (``labels_packages``) and BC37 CN codes (``labels_cn``, ``labels_wine``). Lists not
translated here show their official English value."""

from emcs.labels_cn import CN_CODES
from emcs.labels_countries import COUNTRIES
from emcs.labels_packages import PACKAGE_KINDS
from identifiers._text import EU_MEMBER_STATES

LABELS: dict[str, dict[str, str]] = {
    # Excise product codes (BC36).
    "BC36": {
        "B000": "Bière",
        "E200": "Huiles végétales et animales (NC 1507 à 1518) destinées à être utilisées comme combustible "
        "ou carburant",
        "E300": "Huiles minérales (NC 2707 10, 2707 20, 2707 30 et 2707 50)",
        "E410": "Essence plombée (NC 2710 12 31 et 2710 12 50)",
        "E420": "Essence sans plomb (NC 2710 12 31, 2710 12 41, 2710 12 45 et 2710 12 49)",
        "E430": "Gazole non marqué",
        "E440": "Gazole marqué",
        "E450": "Kérosène (NC 2710 19 21) et kérosène non marqué (NC 2710 19 25)",
        "E460": "Kérosène marqué (NC 2710 19 25)",
        "E470": "Fioul lourd",
        "E480": "Produits des NC 2710 12 21, 2710 12 25, 2710 19 29 et 2710 20 90 (selon leur courbe de "
        "distillation, méthode ISO 3405)",
        "E490": "Produits des NC 2710 12 11, 2710 12 15, 2710 12 70, 2710 12 90, 2710 19 11, 2710 19 15, "
        "2710 19 31, 2710 19 35, 2710 19 51 et 2710 19 55",
        "E500": "Gaz de pétrole liquéfiés (GPL, NC 2711 sauf 2711 11, 2711 21 et 2711 29)",
        "E600": "Hydrocarbures acycliques saturés (NC 2901 10)",
        "E700": "Hydrocarbures cycliques (NC 2902 20, 2902 30, 2902 41, 2902 42, 2902 43 et 2902 44)",
        "E800": "Méthanol d'origine non synthétique (NC 2905 11 00) destiné à être utilisé comme combustible "
        "ou carburant",
        "E910": "Esters monoalkyliques d'acides gras (EMAG, NC 3826 00 10)",
        "E920": "Produits des NC 3824 99 86, 3824 99 92, 3824 99 93 et 3824 99 96 (article 20, paragraphe 1, "
        "de la directive 2003/96/CE)",
        "E930": "Additifs (NC 3811 11, 3811 19 00 et 3811 90 00)",
        "I000": "Produits intermédiaires",
        "S200": "Boissons spiritueuses",
        "S300": "Alcool éthylique",
        "S400": "Alcool partiellement dénaturé",
        "S500": "Autres produits contenant de l'alcool éthylique",
        "S600": "Alcool totalement dénaturé (article 27, paragraphe 1, point a, de la directive 92/83/CEE)",
        "T200": "Cigarettes et produits assimilés",
        "T300": "Cigares et cigarillos",
        "T400": "Tabac fine coupe destiné à rouler les cigarettes",
        "T500": "Autres tabacs à fumer",
        "W200": "Vins tranquilles et autres boissons fermentées tranquilles",
        "W300": "Vins mousseux et autres boissons fermentées mousseuses",
    },
    # Excise product categories (BC66).
    "BC66": {
        "B": "Bières",
        "E": "Produits énergétiques",
        "I": "Produits intermédiaires",
        "S": "Alcools et boissons spiritueuses",
        "T": "Tabacs manufacturés",
        "W": "Vins et boissons fermentées autres que le vin et la bière",
    },
    # Units of measure (BC52).
    "BC52": {"1": "kg", "2": "litres à 15 °C", "3": "litres à 20 °C", "4": "milliers d'unités"},
    # Transport units (BC35).
    "BC35": {
        "1": "Conteneur",
        "2": "Véhicule",
        "3": "Remorque",
        "4": "Tracteur",
        "5": "Installation de transport fixe",
    },
    # Transport modes (BC67).
    "BC67": {
        "0": "Autre",
        "1": "Transport maritime",
        "2": "Transport ferroviaire",
        "3": "Transport routier",
        "4": "Transport aérien",
        "5": "Envoi postal",
        "7": "Installations de transport fixes",
        "8": "Transport par voie navigable",
    },
    # Alert or rejection reasons (BC22).
    "BC22": {
        "0": "Autre",
        "1": "Le DAE ne concerne pas le destinataire",
        "2": "Les produits ne correspondent pas à la commande",
        "3": "Les quantités ne correspondent pas à la commande",
    },
    # Interruption reasons (BC26).
    "BC26": {
        "0": "Autre",
        "1": "Soupçon de fraude",
        "2": "Marchandises détruites",
        "3": "Marchandises perdues ou volées",
        "4": "Interruption demandée lors d'un contrôle",
    },
    # Cancellation reasons (BC43).
    "BC43": {
        "0": "Autre",
        "1": "Erreur de saisie",
        "2": "Transaction commerciale interrompue",
        "3": "DAE en double",
        "4": "Le mouvement n'a pas commencé à la date d'expédition",
    },
    # Reasons for an unsatisfactory receipt (BC46).
    "BC46": {
        "0": "Autre",
        "1": "Excédent",
        "2": "Manquant",
        "3": "Marchandises endommagées",
        "4": "Scellé brisé",
        "5": "Signalé par le système de contrôle des exportations (ECS)",
        "7": "Quantité supérieure à celle de l'autorisation temporaire",
    },
    # Reasons for a delay (BC51).
    "BC51": {
        "0": "Autre",
        "1": "Transaction commerciale annulée",
        "2": "Transaction commerciale en suspens",
        "3": "Enquête officielle en cours",
        "4": "Intempéries",
        "5": "Grève",
        "6": "Accident",
    },
    # Wine operations (BC41).
    "BC41": {
        "0": "Le produit n'a subi aucune des opérations suivantes",
        "1": "Le produit a été enrichi",
        "2": "Le produit a été acidifié",
        "3": "Le produit a été désacidifié",
        "4": "Le produit a été édulcoré",
        "5": "Le produit a fait l'objet d'un vinage",
        "6": "Un produit originaire d'une unité géographique autre que celle indiquée dans la désignation a été ajouté",
        "7": "Un produit issu d'une variété de vigne autre que celle indiquée dans la désignation a été ajouté",
        "8": "Un produit récolté au cours d'une année autre que celle indiquée dans la désignation a été ajouté",
        "9": "Le produit a été élaboré avec des morceaux de bois de chêne",
        "10": "Le produit a été élaboré dans le cadre d'un usage expérimental d'une nouvelle pratique œnologique",
        "11": "Le produit a été partiellement désalcoolisé",
        "12": "Autres opérations",
    },
    # Wine-growing zones (BC40): the zone names of the wine regulation (Regulation (EU) No 1308/2013,
    # Annex VII, appendix I).
    "BC40": {
        "1": "Zone viticole A",
        "2": "Zone viticole B",
        "3": "Zone viticole C I",
        "4": "Zone viticole C II",
        "5": "Zone viticole C III a)",
        "6": "Zone viticole C III b)",
    },
    # Document types (BC106), the ones a trader attaches to an e-AD.
    "BC106": {
        "0": "Autre",
        "1": "DAE",
        "2": "DSA ou DAES",
        "3": "Facture",
        "4": "Bon de livraison",
        "5": "Lettre de voiture CMR",
        "6": "Connaissement",
        "7": "Lettre de transport",
        "8": "Contrat",
        "9": "Demande de l'opérateur",
        "10": "Procès-verbal",
        "11": "Demande",
        "12": "Réponse",
        "13": "Document de secours, impression de secours",
        "14": "Photo",
        "15": "Déclaration d'exportation",
        "16": "Attestation d'exportation anticipée",
        "17": "Résultats de sortie",
        "18": "DAU (document administratif unique)",
        "19": "Certificat de petit producteur indépendant de boissons alcooliques",
        # The codes of the customs list of documents (CL380 / TARIC), also accepted by EMCS.
        "A004": "Certificat d'authenticité (tabac)",
        "C006": "Licence d'exportation (décision (UE) 2017/37 du Conseil, JO L 11)",
        "C014": "Document V I 1",
        "C015": "Extrait V I 2",
        "C017": "Document V I 1 annoté conformément au règlement (UE) 2018/273, article 25, paragraphe 2",
        "C018": "Extrait V I 2 annoté conformément au règlement (UE) 2018/273, article 25, paragraphe 2",
        "C620": "Document T2LF",
        "C622": "Certificat de statut douanier",
        "C624": "Formulaire 302",
        "C651": "Document administratif électronique (DAE), visé à l'article 3, paragraphe 1, du règlement (CE) "
        "n° 684/2009",
        "C652": "Documents d'accompagnement pour le transport des produits vitivinicoles",
        "C654": "Autorisation pour des produits destinés strictement à des fins médicales",
        "C658": "Document d'accompagnement de secours pour les mouvements de produits soumis à accise en suspension "
        "de droits (FAD), visé à l'article 8, paragraphe 1, du règlement (CE) n° 684/2009",
        "C659": "Déclaration écrite préalable",
        "C664": "Déclaration CN22 conformément à l'article 144 du règlement délégué (UE) 2015/2446 (CDU)",
        "C665": "Déclaration CN23 conformément à l'article 144 du règlement délégué (UE) 2015/2446 (CDU)",
        "C667": "Analyse de laboratoire",
        "N720": "Lettre de voiture CIM (transport ferroviaire)",
        "N722": "Feuille de route SMGS",
        "N730": "Lettre de voiture routière",
        "Y040": "Numéro d'identification TVA attribué dans l'État membre d'importation à l'importateur désigné ou "
        "reconnu comme redevable de la TVA en vertu de l'article 201 de la directive TVA",
        "Y041": "Numéro d'identification TVA du client redevable de la TVA sur l'acquisition intracommunautaire de "
        "biens conformément à l'article 200 de la directive TVA",
        "Y042": "Numéro d'identification TVA attribué dans l'État membre d'importation au représentant fiscal",
        "Y044": "Preuve que les marchandises importées sont destinées à être transportées ou expédiées de l'État "
        "membre d'importation vers un autre État membre",
        "Y946": "Marchandises nécessaires aux fins officielles des missions diplomatiques ou consulaires des États "
        "membres en RPDC ou des organisations internationales jouissant d'immunités conformément au droit "
        "international, ou effets personnels de leur personnel (article 10, paragraphe 3, du règlement (UE) "
        "2017/1509)",
    },
    # Countries (BC08), kinds of packages (BC17) and CN codes (BC37): the long lists, in modules of
    # their own.
    "BC08": COUNTRIES,
    "BC17": PACKAGE_KINDS,
    "BC37": CN_CODES,
    # Member states (BC11) and the states taxing beer by degree Plato (BC109).
    "BC11": {**EU_MEMBER_STATES, "GB": "Royaume-Uni", "XI": "Royaume-Uni (Irlande du Nord)"},
    "BC109": dict(EU_MEMBER_STATES),
}


def label(list_code: str, key: str) -> str:
    """The French label of an entry, or ``""`` when none is known."""
    return LABELS.get(list_code, {}).get(key, "")
