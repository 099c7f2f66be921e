"""French labels of the wine CN codes of the EMCS list BC37 (heading 2204), keyed by code; read
by ``emcs.labels`` through ``emcs.labels_cn``.

The French combined nomenclature describes each wine subheading with the same few phrases (colour,
AOP/IGP, strength, region, container): they are written once below and joined, so that every
label is complete — the English values of the list are cut after a few hundred characters
(« produced in the Community in a region other than Bordeaux, Bou... »)."""

AOP = "bénéficiant d'une appellation d'origine protégée (AOP)"
IGP = "bénéficiant d'une indication géographique protégée (IGP)"
AOP_OR_IGP = "bénéficiant d'une appellation d'origine protégée (AOP) ou d'une indication géographique protégée (IGP)"
NEITHER = "ne bénéficiant ni d'une appellation d'origine protégée (AOP) ni d'une indication géographique protégée (IGP)"
OTHER_THAN_AOP_IGP = (
    "autre que le vin bénéficiant d'une appellation d'origine protégée (AOP) ou d'une indication "
    "géographique protégée (IGP)"
)
UP_TO_15 = "d'un titre alcoométrique volumique acquis n'excédant pas 15 % vol"
OVER_15 = "d'un titre alcoométrique volumique acquis excédant 15 % vol"
IN_EU = "produit dans la Communauté"
OUTSIDE_EU = "non produit dans la Communauté"
# The three sizes of container of subheadings 2204 21, 2204 22 and 2204 29.
SIZES = {
    "21": "en récipients d'une contenance n'excédant pas 2 l",
    "22": "en récipients d'une contenance excédant 2 l mais n'excédant pas 10 l",
    "29": "en récipients d'une contenance excédant 10 l",
}
WHITE = "Vin blanc"
OTHER = "Vin autre que blanc"
ANY = "Vin"
SPARKLING_BOTTLE = (
    "en bouteilles fermées par un bouchon « champignon » maintenu à l'aide d'attaches ou de liens, ou autrement "
    "présenté avec une surpression due à l'anhydride carbonique en solution non inférieure à 1 bar mais inférieure "
    "à 3 bar, mesurée à la température de 20 °C"
)


def _join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


def _regional(colour: str, region: str, size: str) -> str:
    return _join(f"{colour} {AOP}", UP_TO_15, f"produit dans la région {region}", SIZES[size])


def _other_regions(colour: str, regions: list[str], size: str) -> str:
    listed = ", ".join(regions[:-1]) + " et " + regions[-1]
    return _join(
        f"{colour} {AOP}", UP_TO_15, SIZES[size], f"{IN_EU} dans une région autre que les suivantes : {listed}"
    )


# The regions named by a subheading of their own, by size of container and colour (the last
# subheading of each group is « other regions »).
WHITE_REGIONS_2L = {
    "11": "Alsace",
    "12": "Bordeaux",
    "13": "Bourgogne",
    "17": "Val de Loire",
    "18": "Mosel",
    "19": "Pfalz",
    "22": "Rheinhessen",
    "23": "Tokaj",
    "24": "Lazio",
    "26": "Toscana",
    "27": "Trentino, Alto Adige et Friuli",
    "28": "Veneto",
    "31": "Sicilia",
    "32": "Vinho Verde",
    "34": "Penedès",
    "36": "Rioja",
    "37": "Valencia",
}
RED_REGIONS_2L = {
    "42": "Bordeaux",
    "43": "Bourgogne",
    "44": "Beaujolais",
    "46": "Vallée du Rhône",
    "47": "Languedoc-Roussillon",
    "48": "Val de Loire",
    "61": "Sicilia",
    "62": "Piemonte",
    "66": "Toscana",
    "67": "Trentino et Alto Adige",
    "68": "Veneto",
    "69": "Dão, Bairrada et Douro",
    "71": "Navarra",
    "74": "Penedès",
    "76": "Rioja",
    "77": "Valdepeñas",
}
REGIONS_2_TO_10L = {
    "22": "Bordeaux",
    "23": "Bourgogne",
    "24": "Beaujolais",
    "26": "Vallée du Rhône",
    "27": "Languedoc-Roussillon",
    "28": "Val de Loire",
    "32": "Piemonte",
    "33": "Tokaj",
}
REGIONS_OVER_10L = {key: region for key, region in REGIONS_2_TO_10L.items() if key != "33"}
# The fortified wines named by a subheading of their own: all five up to 2 l, three above.
NAMED_FORTIFIED = {
    "85": "Madère et moscatel de Setúbal",
    "86": "Xérès",
    "87": "Marsala",
    "88": "Samos et muscat de Lemnos",
    "89": "Porto",
}
FORTIFIED_OVER_2L = ("85", "86", "88")


