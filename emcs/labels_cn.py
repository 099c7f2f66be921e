"""French labels of the CN codes of the EMCS list BC37, keyed by code; read by ``emcs.labels``.

The texts follow the French version of the combined nomenclature (Annex I to Regulation (EEC)
No 2658/87) for the subheadings the excise lists use, in full: the English values of the list
are cut after a few hundred characters (the wines « produits dans une région autre que … »), the
French labels here are not. The wine subheadings repeat the same few phrases, so they are built
from them below rather than typed out 120 times."""

# The oils of headings 1507 to 1518 bought for heating or fuel are those « for technical or
# industrial uses other than the manufacture of foodstuffs for human consumption ».
from emcs.labels_wine import WINES

_TECH = (
    "destinée à des usages techniques ou industriels autres que la fabrication de produits pour l'alimentation humaine"
)
_TECH_PL = (
    "destinées à des usages techniques ou industriels autres que la fabrication de produits pour l'alimentation humaine"
)
_SMALL = "présentées en emballages immédiats d'un contenu net de 1 kg ou moins"
_LARGE = "présentées en emballages immédiats d'un contenu net de plus de 1 kg ou autrement présentées"

OILS: dict[str, str] = {
    "15071010": f"Huile de soja brute, même dégommée, {_TECH}",
    "15079010": f"Huile de soja, autre que brute, {_TECH}",
    "15081010": f"Huile d'arachide brute, {_TECH}",
    "15089010": f"Huile d'arachide, autre que brute, même raffinée, {_TECH}",
    "15092000": "Huile d'olive vierge extra",
    "15093000": "Huile d'olive vierge, non modifiée chimiquement",
    "15094000": "Autres huiles d'olive vierges, non modifiées chimiquement",
    "15099000": "Huiles d'olive autres que vierges, non modifiées chimiquement",
    "15101000": "Huile brute de grignons d'olive, obtenue exclusivement à partir d'olives, même raffinée, mais non "
    "modifiée chimiquement",
    "15109000": "Autres huiles et leurs fractions, obtenues exclusivement à partir d'olives, même raffinées, mais "
    "non modifiées chimiquement, autres que l'huile brute de grignons d'olive",
    "15111010": f"Huile de palme brute, {_TECH}",
    "15119011": f"Fractions solides de l'huile de palme autre que brute, même raffinées, {_SMALL}",
    "15119019": f"Fractions solides de l'huile de palme autre que brute, même raffinées, {_LARGE}",
    "15119091": f"Fractions liquides de l'huile de palme autre que brute, même raffinées, {_TECH_PL}",
    "15121110": f"Huile de tournesol ou de carthame brute, {_TECH}",
    "15121910": f"Huile de tournesol ou de carthame, autre que brute, {_TECH}",
    "15122110": f"Huile de coton brute, même dépourvue de gossypol, {_TECH}",
    "15122910": f"Huile de coton, autre que brute, {_TECH}",
    "15131110": f"Huile de coco (huile de coprah) brute, {_TECH}",
    "15131911": f"Fractions solides de l'huile de coco (huile de coprah), même raffinées, {_SMALL}",
    "15131919": f"Fractions solides de l'huile de coco (huile de coprah), même raffinées, {_LARGE}",
    "15131930": f"Huile de coco (huile de coprah), autre que brute, et ses fractions autres que solides, même "
    f"raffinées, {_TECH_PL}",
    "15132110": f"Huile de palmiste ou de babassu brute, {_TECH}",
    "15132911": f"Fractions solides de l'huile de palmiste ou de babassu, autre que brute, même raffinées, {_SMALL}",
    "15132919": f"Fractions solides de l'huile de palmiste ou de babassu, autre que brute, même raffinées, {_LARGE}",
    "15132930": f"Huile de palmiste ou de babassu, autre que brute, et ses fractions autres que solides, même "
    f"raffinées, {_TECH_PL}",
    "15141110": f"Huile de navette ou de colza à faible teneur en acide érucique, brute, {_TECH}",
    "15141910": f"Huile de navette ou de colza à faible teneur en acide érucique, autre que brute, {_TECH}",
    "15149110": f"Huile de moutarde brute, {_TECH}",
    "15149910": f"Huile de moutarde, autre que brute, même raffinée, {_TECH}",
    "15151100": "Huile de lin brute",
    "15151910": f"Huile de lin, autre que brute, même raffinée, {_TECH}",
    "15152110": f"Huile de maïs brute, {_TECH}",
    "15152910": f"Huile de maïs, autre que brute, même raffinée, {_TECH}",
    "15153090": "Huile de ricin et ses fractions, même raffinées, destinées à des usages autres que la production "
    "de l'acide amino-undécanoïque utilisé dans la fabrication des fibres textiles synthétiques ou des matières "
    "plastiques artificielles",
    "15155011": f"Huile de sésame brute, {_TECH}",
    "15155091": f"Huile de sésame, autre que brute, même raffinée, {_TECH}",
    "15156011": f"Graisses et huiles microbiennes et leurs fractions, brutes, {_TECH_PL}",
    "15156060": f"Graisses et huiles microbiennes et leurs fractions, autres que brutes, même raffinées, {_TECH_PL}",
    "15159011": "Huile de tung (d'abrasin) ; huiles de jojoba et d'oiticica ; cire de myrica et cire du Japon ; "
    "leurs fractions",
    "15159021": f"Huile de germes de tabac brute, {_TECH}",
    "15159031": f"Huile de germes de tabac et ses fractions, autres que brutes, même raffinées, {_TECH_PL}",
    "15159040": f"Autres graisses et huiles végétales fixes, brutes, {_TECH_PL}",
    "15159060": f"Autres graisses et huiles végétales fixes et leurs fractions, autres que brutes, même raffinées, "
    f"{_TECH_PL}",
    "15161010": f"Graisses et huiles animales et leurs fractions (hydrogénées, interestérifiées, réestérifiées ou "
    f"élaïdinisées), {_SMALL}",
    "15161090": f"Graisses et huiles animales et leurs fractions (hydrogénées, interestérifiées, réestérifiées ou "
    f"élaïdinisées), {_LARGE}",
    "15162010": "Huile de ricin hydrogénée, dite « opal wax »",
    "15162091": f"Graisses et huiles végétales et leurs fractions (hydrogénées, interestérifiées, réestérifiées ou "
    f"élaïdinisées), {_SMALL}",
    "15162095": f"Huiles de navette, de colza, de lin, de tournesol, d'illipé, de karité, de makoré, de touloucouna "
    f"ou de babassu, hydrogénées, même raffinées, {_TECH_PL}",
    "15163091": f"Graisses et huiles microbiennes et leurs fractions (hydrogénées, interestérifiées, réestérifiées "
    f"ou élaïdinisées), {_SMALL}",
    "15171010": "Margarine, à l'exclusion de la margarine liquide, contenant en poids plus de 10 % mais pas plus de "
    "15 % de matières grasses provenant du lait",
    "15171090": "Margarine, à l'exclusion de la margarine liquide, contenant en poids 10 % ou moins de matières "
    "grasses provenant du lait",
    "15179010": "Mélanges ou préparations alimentaires de graisses ou d'huiles animales ou végétales ou de fractions "
    "de différentes graisses ou huiles, contenant en poids plus de 10 % mais pas plus de 15 % de matières grasses "
    "provenant du lait",
    "15179091": "Mélanges ou préparations alimentaires d'huiles végétales fixes, fluides, mélangées",
    "15179093": "Mélanges ou préparations alimentaires des types utilisés comme préparations pour le démoulage",
    "15179099": "Autres mélanges ou préparations alimentaires de graisses ou d'huiles ou de leurs fractions",
    "15180010": "Linoxyne",
    "15180031": f"Huiles végétales fixes, fluides, mélangées, brutes, {_TECH_PL}",
    "15180039": f"Autres huiles végétales fixes, fluides, mélangées, {_TECH_PL}",
    "15180095": "Mélanges ou préparations non alimentaires de graisses et huiles animales ou de graisses et huiles "
    "animales, végétales ou microbiennes et leurs fractions",
}

