"""How the portal's own pages appear in the site search (registered in wagtail_hooks.py)."""

from django.utils.html import strip_tags


def stream_text(stream):
    """Plain text of a StreamField, for the matching passage of a search result."""
    return strip_tags(stream.render_as_block()) if stream else ""


def present_page(page):
    page = page.specific
    parts = [getattr(page, "intro", ""), stream_text(getattr(page, "body", None))]
    return {
        "title": page.title,
        "url": page.url,
        "text": " ".join(part for part in parts if part) or page.search_description,
        "meta": "",
    }


def present_news(page):
    shown = present_page(page)
    shown["meta"] = page.date.strftime("%d-%m-%Y") if page.date else ""
    return shown
