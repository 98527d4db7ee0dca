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
from portal.core.search import page_text

# The page types of the guides' search group (its `page_types`: counted with the other pages).
GUIDE_PAGE_TYPES = (GuidePage, GuideChapterPage, TemplatesPage)


def guide_pages():
    return Page.objects.live().type(*GUIDE_PAGE_TYPES).specific()


def present_guide_pages(pages):
    """present_guide_page for a page of results, with the chapters' guide titles in one query."""
    pages = [page.specific for page in pages]
    parent_paths = {
        page.path[: -Page.steplen] for page in pages if isinstance(page, GuideChapterPage)
    }
    titles = dict(Page.objects.filter(path__in=parent_paths).values_list("path", "title"))
    return [present_guide_page(page, titles) for page in pages]


def present_guide_page(page, guide_titles=None):
    page = page.specific
    if isinstance(page, GuideChapterPage):
        if guide_titles is None:
            guide = page.guide
            meta = guide.title if guide else ""
        else:
            meta = guide_titles.get(page.path[: -Page.steplen], "")
        text = page_text(page)
    elif isinstance(page, TemplatesPage):
        text = page.search_description or page.intro
        meta = str(page._meta.verbose_name)
    else:
        text = " ".join(
            part for part in (page.search_description, str(page.introduction or "")) if part
        )
        meta = page.audience_label
    return {"title": page.title, "url": page.url, "text": text, "meta": meta}


def present_term(term, glossary_url=None):
    title = f"{term.term} ({term.abbreviation})" if term.abbreviation else term.term
    url = f"{glossary_url}#{term.slug}" if glossary_url else term.get_url()
    return {"title": title, "url": url, "text": term.definition, "meta": ""}


def present_terms(terms):
    """present_term for a page of results, with the glossary's URL read once."""
    glossary = GlossaryPage.objects.live().first() if terms else None
    glossary_url = glossary.get_url() if glossary else None
    if glossary_url is None:
        return [present_term(term) for term in terms]
    return [present_term(term, glossary_url) for term in terms]


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
