"""Factories for the guides: guides, chapters, the glossary page, terms, images and documents.

Topics come from the data migration; `topic()` looks one up by slug.
"""

import datetime

import factory
import wagtail_factories

from guides.models import (
    Audience,
    GlossaryPage,
    GuideChapterPage,
    GuidePage,
    Term,
    Topic,
)


def topic(slug):
    return Topic.objects.get(slug=slug)


def heading(text, level=2):
    return {"type": "heading", "value": {"text": text, "level": f"h{level}"}}


def text(html):
    return {"type": "text", "value": html}


class GuidePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Gids {n}")
    slug = factory.Sequence(lambda n: f"gids-{n}")
    audience = Audience.SCHOOL
    introduction = "<p>Een gids voor de tests.</p>"
    content_owner = "Redactie Werkplekportaal"
    last_reviewed = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = GuidePage

    class Params:
        for_companies = factory.Trait(audience=Audience.COMPANY)
        stale = factory.Trait(last_reviewed=datetime.date(2020, 1, 15))


class GuideChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Hoofdstuk {n}")
    slug = factory.Sequence(lambda n: f"hoofdstuk-{n}")
    intro = "Wat je in dit hoofdstuk leest."
    body = factory.LazyFunction(
        lambda: [heading("Een eerste deel"), text("<p>Een alinea met wat uitleg.</p>")]
    )

    class Meta:
        model = GuideChapterPage
        skip_postgeneration_save = True

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set([topic(slug) if isinstance(slug, str) else slug for slug in extracted])
            self.save()


class GlossaryPageFactory(wagtail_factories.PageFactory):
    title = "Woordenlijst"
    slug = "woordenlijst"
    intro = "Begrippen uit de gidsen."

    class Meta:
        model = GlossaryPage


class TermFactory(factory.django.DjangoModelFactory):
    term = factory.Sequence(lambda n: f"begrip{n}")
    definition = factory.LazyAttribute(lambda term: f"De uitleg van {term.term}.")
    abbreviation = ""
    url = ""

    class Meta:
        model = Term


def publish(page):
    """Publish a page through a revision, as an editor does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page
