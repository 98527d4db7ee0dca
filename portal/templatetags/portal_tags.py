from django import template

from portal.models import breadcrumb_trail

register = template.Library()


def frame_of(page, request):
    """BasePage.page_frame, or the same built afresh for a page of another type."""
    if hasattr(page, "page_frame"):
        return page.page_frame(request)
    return {"breadcrumbs": breadcrumb_trail(page, request), "social_image": None}


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page to `page` (the root page of the tree is left out)."""
    trail = frame_of(page, context.get("request"))["breadcrumbs"] if page else []
    return {"ancestors": trail, "page": page}


@register.simple_tag(takes_context=True)
def social_image(context, page):
    """{"url", "alt"} of the page's image for link previews, or None."""
    return frame_of(page, context.get("request"))["social_image"] if page else None


@register.simple_tag(takes_context=True)
def nav_current(context, url):
    """aria-current for a menu link: "page" on the page itself, "true" inside its section."""
    page = context.get("page")
    if not page or not url:
        return ""
    page_url = page.get_url(context.get("request")) or ""
    if page_url == url:
        return "page"
    if url != "/" and page_url.startswith(url):
        return "true"
    return ""
