from django import template

from search.models import SearchPage

register = template.Library()


@register.simple_tag(takes_context=True)
def search_page_url(context):
    """URL of the site's search page, looked up once per request."""
    request = context.get("request")
    if request is None:
        return ""
    if not hasattr(request, "_search_page_url"):
        page = SearchPage.objects.live().only("id", "url_path", "path", "depth").first()
        request._search_page_url = page.get_url(request) if page else ""
    return request._search_page_url