BEERS_SPIRITS_TOBACCO: dict[str, str] = {
    "22030001": "Bière de malt, présentée en bouteilles, en récipients d'une contenance n'excédant pas 10 l",
    "22030009": "Bière de malt, présentée autrement qu'en bouteilles, en récipients d'une contenance n'excédant "
    "pas 10 l",
    "22030010": "Bière de malt, présentée en récipients d'une contenance excédant 10 l",
    "22043010": "Moûts de raisin en fermentation ou ayant subi une fermentation arrêtée autrement que par addition "
    "d'alcool",
    "22043096": "Moûts de raisin concentrés, d'une masse volumique excédant 1,33 g/cm³ à 20 °C et d'un titre "
    "alcoométrique acquis excédant 1 % vol",
    "22043098": "Moûts de raisin non concentrés, d'un titre alcoométrique acquis excédant 1 % vol",
    "22051010": "Vermouths et autres vins de raisins frais préparés à l'aide de plantes ou de substances "
    "aromatiques, d'un titre alcoométrique volumique acquis n'excédant pas 18 % vol, en récipients d'une "
    "contenance n'excédant pas 2 l",
    "22051090": "Vermouths et autres vins de raisins frais préparés à l'aide de plantes ou de substances "
    "aromatiques, d'un titre alcoométrique volumique acquis excédant 18 % vol, en récipients d'une contenance "
    "n'excédant pas 2 l",
    "22059010": "Vermouths et autres vins de raisins frais préparés à l'aide de plantes ou de substances "
    "aromatiques, d'un titre alcoométrique volumique acquis n'excédant pas 18 % vol, en récipients d'une "
    "contenance excédant 2 l",
    "22059090": "Vermouths et autres vins de raisins frais préparés à l'aide de plantes ou de substances "
    "aromatiques, d'un titre alcoométrique volumique acquis excédant 18 % vol, en récipients d'une contenance "
    "excédant 2 l",
    "22060010": "Piquette",
    "22060031": "Cidre et poiré, mousseux",
    "22060039": "Autres boissons fermentées, mousseuses",
    "22060051": "Cidre et poiré, non mousseux, en récipients d'une contenance n'excédant pas 2 l",
    "22060059": "Autres boissons fermentées, non mousseuses, en récipients d'une contenance n'excédant pas 2 l",
    "22060081": "Cidre et poiré, non mousseux, en récipients d'une contenance excédant 2 l",
    "22060089": "Autres boissons fermentées, non mousseuses, en récipients d'une contenance excédant 2 l",
    "22071000": "Alcool éthylique non dénaturé d'un titre alcoométrique volumique de 80 % vol ou plus",
    "22072000": "Alcool éthylique et eaux-de-vie dénaturés de tous titres",
    "22082012": "Cognac (eau-de-vie de vin ou de marc de raisin), en récipients d'une contenance n'excédant pas 2 l",
    "22082014": "Armagnac (eau-de-vie de vin), en récipients d'une contenance n'excédant pas 2 l",
    "22082016": "Brandy de Jerez (eau-de-vie de vin), en récipients d'une contenance n'excédant pas 2 l",
    "22082018": "Brandy ou Weinbrand (eau-de-vie de vin), autre que le Brandy de Jerez, en récipients d'une "
    "contenance n'excédant pas 2 l",
    "22082019": "Autres eaux-de-vie de vin, autres que Cognac, Armagnac, Brandy ou Weinbrand, en récipients d'une "
    "contenance n'excédant pas 2 l",
    "22082026": "Grappa (eau-de-vie de marc de raisin), en récipients d'une contenance n'excédant pas 2 l",
    "22082028": "Eaux-de-vie de marc de raisin autres que la Grappa, en récipients d'une contenance n'excédant pas 2 l",
    "22082062": "Cognac, en récipients d'une contenance excédant 2 l",
    "22082066": "Brandy ou Weinbrand, en récipients d'une contenance excédant 2 l",
    "22082069": "Autres eaux-de-vie de vin, autres que Cognac, Brandy ou Weinbrand, en récipients d'une contenance "
    "excédant 2 l",
    "22082086": "Grappa, en récipients d'une contenance excédant 2 l",
    "22082088": "Eaux-de-vie de marc de raisin autres que la Grappa, en récipients d'une contenance excédant 2 l",
    "22083011": "Whisky « bourbon », en récipients d'une contenance n'excédant pas 2 l",
    "22083019": "Whisky « bourbon », en récipients d'une contenance excédant 2 l",
    "22083030": "Whisky écossais, single malt",
    "22083041": "Whisky écossais, blended malt, en récipients d'une contenance n'excédant pas 2 l",
    "22083049": "Whisky écossais, blended malt, en récipients d'une contenance excédant 2 l",
    "22083061": "Whisky écossais, single grain et blended grain, en récipients d'une contenance n'excédant pas 2 l",
    "22083069": "Whisky écossais, single grain et blended grain, en récipients d'une contenance excédant 2 l",
    "22083071": "Autres whiskies écossais « blended », en récipients d'une contenance n'excédant pas 2 l",
    "22083079": "Autres whiskies écossais « blended », en récipients d'une contenance excédant 2 l",
    "22083082": "Autres whiskies, en récipients d'une contenance n'excédant pas 2 l",
    "22083088": "Autres whiskies, en récipients d'une contenance excédant 2 l",
    "22084011": "Rhum d'une teneur en substances volatiles autres que les alcools éthylique et méthylique égale ou "
    "supérieure à 225 g par hectolitre d'alcool pur, en récipients d'une contenance n'excédant pas 2 l",
    "22084031": "Tafia d'une valeur excédant 7,9 € par litre d'alcool pur, en récipients d'une contenance "
    "n'excédant pas 2 l",
    "22084039": "Autres tafias, en récipients d'une contenance n'excédant pas 2 l",
    "22084051": "Rhum d'une teneur en substances volatiles autres que les alcools éthylique et méthylique égale ou "
    "supérieure à 225 g par hectolitre d'alcool pur, en récipients d'une contenance excédant 2 l",
    "22084091": "Tafia d'une valeur excédant 2 € par litre d'alcool pur, en récipients d'une contenance excédant 2 l",
    "22084099": "Autres tafias, en récipients d'une contenance excédant 2 l",
    "22085011": "Gin, en récipients d'une contenance n'excédant pas 2 l",
    "22085019": "Gin, en récipients d'une contenance excédant 2 l",
    "22085091": "Genièvre, en récipients d'une contenance n'excédant pas 2 l",
    "22085099": "Genièvre, en récipients d'une contenance excédant 2 l",
    "22086011": "Vodka d'un titre alcoométrique volumique n'excédant pas 45,4 % vol, en récipients d'une contenance "
    "n'excédant pas 2 l",
    "22086019": "Vodka d'un titre alcoométrique volumique n'excédant pas 45,4 % vol, en récipients d'une contenance "
    "excédant 2 l",
    "22086091": "Vodka d'un titre alcoométrique volumique excédant 45,4 % vol, en récipients d'une contenance "
    "n'excédant pas 2 l",
    "22086099": "Vodka d'un titre alcoométrique volumique excédant 45,4 % vol, en récipients d'une contenance "
    "excédant 2 l",
    "22087010": "Liqueurs, en récipients d'une contenance n'excédant pas 2 l",
    "22087090": "Liqueurs, en récipients d'une contenance excédant 2 l",
    "22089011": "Arak, en récipients d'une contenance n'excédant pas 2 l",
    "22089019": "Arak, en récipients d'une contenance excédant 2 l",
    "22089033": "Eaux-de-vie de prunes, de poires ou de cerises (à l'exclusion des liqueurs), en récipients d'une "
    "contenance n'excédant pas 2 l",
    "22089038": "Eaux-de-vie de prunes, de poires ou de cerises (à l'exclusion des liqueurs), en récipients d'une "
    "contenance excédant 2 l",
    "22089041": "Ouzo, en récipients d'une contenance n'excédant pas 2 l",
    "22089045": "Calvados, en récipients d'une contenance n'excédant pas 2 l",
    "22089048": "Autres eaux-de-vie de fruits (à l'exclusion des liqueurs), distillées, en récipients d'une "
    "contenance n'excédant pas 2 l",
    "22089054": "Tequila, en récipients d'une contenance n'excédant pas 2 l",
    "22089056": "Autres eaux-de-vie (à l'exclusion des liqueurs), en récipients d'une contenance n'excédant pas 2 l",
    "22089069": "Autres boissons spiritueuses, en récipients d'une contenance n'excédant pas 2 l",
    "22089071": "Eaux-de-vie de fruits (à l'exclusion des liqueurs), distillées, en récipients d'une contenance "
    "excédant 2 l",
    "22089075": "Tequila, en récipients d'une contenance excédant 2 l",
    "22089077": "Autres eaux-de-vie (à l'exclusion des liqueurs), en récipients d'une contenance excédant 2 l",
    "22089078": "Autres boissons spiritueuses, en récipients d'une contenance excédant 2 l",
    "22089091": "Alcool éthylique non dénaturé d'un titre alcoométrique volumique de moins de 80 % vol, en "
    "récipients d'une contenance n'excédant pas 2 l",
    "22089099": "Alcool éthylique non dénaturé d'un titre alcoométrique volumique de moins de 80 % vol, en "
    "récipients d'une contenance excédant 2 l",
    "24021000": "Cigares (y compris ceux à bouts coupés) et cigarillos, contenant du tabac",
    "24022010": "Cigarettes contenant du tabac, contenant des girofles",
    "24022090": "Cigarettes contenant du tabac, autres",
    "24029000": "Cigares (y compris ceux à bouts coupés), cigarillos et cigarettes en succédanés de tabac, ne "
    "contenant pas de tabac",
    "24031100": "Tabac pour pipe à eau visé dans la note de sous-positions 1 du chapitre 24",
    "24031910": "Tabac à fumer, en emballages immédiats d'un contenu net n'excédant pas 500 g",
    "24031990": "Tabac à fumer, autre",
    "24039100": "Tabacs « homogénéisés » ou « reconstitués »",
    "24039990": "Autres tabacs et succédanés de tabac, fabriqués",
    "24041100": "Produits destinés à être inhalés sans combustion, contenant du tabac ou du tabac reconstitué",
}

