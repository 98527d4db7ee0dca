"""Content for the browser tests, built with the factories inside `live_site`'s database.

One school guide with two chapters (headings for the table of contents, a callout, a checklist,
steps, an FAQ and a quote, so that axe sees every block a chapter can have), a glossary with
terms, the directory's partners, and navigation and footer settings as editors fill them in.
"""

from wagtail.models import Site

from portal.core.models import ContactSettings, FooterSettings, NavigationSettings
from tests.factories import ContentPageFactory
from tests.guides.factories import (
    GlossaryPageFactory,
    GuideChapterPageFactory,
    GuidePageFactory,
    TermFactory,
    heading,
    text,
)
from tests.partners.factories import directory_partners

PARAGRAPH = (
    "<p>Werkplekleren is leren in een echte werksituatie die ook een leersituatie is. "
    "De leerling oefent er algemene en beroepsgerichte competenties, samen met een mentor "
    "die het werk kent en de school die de leerdoelen bewaakt. Goede afspraken vooraf, "
    "opvolging tijdens de stage en reflectie achteraf maken het verschil.</p>"
)

TOC_HEADINGS = [
    "Wat werkplekleren is",
    "Waarom scholen ervoor kiezen",
    "De rol van de mentor",
    "Veelgestelde vragen",
]


def link(page, label="", english=""):
    return {
        "type": "link",
        "value": {"text": label, "page": page.pk, "url": "", "text_en": english},
    }


def chapter_body():
    """Long enough that the table of contents has to scroll to reach its headings."""
    body = []
    for title in TOC_HEADINGS[:3]:
        body += [heading(title), *[text(PARAGRAPH) for _ in range(4)]]
    body += [
        {
            "type": "callout",
            "value": {"kind": "tip", "title": "Tip", "text": "<p>Spreek de leerdoelen af.</p>"},
        },
        {
            "type": "checklist",
            "value": {"title": "Voor de stage", "items": ["Leerdoelen", "Mentor", "Verzekering"]},
        },
        {
            "type": "steps",
            "value": {
                "title": "Zo begin je",
                "steps": [
                    {"title": "Zoek een partner", "text": "<p>Gebruik de partnergids.</p>"},
                    {"title": "Maak afspraken", "text": "<p>Leg ze vast.</p>"},
                ],
            },
        },
        {
            "type": "quote",
            "value": {"text": "Leren doe je door te doen.", "source": "Een mentor", "role": ""},
        },
        heading(TOC_HEADINGS[3]),
        {
            "type": "faq",
            "value": {
                "title": "Veelgestelde vragen",
                "items": [
                    {
                        "question": "Is een stage verplicht?",
                        "answer": "<p>In het zesde jaar wel.</p>",
                    },
                    {"question": "Wie begeleidt?", "answer": "<p>De mentor en de school.</p>"},
                ],
            },
        },
        text(PARAGRAPH),
    ]
    return body


def build_site(tree):
    """Pages, terms, partners and site settings; returns the pages the tests visit."""
    home = tree["home"]
    site = Site.objects.get(is_default_site=True)
    guide = GuidePageFactory(
        parent=tree["guides"], title="Gids voor scholen", slug="gids-voor-scholen"
    )
    chapter = GuideChapterPageFactory(
        parent=guide,
        title="Wat is werkplekleren?",
        slug="wat-is-werkplekleren",
        intro="Wat werkplekleren is, waarom het werkt en wie erbij betrokken is.",
        body=chapter_body(),
    )
    second = GuideChapterPageFactory(
        parent=guide, title="Een stage voorbereiden", slug="stage-voorbereiden"
    )
    glossary = GlossaryPageFactory(parent=tree["guides"])
    for term, definition in [
        ("mentor", "De persoon op de werkplek die de leerling begeleidt."),
        ("snuffelstage", "Een korte stage om een beroep te leren kennen."),
        ("duaal leren", "Leren op school en op de werkplek, in één traject."),
    ]:
        TermFactory(term=term, definition=definition)
    about = ContentPageFactory(parent=home, title="Over ons", slug="over-ons", intro="Wie we zijn.")
    partners = directory_partners()

    navigation = NavigationSettings.for_site(site)
    navigation.primary_links = [
        link(tree["guides"], "Gidsen", "Guides"),
        link(tree["directory"], "Partners", "Partners"),
        link(about, "Over ons", "About us"),
    ]
    navigation.save()
    footer = FooterSettings.for_site(site)
    footer.about_text = "<p>Werkplekportaal brengt scholen en bedrijven samen.</p>"
    footer.links = [link(about)]
    footer.save()
    contact = ContactSettings.for_site(site)
    contact.organisation = "Werkplekportaal"
    contact.email = "redactie@werkplekportaal.example"
    contact.save()
    return {
        **tree,
        "guide": guide,
        "chapter": chapter,
        "second_chapter": second,
        "glossary": glossary,
        "about": about,
        "partners": partners,
    }


def site_paths(site):
    """The paths `tests.e2e.pages.audited_pages` needs, on the site `build_site` made."""
    return {
        "guide": site["guide"].url,
        "chapter": site["chapter"].url,
        "glossary": site["glossary"].url,
        "directory": site["directory"].url,
        "partner": site["directory"].url + site["partners"]["bakery"].slug + "/",
        "search": site["search"].url,
    }
