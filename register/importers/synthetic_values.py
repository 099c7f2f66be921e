"""The pools the synthetic SIRENE files draw from (names, places, addresses, activity codes, legal
categories, days) and the helpers that make valid identifiers and rows of INSEE's columns."""

from __future__ import annotations

import bisect
import datetime

from identifiers.bulk import siren_check_digit, siret_check_digit

# --- Pools of realistic values ------------------------------------------------------------------------

FAMILY_NAMES = [
    "MARTIN",
    "BERNARD",
    "DUBOIS",
    "THOMAS",
    "ROBERT",
    "RICHARD",
    "PETIT",
    "DURAND",
    "LEROY",
    "MOREAU",
    "SIMON",
    "LAURENT",
    "LEFEBVRE",
    "MICHEL",
    "GARCIA",
    "DAVID",
    "BERTRAND",
    "ROUX",
    "VINCENT",
    "FOURNIER",
    "MOREL",
    "GIRARD",
    "ANDRE",
    "MERCIER",
    "DUPONT",
    "LAMBERT",
    "BONNET",
    "FRANCOIS",
    "MARTINEZ",
    "LABARTHE",
    "DARROZE",
    "CASTAROREDE",
    "LAPORTE",
    "DUFAU",
    "SARRAZIN",
    "LACOSTE",
]
FIRST_NAMES = (
    ("JEAN", "M"),
    ("PIERRE", "M"),
    ("MICHEL", "M"),
    ("PHILIPPE", "M"),
    ("ALAIN", "M"),
    ("FRANCOIS", "M"),
    ("NICOLAS", "M"),
    ("LUC", "M"),
    ("ANTOINE", "M"),
    ("JULIEN", "M"),
    ("MARIE", "F"),
    ("ANNE", "F"),
    ("NATHALIE", "F"),
    ("ISABELLE", "F"),
    ("CATHERINE", "F"),
    ("SYLVIE", "F"),
    ("SOPHIE", "F"),
    ("CLAIRE", "F"),
    ("CAMILLE", "F"),
    ("HELENE", "F"),
)
COMPANY_WORDS = (
    "CAVES",
    "DOMAINE",
    "CHATEAU",
    "DISTILLERIE",
    "BRASSERIE",
    "MAISON",
    "CELLIER",
    "VIGNOBLES",
    "LES CHAIS",
    "TONNELLERIE",
    "COMPTOIR DES VINS",
    "SOCIETE",
    "ENTREPOT",
    "TRANSPORTS",
    "CAVE COOPERATIVE",
    "CLOS",
    "NEGOCE",
    "SPIRITUEUX",
    "GRANDS VINS",
    "LIQUEURS",
)
COMPANY_PLACES = (
    "DU GERS",
    "DE GASCOGNE",
    "DU MEDOC",
    "DE CHAMPAGNE",
    "DE BOURGOGNE",
    "D ALSACE",
    "DU NORD",
    "DES CHARENTES",
    "DU LANGUEDOC",
    "DE PROVENCE",
    "DE LA LOIRE",
    "DU BEAUJOLAIS",
    "DE L ARMAGNAC",
    "DU COGNAC",
    "DES COTES DU RHONE",
)
SIGNBOARDS = ("LA CAVE", "LE CHAI", "AU BON VIN", "L ALAMBIC", "LA TONNELLE", "LE CELLIER", "CAVE SAINT VINCENT")
STREET_TYPES = ("RUE", "RUE", "RUE", "AV", "AV", "BD", "CHE", "RTE", "PL", "ALL", "IMP", "QUAI", "LD", "ZA", "CRS")
STREET_NAMES = (
    "DE LA REPUBLIQUE",
    "DU GENERAL DE GAULLE",
    "JEAN JAURES",
    "VICTOR HUGO",
    "DES VIGNES",
    "DU CHAI",
    "DE LA GARE",
    "PASTEUR",
    "DU MOULIN",
    "DES ECOLES",
    "NATIONALE",
    "DE L EGLISE",
    "DU PORT",
    "DES CAVES",
    "SAINT MARTIN",
    "DE BORDEAUX",
    "DE PARIS",
    "DU STADE",
    "DES TONNELIERS",
    "GAMBETTA",
    "DU MARECHAL FOCH",
    "DU 8 MAI 1945",
    "DE LA LIBERATION",
    "DU CHATEAU",
    "DES PRES",
)
# (postal code, commune as INSEE writes it, INSEE commune code)
CITIES = (
    ("75010", "PARIS", "75110"),
    ("75008", "PARIS", "75108"),
    ("75011", "PARIS", "75111"),
    ("13002", "MARSEILLE", "13202"),
    ("69003", "LYON", "69383"),
    ("31000", "TOULOUSE", "31555"),
    ("33000", "BORDEAUX", "33063"),
    ("33500", "LIBOURNE", "33243"),
    ("33250", "PAUILLAC", "33314"),
    ("16100", "COGNAC", "16102"),
    ("16200", "JARNAC", "16167"),
    ("17000", "LA ROCHELLE", "17300"),
    ("32800", "EAUZE", "32119"),
    ("32000", "AUCH", "32013"),
    ("32100", "CONDOM", "32107"),
    ("40000", "MONT-DE-MARSAN", "40192"),
    ("51100", "REIMS", "51454"),
    ("51200", "EPERNAY", "51230"),
    ("51160", "AY-CHAMPAGNE", "51030"),
    ("21200", "BEAUNE", "21054"),
    ("21000", "DIJON", "21231"),
    ("71000", "MACON", "71270"),
    ("89800", "CHABLIS", "89068"),
    ("68000", "COLMAR", "68066"),
    ("67000", "STRASBOURG", "67482"),
    ("59000", "LILLE", "59350"),
    ("44000", "NANTES", "44109"),
    ("49400", "SAUMUR", "49328"),
    ("37000", "TOURS", "37261"),
    ("84000", "AVIGNON", "84007"),
    ("30000", "NIMES", "30189"),
    ("34000", "MONTPELLIER", "34172"),
    ("66000", "PERPIGNAN", "66136"),
    ("24100", "BERGERAC", "24037"),
    ("64100", "BAYONNE", "64102"),
    ("06000", "NICE", "06088"),
    ("20000", "AJACCIO", "2A004"),
    ("76600", "LE HAVRE", "76351"),
    ("35000", "RENNES", "35238"),
    ("97400", "SAINT-DENIS", "97411"),
)
# (INSEE country code, country, city)
FOREIGN = (
    ("99131", "BELGIQUE", "BRUXELLES"),
    ("99109", "ALLEMAGNE", "MAYENCE"),
    ("99134", "ESPAGNE", "JEREZ DE LA FRONTERA"),
    ("99127", "ITALIE", "ASTI"),
    ("99132", "ROYAUME-UNI", "LONDRES"),
)
NAF_CODES = (
    "11.01Z",
    "11.02A",
    "11.02A",
    "11.02B",
    "11.03Z",
    "11.05Z",
    "46.34Z",
    "46.34Z",
    "46.17A",
    "47.25Z",
    "47.25Z",
    "47.11D",
    "52.10B",
    "56.30Z",
    "56.10A",
    "01.21Z",
    "12.00Z",
    "46.35Z",
    "47.26Z",
    "46.71Z",
    "47.30Z",
    "49.41A",
    "68.20A",
    "70.22Z",
)
# Legal categories (INSEE "catégories juridiques"), sole traders first.
SOLE_TRADER = "1000"
COMPANY_CATEGORIES = ("5499", "5499", "5710", "5710", "5720", "5498", "5599", "6533", "6598", "6540", "9220")
SOLE_TRADER_BANDS = ("", "", "NN", "00", "00", "01", "02")
HEADCOUNT_BANDS = ("", "", "", "NN", "00", "00", "01", "02", "03", "11", "12", "21", "22", "31", "32", "41", "42")