_SPECIFIC = "destinées à subir un traitement défini"
_CHEMICAL = (
    "destinées à subir une transformation chimique par un traitement autre que ceux définis pour la "
    "sous-position 2710 12 11"
)
_BIO = "ne contenant pas de biodiesel"

ENERGY: dict[str, str] = {
    "27071000": "Benzol (benzène)",
    "27072000": "Toluol (toluène)",
    "27073000": "Xylol (xylènes)",
    "27075000": "Autres mélanges d'hydrocarbures aromatiques distillant 65 % ou plus de leur volume (y compris les "
    "pertes) à 250 °C d'après la méthode ISO 3405 (équivalant à la méthode ASTM D 86)",
    "27101211": f"Huiles légères {_SPECIFIC}",
    "27101215": f"Huiles légères {_CHEMICAL}",
    "27101221": "White spirit",
    "27101225": "Autres essences spéciales (huiles légères destinées à d'autres usages)",
    "27101231": "Essence d'aviation",
    "27101241": "Essences pour moteur, d'une teneur en plomb n'excédant pas 0,013 g par litre, avec un indice "
    "d'octane (RON) inférieur à 95",
    "27101245": "Essences pour moteur, d'une teneur en plomb n'excédant pas 0,013 g par litre, avec un indice "
    "d'octane (RON) égal ou supérieur à 95 mais inférieur à 98",
    "27101249": "Essences pour moteur, d'une teneur en plomb n'excédant pas 0,013 g par litre, avec un indice "
    "d'octane (RON) égal ou supérieur à 98",
    "27101250": "Essences pour moteur, d'une teneur en plomb excédant 0,013 g par litre",
    "27101270": "Carburéacteurs, type essence",
    "27101290": "Autres huiles légères",
    "27101911": f"Huiles moyennes {_SPECIFIC}",
    "27101915": f"Huiles moyennes {_CHEMICAL}",
    "27101921": "Carburéacteurs, type kérosène",
    "27101925": "Autres pétroles lampants (kérosène)",
    "27101929": "Autres huiles moyennes",
    "27101931": f"Gazole (huiles lourdes) {_SPECIFIC}",
    "27101935": f"Gazole (huiles lourdes) {_CHEMICAL}",
    "27101942": "Gazole destiné à d'autres usages, d'une teneur en soufre n'excédant pas 0,001 % en poids, d'une "
    "teneur en carbone biogène d'au moins 80 % en poids",
    "27101943": f"Gazole d'une teneur en soufre n'excédant pas 0,001 % en poids, {_BIO}",
    "27101944": "Autres gazoles destinés à d'autres usages, d'une teneur en soufre n'excédant pas 0,001 % en poids",
    "27101946": f"Gazole d'une teneur en soufre excédant 0,001 % en poids mais n'excédant pas 0,002 % en poids, {_BIO}",
    "27101947": f"Gazole d'une teneur en soufre excédant 0,002 % en poids mais n'excédant pas 0,1 % en poids, {_BIO}",
    "27101948": f"Gazole d'une teneur en soufre excédant 0,1 % en poids, {_BIO}",
    "27101951": f"Fiouls (huiles lourdes) {_SPECIFIC}",
    "27101955": f"Fiouls (huiles lourdes) {_CHEMICAL}",
    "27101962": f"Fiouls d'une teneur en soufre n'excédant pas 0,1 % en poids, {_BIO}",
    "27101966": f"Fiouls d'une teneur en soufre excédant 0,1 % en poids mais n'excédant pas 0,5 % en poids, {_BIO}",
    "27101967": f"Fiouls d'une teneur en soufre excédant 0,5 % en poids, {_BIO}",
    "27102011": "Gazole d'une teneur en soufre n'excédant pas 0,001 % en poids, contenant du biodiesel",
    "27102016": "Gazole d'une teneur en soufre excédant 0,001 % en poids mais n'excédant pas 0,1 % en poids, "
    "contenant du biodiesel",
    "27102019": "Gazole d'une teneur en soufre excédant 0,1 % en poids, contenant du biodiesel",
    "27102032": "Fiouls d'une teneur en soufre n'excédant pas 0,5 % en poids, contenant du biodiesel",
    "27102038": "Fiouls d'une teneur en soufre excédant 0,5 % en poids, contenant du biodiesel",
    "27102090": "Huiles de pétrole ou de minéraux bitumineux (autres que les huiles brutes) et préparations non "
    "dénommées ni comprises ailleurs, contenant en poids 70 % ou plus d'huiles de pétrole ou de minéraux "
    "bitumineux et dont ces huiles constituent l'élément de base, contenant du biodiesel, autres que les gazoles "
    "et les fiouls",
    "27111211": "Propane liquéfié d'une pureté égale ou supérieure à 99 %, destiné à être utilisé comme carburant "
    "ou comme combustible",
    "27111219": "Propane liquéfié d'une pureté égale ou supérieure à 99 %, destiné à d'autres usages",
    "27111291": "Propane liquéfié d'une pureté inférieure à 99 %, destiné à subir un traitement défini",
    "27111293": "Propane liquéfié d'une pureté inférieure à 99 %, destiné à subir une transformation chimique",
    "27111294": "Propane liquéfié d'une pureté excédant 90 % mais inférieure à 99 %",
    "27111297": "Propane liquéfié d'une pureté n'excédant pas 90 %",
    "27111310": "Butanes liquéfiés destinés à subir un traitement défini",
    "27111330": "Butanes liquéfiés destinés à subir une transformation chimique",
    "27111391": "Butanes liquéfiés d'une pureté excédant 90 % mais inférieure à 95 %",
    "27111397": "Butanes liquéfiés d'une pureté n'excédant pas 90 % ou égale ou supérieure à 95 %, non destinés à "
    "subir un traitement défini",
    "27111400": "Éthylène, propylène, butylène et butadiène, liquéfiés",
    "27111900": "Autres gaz de pétrole et hydrocarbures gazeux, liquéfiés",
    "29011000": "Hydrocarbures acycliques saturés",
    "29022000": "Benzène",
    "29023000": "Toluène",
    "29024100": "o-Xylène",
    "29024200": "m-Xylène",
    "29024300": "p-Xylène",
    "29024400": "Isomères du xylène en mélange",
    "29051100": "Méthanol (alcool méthylique)",
    "38111110": "Préparations antidétonantes à base de plomb tétraéthyle",
    "38111190": "Préparations antidétonantes à base de composés du plomb autres que le plomb tétraéthyle",
    "38111900": "Préparations antidétonantes autres qu'à base de composés du plomb",
    "38119000": "Inhibiteurs d'oxydation, additifs peptisants, additifs pour améliorer la viscosité, additifs "
    "anticorrosifs et autres additifs préparés, pour huiles minérales (y compris l'essence) ou pour autres liquides "
    "utilisés aux mêmes fins que les huiles minérales, autres que les préparations antidétonantes et les additifs "
    "pour huiles lubrifiantes",
    "38248900": "Marchandises mentionnées dans la note de sous-positions 3 du chapitre 38, contenant des paraffines "
    "chlorées à chaîne courte",
    "38249200": "Esters de polyglycol de l'acide méthylphosphonique, autres que les marchandises mentionnées dans la "
    "note de sous-positions 3 du chapitre 38",
    "38249986": "Mélanges constitués principalement de méthylphosphonate de diméthyle, d'oxiranne et de pentaoxyde de "
    "diphosphore",
    "38249992": "Produits et préparations chimiques, constitués principalement de composés organiques, non dénommés "
    "ni compris ailleurs, sous forme liquide à 20 °C",
    "38249993": "Produits et préparations chimiques, constitués principalement de composés organiques, non dénommés "
    "ni compris ailleurs, autres que sous forme liquide à 20 °C",
    "38249996": "Produits chimiques et préparations des industries chimiques ou des industries connexes (y compris "
    "celles consistant en mélanges de produits naturels), non dénommés ni compris ailleurs",
    "38260010": "Esters monoalkyliques d'acides gras, contenant en volume 96,5 % ou plus d'esters (EMAG)",
    "38260090": "Esters monoalkyliques d'acides gras et leurs mélanges, contenant en volume moins de 96,5 % "
    "d'esters (EMAG), ne contenant pas d'huiles de pétrole ou de minéraux bitumineux ou en contenant moins de 70 % "
    "en poids",
}

CN_CODES: dict[str, str] = {**OILS, **BEERS_SPIRITS_TOBACCO, **ENERGY, **WINES}
