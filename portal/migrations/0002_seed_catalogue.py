"""The catalogue of teleservices: the seed's table « Téléservices du portail ProDouane », plus GAMMA
and its fallback procedure GPS (domain.md §8). Names and comments are the seed's; the seed's bold
access notices (« Démarche conventionnelle obligatoire ») became the access mode."""

from django.db import migrations

FREE, HABILITATION, CONVENTION = "libre", "habilitation", "convention"
TRADE, TAXATION, STATISTICS = "commerce-international", "fiscalites-indirectes", "statistiques"

# (position, slug, name, domain, release, description, access mode, DTI, EDI, URL name)
CATALOGUE = [
    (
        10,
        "declarations-echange-biens",
        "Déclarations d'échange de biens",
        STATISTICS,
        "\N{EN DASH}",
        "La téléprocédure de déclaration d'échanges de biens",
        CONVENTION,
        True,
        False,
        "",
    ),
    (
        20,
        "delta-domicilie-v1",
        "DELTA-Domicilié V1",
        TRADE,
        "Q4-2005",
        "Fournir aux bénéficiaires de la procédure simplifiée de dédouanement à l'importation, un outil moderne "
        "et ouvert, accessible en mode DTI ou EDI (Echange de Données Informatisées), leur permettant de transmettre "
        "leurs déclarations à la douane et de disposer rapidement du statut douanier des marchandises.",
        CONVENTION,
        True,
        True,
        "",
    ),
    (
        30,
        "eddi",
        "EDDI",
        TRADE,
        "Q3-2005",
        "Fournir aux déclarants un accès à leurs états comptables dématérialisés.",
        CONVENTION,
        True,
        False,
        "",
    ),
    (
        40,
        "gamma",
        "GAMMA",
        TAXATION,
        "2009-04-01",
        "Gestion de l'Accompagnement des Mouvements de Marchandises soumises à Accises : établir, valider et "
        "imprimer les documents d'accompagnement (DAA, DSA) des produits soumis à accises circulant en suspension "
        "de droits ; volet français du projet européen EMCS. Adhésion par formulaire auprès du service des douanes "
        "de rattachement.",
        HABILITATION,
        True,
        True,
        "",
    ),
    (
        50,
        "gps",
        "GPS",
        TAXATION,
        "2009",
        "GAMMA procédure de secours : lorsque GAMMA ne peut être utilisé, générer le numéro à porter sur le "
        "document papier (DAA ou DSA) et suivre ses procédures de secours. Accès avec le même compte et les mêmes "
        "droits que GAMMA.",
        HABILITATION,
        True,
        False,
        "",
    ),
    (
        60,
        "infoaccises",
        "InfoAccises",
        TAXATION,
        "Q1-2005",
        "Vérifier la validité d'un numéro d'accise",
        FREE,
        True,
        False,
        "lookups:infoaccises",
    ),
    (
        70,
        "nsti",
        "NSTI",
        TRADE,
        "\N{EN DASH}",
        "Le NSTI, dans sa version actuelle, gère l'ensemble des procédures liées aux mouvements de transit, que ce "
        "soit au bureau de départ, au bureau de destination, ou au bureau de destination.",
        CONVENTION,
        True,
        True,
        "",
    ),
    (
        80,
        "quota-europa",
        "QUOTA Europa",
        TRADE,
        "S1-2004",
        "Consultation des soldes de contingents tarifaires sur Europa.",
        FREE,
        True,
        False,
        "",
    ),
    (90, "statnc8", "StatNC8", STATISTICS, "S1-2005", "Statistiques produits en NC8.", FREE, True, False, ""),
    (100, "taric-europa", "Taric Europa", TRADE, "S1-2005", "La base Taric européenne", FREE, True, False, ""),
    (
        110,
        "tarif-en-ligne",
        "Tarif en ligne",
        TRADE,
        "S1-2005",
        "Consulter les dernières versions des microfiches tarifaires.",
        FREE,
        True,
        False,
        "",
    ),
    (120, "taux-de-change", "Taux de change", TRADE, "S1-2005", "Consulter les taux de change.", FREE, True, False, ""),
    (
        130,
        "tva-intracom",
        "TVA Intracom",
        TRADE,
        "S1-2005",
        "Contrôler la cohérence du numéro de votre acquéreur intracommunautaire.",
        FREE,
        True,
        False,
        "lookups:tva",
    ),
]


def seed_catalogue(apps, schema_editor):
    Teleservice = apps.get_model("portal", "Teleservice")
    for position, slug, name, domain, release, description, access_mode, dti, edi, url_name in CATALOGUE:
        Teleservice.objects.update_or_create(
            slug=slug,
            defaults={
                "position": position,
                "name": name,
                "domain": domain,
                "release": release,
                "description": description,
                "access_mode": access_mode,
                "dti": dti,
                "edi": edi,
                "url_name": url_name,
            },
        )


def unseed_catalogue(apps, schema_editor):
    Teleservice = apps.get_model("portal", "Teleservice")
    Teleservice.objects.filter(slug__in=[row[1] for row in CATALOGUE]).delete()


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [migrations.RunPython(seed_catalogue, unseed_catalogue)]
