from django import template

register = template.Library()


@register.inclusion_tag("components/breadcrumbs.html")
def breadcrumbs(page):
    """The trail from the home page to `page` (the root page of the tree is left out)."""
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True)) if page else []
    return {"ancestors": ancestors, "page": page}


@register.simple_tag(takes_context=True)
def nav_current(context, url):
    """aria-current for a menu link: "page" on the page itself, "true" inside its section."""
    page = context.get("page")
    if not page or not url:
        return ""
    page_url = page.url or ""
    if page_url == url:
        return "page"
    if url != "/" and page_url.startswith(url):
        return "true"
    return ""
