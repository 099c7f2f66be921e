"""Factories of the portal content."""

import datetime

import factory

from portal.models import AgendaEntry, FocusBlock, NewsItem, Rubric


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    rubric = Rubric.INTERNATIONAL_TRADE
    title = factory.Sequence(lambda n: f"Actualité n° {n}")
    summary = "Résumé de l'actualité."
    published_on = datetime.date(2008, 7, 25)
    is_published = True

    class Params:
        draft = factory.Trait(is_published=False)


class AgendaEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaEntry

    period_label = "1ER SEMESTRE 2009"
    title = factory.Sequence(lambda n: f"ÉCHÉANCE {n}")
    text = "Texte de l'échéance."
    starts_on = datetime.date(2009, 4, 1)
    is_published = True


class FocusBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusBlock

    title = factory.Sequence(lambda n: f"Focus n° {n}")
    text = "Texte du bloc."
    link = "portal:services"
    position = factory.Sequence(int)
    is_published = True
