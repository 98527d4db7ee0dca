"""How the portal's own pages appear in the site search (registered in wagtail_hooks.py)."""

from django.core.cache import cache
from django.utils.html import strip_tags

TEXT_SECONDS = 24 * 3600


def stream_text(stream):
    """Plain text of a StreamField, for the matching passage of a search result.

    The blocks' searchable content (what the index holds), not their rendering: rendering would
    run every block's queries (images, partners, documents) for each result on the page.
    """
    if not stream:
        return ""
    parts = stream.stream_block.get_searchable_content(stream)
    return " ".join(strip_tags(str(part)) for part in parts if part)


def page_text(page):
    """Intro and body text of a page, kept in the cache per published version of the page:
    reading a body's blocks fetches their images and documents."""
    stamp = page.last_published_at.timestamp() if page.last_published_at else 0
    key = f"search:text:{page.pk}:{stamp}"
    text = cache.get(key)
    if text is None:
        parts = [getattr(page, "intro", ""), stream_text(getattr(page, "body", None))]
        text = " ".join(part for part in parts if part)
        cache.set(key, text, TEXT_SECONDS)
    return text


def present_page(page):
    page = page.specific
    return {
        "title": page.title,
        "url": page.url,
        "text": page_text(page) or page.search_description,
        "meta": "",
    }


def present_news(page):
    shown = present_page(page)
    shown["meta"] = page.date.strftime("%d-%m-%Y") if page.date else ""
    return shown