def _by_size(size: str, regions: dict[str, str]) -> dict[str, str]:
    """The subheadings 2204 22 xx and 2204 29 xx (from the fourth digit pair on, same text)."""
    labels = {f"2204{size}{key}": _regional(ANY, region, size) for key, region in regions.items()}
    names = list(regions.values())
    labels[f"2204{size}38"] = _other_regions(WHITE, names, size)
    labels[f"2204{size}78"] = _other_regions(OTHER, names, size)
    return labels


def _common(size: str) -> dict[str, str]:
    """The subheadings every size of container has: IGP, varietal, other, fortified, third countries."""
    sizes = SIZES[size]
    fortified = {key: NAMED_FORTIFIED[key] for key in (NAMED_FORTIFIED if size == "21" else FORTIFIED_OVER_2L)}
    named = list(fortified.values())
    labels = {f"2204{size}{key}": _join(f"{name} {AOP_OR_IGP}", OVER_15, sizes) for key, name in fortified.items()}
    labels[f"2204{size}90"] = _join(f"{ANY} {IN_EU} {AOP_OR_IGP}", OVER_15, sizes, f"autre que : {' ; '.join(named)}")
    return labels | {
        f"2204{size}79": _join(f"{WHITE} {IN_EU} {IGP}", UP_TO_15, sizes),
        f"2204{size}80": _join(f"{OTHER} {IN_EU} {IGP}", UP_TO_15, sizes),
        f"2204{size}81": _join(f"Vin de cépage blanc {IN_EU}", UP_TO_15, sizes, OTHER_THAN_AOP_IGP),
        f"2204{size}82": _join(f"Vin de cépage autre que blanc {IN_EU}", UP_TO_15, sizes, OTHER_THAN_AOP_IGP),
        f"2204{size}83": _join(f"{WHITE} autre que de cépage {IN_EU}", UP_TO_15, sizes),
        f"2204{size}84": _join(f"{OTHER}, autre que de cépage, {IN_EU}", UP_TO_15, sizes),
        f"2204{size}91": _join(f"{ANY} {IN_EU} {NEITHER}", OVER_15, sizes),
        f"2204{size}93": _join(f"{WHITE} {OUTSIDE_EU} {AOP_OR_IGP}", sizes),
        f"2204{size}94": _join(f"{OTHER} {OUTSIDE_EU} {AOP_OR_IGP}", sizes),
        f"2204{size}95": _join(f"Vin de cépage blanc {OUTSIDE_EU} {NEITHER}", sizes),
        f"2204{size}96": _join(f"Vin de cépage autre que blanc {OUTSIDE_EU} {NEITHER}", sizes),
        f"2204{size}97": _join(f"{WHITE} autre que de cépage {OUTSIDE_EU}", sizes),
        f"2204{size}98": _join(f"{OTHER}, autre que de cépage, {OUTSIDE_EU}", sizes),
    }


def _still_wines() -> dict[str, str]:
    labels: dict[str, str] = {}
    for key, region in WHITE_REGIONS_2L.items():
        labels[f"220421{key}"] = _regional(WHITE, region, "21")
    labels["22042138"] = _other_regions(WHITE, list(WHITE_REGIONS_2L.values()), "21")
    for key, region in RED_REGIONS_2L.items():
        labels[f"220421{key}"] = _regional(OTHER, region, "21")
    labels["22042178"] = _other_regions(OTHER, list(RED_REGIONS_2L.values()), "21")
    labels.update(_by_size("22", REGIONS_2_TO_10L))
    labels.update(_by_size("29", REGIONS_OVER_10L))
    for size in SIZES:
        labels.update(_common(size))
    labels["22042210"] = _join(f"{ANY} {SPARKLING_BOTTLE}", SIZES["22"])
    labels["22042910"] = _join(f"{ANY} {SPARKLING_BOTTLE}", SIZES["29"])
    return labels


WINES: dict[str, str] = {
    "22041011": f"Champagne {AOP}",
    "22041013": f"Cava {AOP}",
    "22041015": f"Prosecco {AOP}",
    "22041091": f"Asti spumante {AOP}",
    "22041093": f"Autres vins mousseux {AOP}",
    "22041094": f"Vins mousseux {IGP}",
    "22041096": "Autres vins mousseux de cépage",
    "22041098": "Autres vins mousseux",
    "22042106": f"{ANY} {SPARKLING_BOTTLE}, {AOP}",
    "22042107": f"{ANY} {SPARKLING_BOTTLE}, {IGP}",
    "22042108": f"Autres vins de cépage {SPARKLING_BOTTLE}",
    "22042109": f"Autres vins, autres que de cépage, {SPARKLING_BOTTLE}",
    **_still_wines(),
}
