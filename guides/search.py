"""How the guides and the glossary appear in the site search (registered in wagtail_hooks.py)."""

from django.db.models import Q

from wagtail.models import Page

from guides.models import (
    GlossaryPage,
    GuideChapterPage,
    GuideIndexPage,
    GuidePage,
    TemplatesPage,
    Term,
)
from portal.search import page_text


def guide_pages():
    return Page.objects.live().public().type(GuidePage, GuideChapterPage, TemplatesPage).specific()


def present_guide_page(page):
    page = page.specific
    if isinstance(page, GuideChapterPage):
        guide = page.guide
        text = page_text(page)
        meta = guide.title if guide else ""
    elif isinstance(page, TemplatesPage):
        text = page.search_description or page.intro
        meta = str(page._meta.verbose_name)
    else:
        text = " ".join(
            part for part in (page.search_description, str(page.introduction or "")) if part
        )
        meta = page.audience_label
    return {"title": page.title, "url": page.url, "text": text, "meta": meta}


def present_term(term):
    title = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
    return {"title": title, "url": term.get_url(), "text": term.definition, "meta": ""}


def definition_for(query):
    """The glossary entry whose term or abbreviation is exactly the query."""
    query = query.strip()
    if not query or len(query) > 120:
        return None
    term = Term.objects.filter(Q(term__iexact=query) | Q(abbreviation__iexact=query)).first()
    if term is None:
        return None
    return {
        "term": term.term,
        "abbreviation": term.abbreviation,
        "definition": term.definition,
        "url": term.get_url(),
    }


def guides_landing():
    return GuideIndexPage.objects.live().first()


def glossary_landing():
    return GlossaryPage.objects.live().first()
