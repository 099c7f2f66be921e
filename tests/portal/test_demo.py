import io

import pytest

from portal import demo, selectors
from portal.models import AgendaEntry, FocusBlock, NewsItem

pytestmark = pytest.mark.django_db


def test_demo_content_is_the_seed_and_loads_twice_without_duplicates():
    demo.load(io.StringIO())
    demo.load(io.StringIO())

    assert NewsItem.objects.count() == 6
    assert AgendaEntry.objects.count() == 2
    assert FocusBlock.objects.count() == 2
    news = list(selectors.published_news().values_list("title", "published_on"))
    assert [title for title, _ in news[:2]] == [
        "GAMMA : démarrage de la téléprocédure le 1er avril 2009",
        "Nouvelles fiches de procédure de secours Delt@-D et Delt@-C",
    ]
    assert news[-1][0] == "Lancement sur ProDou@ne Test et Formation de l'outil Administration ProDou@ne"
    assert [entry.title for entry in selectors.published_agenda()] == [
        "GAMMA VERSION 1",
        "TÉLÉPROCÉDURE CERTIFICAT AEO",
    ]
    assert [(block.title, block.get_url()) for block in selectors.published_focus_blocks()] == [
        ("Les services disponibles", "/services-disponibles/"),
        ("Découvrez l'inscription sur le portail", "/inscription/"),
    ]


def test_demo_loading_restores_an_edited_row_in_place():
    demo.load(io.StringIO())
    NewsItem.objects.filter(title="Utilisation du Tarif Intégré").update(summary="modifié", is_published=False)

    demo.load(io.StringIO())

    item = NewsItem.objects.get(title="Utilisation du Tarif Intégré")
    assert item.summary == "Modification de l'accès au Tarif Intégré"
    assert item.is_published
