from django import template

from portal.core.models import breadcrumb_trail

register = template.Library()


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The trail from the home page to `page` (the root page of the tree is left out)."""
    trail = context.get("breadcrumb_trail")  # read with the route (BasePage.route)
    if trail is None or page is not context.get("page"):
        trail = breadcrumb_trail(page, context.get("request")) if page else []
    return {"ancestors": trail, "page": page}


@register.simple_tag(takes_context=True)
def social_image(context, page):
    """{"url", "alt"} of the page's image for link previews, or None."""
    meta = getattr(page, "social_image_meta", None)
    return meta() if meta else None


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
