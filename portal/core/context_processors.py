"""Template context shared by every page."""

from django.utils.functional import SimpleLazyObject

from portal.core.chrome import chrome_for_request


def chrome(request):
    """`chrome`: the menu, search box and footer of the site (portal.core.chrome), read when used."""
    return {"chrome": SimpleLazyObject(lambda: chrome_for_request(request))}