def _days(start: datetime.date, end: datetime.date) -> tuple[str, ...]:
    return tuple((start + datetime.timedelta(days=n)).isoformat() for n in range(0, (end - start).days + 1, 1))


CREATION_DAYS = _days(datetime.date(1960, 1, 1), datetime.date(2025, 6, 30))
RECENT_DAYS = _days(datetime.date(2018, 1, 1), datetime.date(2025, 10, 31))


def _day_after(day: str, fraction: float) -> str:
    """A creation day between ``day`` and the end of ``CREATION_DAYS``: no establishment before its company."""
    start = bisect.bisect_left(CREATION_DAYS, day)
    return CREATION_DAYS[start + int(fraction * (len(CREATION_DAYS) - start))]


def row_from(header: tuple[str, ...], **values: str) -> list[str]:
    """A row of ``header``'s width, empty but for ``values`` given by INSEE column name."""
    unknown = set(values) - set(header)
    if unknown:
        raise ValueError(f"not a column of this file: {sorted(unknown)}")
    return [values.get(name, "") for name in header]


def nic_for(siren: str, order: int) -> str:
    """The NIC of the ``order``-th establishment: 4-digit order, then the SIRET's check digit."""
    body = f"{siren}{order:04d}"
    return f"{order:04d}{siret_check_digit(body)}"


def siren_for(body: int) -> str:
    digits = f"{body:08d}"
    return digits + siren_check_digit(digits)
