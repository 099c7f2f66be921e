"""The committed sample's named rows: the seed's establishment, the demo company and its registered
consignee, and La Poste's establishments, written in the generator's vintage around the random ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from register.importers.synthetic_values import nic_for, row_from, siren_for

if TYPE_CHECKING:
    from register.importers.synthetic import Generator

# The seed's establishment (the "eye" of the registration form) and the demo company of the seed's
# adhesion, whose SIREN 123456789 fails the Luhn check: 123456782 is the valid one next to it.
ARMAGNAC_SIREN, ARMAGNAC_SIRET = "353249154", "35324915400017"
DEMO_SIREN = "123456782"
DEMO_SIRET = DEMO_SIREN + nic_for(DEMO_SIREN, 1)  # 12345678200010
CONSIGNEE_SIREN = siren_for(41256093)  # LES CAVES DE LA LOIRE, the demo's registered consignee
LA_POSTE_SIRETS = ("35600000000048", "35600000049837", "35600000012346")  # head office: Luhn; others: digit sum


def special_units(generator: Generator) -> list[tuple[list[str], list[list[str]]]]:
    """The sample's named rows, in the generator's vintage."""
    lu, et = generator.legal_unit_header, generator.establishment_header
    armagnac = (
        row_from(
            lu,
            siren=ARMAGNAC_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="1990-01-02",
            trancheEffectifsUniteLegale="00",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2024-03-22T14:01:35",
            nombrePeriodesUniteLegale="3",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2008-01-01",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="COMPAGNIE FRANCAISE DE L ARMAGNAC",
            categorieJuridiqueUniteLegale="9900",  # Autre personne morale de droit privé: nature « Autres »
            activitePrincipaleUniteLegale="51.3J",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev1",
            nicSiegeUniteLegale="00017",
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="N",
        ),
        [
            row_from(
                et,
                siren=ARMAGNAC_SIREN,
                nic="00017",
                siret=ARMAGNAC_SIRET,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="1990-01-02",
                trancheEffectifsEtablissement="00",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2024-03-22T14:01:35",
                etablissementSiege="true",
                nombrePeriodesEtablissement="2",
                typeVoieEtablissement="RTE",
                libelleVoieEtablissement="DE CAZAUBON",
                codePostalEtablissement="32800",
                libelleCommuneEtablissement="EAUZE",
                codeCommuneEtablissement="32119",
                identifiantAdresseEtablissement="32119_0090",
                coordonneeLambertAbscisseEtablissement="472143.6",
                coordonneeLambertOrdonneeEtablissement="6309311.2",
                dateDebut="1990-01-02",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement="COMPAGNIE FRANCAISE DE L ARMAGNAC",
                activitePrincipaleEtablissement="51.3J",
                nomenclatureActivitePrincipaleEtablissement="NAFRev1",
                caractereEmployeurEtablissement="N",
            )
        ],
    )
    demo_name = "SOCIETE DE DISTRIBUTION D'ALCOOLS"
    demo = (
        row_from(
            lu,
            siren=DEMO_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="2003-06-16",
            trancheEffectifsUniteLegale="11",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2025-01-14T09:12:44",
            nombrePeriodesUniteLegale="2",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2003-06-16",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale=demo_name,
            sigleUniteLegale="SDA",
            categorieJuridiqueUniteLegale="5710",  # SAS
            activitePrincipaleUniteLegale="46.34Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale=DEMO_SIRET[9:],
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren=DEMO_SIREN,
                nic=DEMO_SIRET[9:],
                siret=DEMO_SIRET,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2003-06-16",
                trancheEffectifsEtablissement="11",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2025-01-14T09:12:44",
                etablissementSiege="true",
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement="15",
                typeVoieEtablissement="AV",
                libelleVoieEtablissement="DE LA REPUBLIQUE",
                codePostalEtablissement="75010",
                libelleCommuneEtablissement="PARIS",
                codeCommuneEtablissement="75110",
                identifiantAdresseEtablissement="75110_8158_00015",
                coordonneeLambertAbscisseEtablissement="653244.1",
                coordonneeLambertOrdonneeEtablissement="6863386.9",
                dateDebut="2003-06-16",
                etatAdministratifEtablissement="A",
                activitePrincipaleEtablissement="46.34Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            ),
            row_from(  # its former warehouse, closed
                et,
                siren=DEMO_SIREN,
                nic=nic_for(DEMO_SIREN, 2),
                siret=DEMO_SIREN + nic_for(DEMO_SIREN, 2),
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2005-09-01",
                dateDernierTraitementEtablissement="2019-11-04T16:40:02",
                etablissementSiege="false",
                nombrePeriodesEtablissement="2",
                numeroVoieEtablissement="4",
                typeVoieEtablissement="RUE",
                libelleVoieEtablissement="DU PORT",
                codePostalEtablissement="92230",
                libelleCommuneEtablissement="GENNEVILLIERS",
                codeCommuneEtablissement="92036",
                dateDebut="2019-10-31",
                etatAdministratifEtablissement="F",
                enseigne1Etablissement="ENTREPOT SDA",
                activitePrincipaleEtablissement="52.10B",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="N",
            ),
        ],
    )
    la_poste_addresses = (
        ("9", "RUE", "DU COLONEL PIERRE AVIA", "75015", "PARIS", "75115", "true", ""),
        ("2", "PL", "DE LA MAIRIE", "32800", "EAUZE", "32119", "false", "BUREAU DE POSTE"),
        ("31", "RUE", "GAMBETTA", "16100", "COGNAC", "16102", "false", "BUREAU DE POSTE"),
    )
    la_poste = (
        row_from(
            lu,
            siren="356000000",
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="1991-01-01",
            trancheEffectifsUniteLegale="53",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2025-02-03T08:00:12",
            nombrePeriodesUniteLegale="4",
            categorieEntreprise="GE",
            anneeCategorieEntreprise="2022",
            dateDebut="2010-03-01",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="LA POSTE",
            categorieJuridiqueUniteLegale="5599",
            activitePrincipaleUniteLegale="53.10Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale="00048",
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="O",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren="356000000",
                nic=siret[9:],
                siret=siret,
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="1991-01-01",
                trancheEffectifsEtablissement="53" if head == "true" else "12",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2025-02-03T08:00:12",
                etablissementSiege=head,
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement=number,
                typeVoieEtablissement=street_type,
                libelleVoieEtablissement=street,
                codePostalEtablissement=postal_code,
                libelleCommuneEtablissement=city,
                codeCommuneEtablissement=city_code,
                dateDebut="2010-03-01",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement=signboard,
                activitePrincipaleEtablissement="53.10Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            )
            for siret, (number, street_type, street, postal_code, city, city_code, head, signboard) in zip(
                LA_POSTE_SIRETS, la_poste_addresses, strict=True
            )
        ],
    )
    consignee = (
        row_from(
            lu,
            siren=CONSIGNEE_SIREN,
            statutDiffusionUniteLegale="O",
            dateCreationUniteLegale="2014-02-03",
            trancheEffectifsUniteLegale="02",
            anneeEffectifsUniteLegale="2023",
            dateDernierTraitementUniteLegale="2024-06-18T11:30:27",
            nombrePeriodesUniteLegale="1",
            categorieEntreprise="PME",
            anneeCategorieEntreprise="2022",
            dateDebut="2014-02-03",
            etatAdministratifUniteLegale="A",
            denominationUniteLegale="LES CAVES DE LA LOIRE",
            categorieJuridiqueUniteLegale="5499",  # SARL
            activitePrincipaleUniteLegale="47.25Z",
            nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
            nicSiegeUniteLegale=nic_for(CONSIGNEE_SIREN, 1),
            economieSocialeSolidaireUniteLegale="N",
            societeMissionUniteLegale="N",
            caractereEmployeurUniteLegale="O",
        ),
        [
            row_from(
                et,
                siren=CONSIGNEE_SIREN,
                nic=nic_for(CONSIGNEE_SIREN, 1),
                siret=CONSIGNEE_SIREN + nic_for(CONSIGNEE_SIREN, 1),
                statutDiffusionEtablissement="O",
                dateCreationEtablissement="2014-02-03",
                trancheEffectifsEtablissement="02",
                anneeEffectifsEtablissement="2023",
                dateDernierTraitementEtablissement="2024-06-18T11:30:27",
                etablissementSiege="true",
                nombrePeriodesEtablissement="1",
                numeroVoieEtablissement="12",
                typeVoieEtablissement="QUAI",
                libelleVoieEtablissement="DE LA LOIRE",
                codePostalEtablissement="49400",
                libelleCommuneEtablissement="SAUMUR",
                codeCommuneEtablissement="49328",
                dateDebut="2014-02-03",
                etatAdministratifEtablissement="A",
                enseigne1Etablissement="CAVES DE LA LOIRE",
                activitePrincipaleEtablissement="47.25Z",
                nomenclatureActivitePrincipaleEtablissement="NAFRev2",
                caractereEmployeurEtablissement="O",
            )
        ],
    )
    if generator.naf25:  # NAF 2025 has no code for a NAF rev. 1 activity
        lu_activity, et_activity = (
            lu.index("activitePrincipaleUniteLegale"),
            et.index("activitePrincipaleEtablissement"),
        )
        for unit, establishments in (armagnac, demo, la_poste, consignee):
            unit[-1] = "" if unit[lu_activity] == "51.3J" else unit[lu_activity]
            for row in establishments:
                row[-1] = "" if row[et_activity] == "51.3J" else row[et_activity]
    return [armagnac, demo, la_poste, consignee]
