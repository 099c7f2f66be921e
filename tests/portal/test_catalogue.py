"""The catalogue seeded by the data migration: the seed's table plus GAMMA and GPS."""

import pytest

from portal.models import AccessMode, Domain, Teleservice

pytestmark = pytest.mark.django_db

EXPECTED = {
    # name: (domain, release, access mode, DTI, EDI)
    "Déclarations d'échange de biens": (Domain.STATISTICS, "\N{EN DASH}", AccessMode.CONVENTION, True, False),
    "DELTA-Domicilié V1": (Domain.INTERNATIONAL_TRADE, "Q4-2005", AccessMode.CONVENTION, True, True),
    "EDDI": (Domain.INTERNATIONAL_TRADE, "Q3-2005", AccessMode.CONVENTION, True, False),
    "GAMMA": (Domain.INDIRECT_TAXATION, "2009-04-01", AccessMode.HABILITATION, True, True),
    "GPS": (Domain.INDIRECT_TAXATION, "2009", AccessMode.HABILITATION, True, False),
    "InfoAccises": (Domain.INDIRECT_TAXATION, "Q1-2005", AccessMode.FREE, True, False),
    "NSTI": (Domain.INTERNATIONAL_TRADE, "\N{EN DASH}", AccessMode.CONVENTION, True, True),
    "QUOTA Europa": (Domain.INTERNATIONAL_TRADE, "S1-2004", AccessMode.FREE, True, False),
    "StatNC8": (Domain.STATISTICS, "S1-2005", AccessMode.FREE, True, False),
    "Taric Europa": (Domain.INTERNATIONAL_TRADE, "S1-2005", AccessMode.FREE, True, False),
    "Tarif en ligne": (Domain.INTERNATIONAL_TRADE, "S1-2005", AccessMode.FREE, True, False),
    "Taux de change": (Domain.INTERNATIONAL_TRADE, "S1-2005", AccessMode.FREE, True, False),
    "TVA Intracom": (Domain.INTERNATIONAL_TRADE, "S1-2005", AccessMode.FREE, True, False),
}


def test_the_catalogue_has_the_thirteen_rows_of_the_seed():
    rows = {s.name: (s.domain, s.release, s.access_mode, s.dti, s.edi) for s in Teleservice.objects.all()}
    assert rows == EXPECTED


def test_the_catalogue_keeps_the_seed_comments():
    descriptions = dict(Teleservice.objects.values_list("name", "description"))
    assert descriptions["InfoAccises"] == "Vérifier la validité d'un numéro d'accise"
    assert descriptions["TVA Intracom"] == "Contrôler la cohérence du numéro de votre acquéreur intracommunautaire."
    assert descriptions["GAMMA"].startswith(
        "Gestion de l'Accompagnement des Mouvements de Marchandises soumises à Accises"
    )
    assert "procédure de secours" in descriptions["GPS"]


def test_the_siret_lookup_is_a_portal_tool_not_a_catalogue_row():
    assert not Teleservice.objects.filter(name__icontains="SIRET").exists()


def test_the_free_lookups_point_to_their_pages():
    url_names = dict(Teleservice.objects.exclude(url_name="").values_list("name", "url_name"))
    assert url_names == {"InfoAccises": "lookups:infoaccises", "TVA Intracom": "lookups:tva"}


def test_a_service_links_only_to_a_page_that_exists():
    service = Teleservice.objects.get(slug="taric-europa")
    assert service.get_url() is None  # not online here

    service.url_name = "portal:services"
    assert service.get_url() == "/services-disponibles/"

    service.url_name = "lookups:does-not-exist"
    assert service.get_url() is None


def test_the_catalogue_is_in_alphabetical_order_of_the_seed():
    names = list(Teleservice.objects.values_list("name", flat=True))
    assert names[:4] == ["Déclarations d'échange de biens", "DELTA-Domicilié V1", "EDDI", "GAMMA"]
    assert names[-1] == "TVA Intracom"
