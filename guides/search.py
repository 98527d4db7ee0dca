"""How the guides and the glossary appear in the site search (registered in wagtail_hooks.py)."""

from django.db.models import Q

from wagtail.models import Page

from guides.models import (
    GlossaryPage,
    GuideChapterPage,
    GuidePage,
    TemplatesPage,
    Term,
)
from portal.core.search import page_text

# The page types of the guides' search group (its `page_types`: counted with the other pages).
GUIDE_PAGE_TYPES = (GuidePage, GuideChapterPage, TemplatesPage)


def guide_pages():
    return Page.objects.live().type(*GUIDE_PAGE_TYPES).specific()


def present_guide_pages(pages, shown=None):
    """present_guide_page for a page of results, with the chapters' guide titles in one query
    (none when the search view read the parents with the results: `shown`)."""
    pages = [page.specific for page in pages]
    parent_paths = {
        page.path[: -Page.steplen] for page in pages if isinstance(page, GuideChapterPage)
    }
    if shown is not None:
        titles = {path: shown.parent_title_of(path) or "" for path in parent_paths}
    else:
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


def present_terms(terms, shown=None):
    """present_term for a page of results, with the glossary's URL read once (or given by the
    search view, which read the glossary page with the results: `shown.landing`)."""
    if shown is not None:
        glossary = shown.landing
    else:
        glossary = GlossaryPage.objects.live().first() if terms else None
    glossary_url = glossary.get_url() if glossary else None
    if glossary_url is None:
        return [present_term(term) for term in terms]
    return [present_term(term, glossary_url) for term in terms]


def same_text(text, query):
    """`text__iexact=query` (PostgreSQL's UPPER on both), for texts whose upper case keeps their
    length (Python writes "ß" as "SS", PostgreSQL keeps it): the others are left to the database."""
    upper = text.upper()
    return len(upper) == len(text) == len(query) and upper == query.upper()


def definition_for(query, terms=None, glossary=None):
    """The glossary entry whose term or abbreviation is exactly the query.

    `terms`: every term the site search found for the query, when it read them all. A term whose
    term or abbreviation is the query is always among them (its text is the query's: the search
    matches it), so one found there is the answer without a query of its own; with none or
    several there (several: the database orders them), the glossary is asked. `glossary`: the
    glossary page, when the search view read it already.
    """
    query = query.strip()
    if not query or len(query) > 120:
        return None
    exact = [
        term
        for term in terms or ()
        if same_text(term.term, query) or same_text(term.abbreviation or "", query)
    ]
    if len(exact) == 1:
        term = exact[0]
    else:
        term = Term.objects.filter(Q(term__iexact=query) | Q(abbreviation__iexact=query)).first()
    if term is None:
        return None
    url = f"{glossary.get_url()}#{term.slug}" if glossary is not None else term.get_url()
    return {
        "term": term.term,
        "abbreviation": term.abbreviation,
        "definition": term.definition,
        "url": url,
    }
