"""Wagtail's page routing, remembered between requests until anything is published again.

Finding the page for a URL costs Wagtail a query for the site, two for its root page and two
per level of the tree (the child by slug, then its specific type): nine for a guide chapter,
before the page does any work of its own. For visitors without a session the route found is
kept in the cache under the page cache's generation (portal.cache), which every publish,
unpublish, move or deletion moves on; so a stale route is never served. The site and its root
paths (which Wagtail needs for every link it makes) are kept with it.

The route, the site's menu and footer (portal.chrome) and the paths of restricted pages are
fetched in one round trip; then the page names what its own rendering will read
(BasePage.cached_names) and that comes in a second one. Access rules are not part of the route:
Wagtail's before_serve_page hooks (view restrictions) still run on every request.
"""

import hashlib

from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from portal.cache import cached_for_generation, prefetch_for_generation, request_is_cacheable
from portal.chrome import chrome_name
from portal.models import RESTRICTIONS_NAME

ROUTE_SECONDS = 3600


def route_name(request, path):
    # Paths come from visitors and can be long; cache keys stay short.
    digest = hashlib.sha256(f"{request.get_host()}|{path}".encode()).hexdigest()
    return f"route:{digest[:40]}"


def serve(request, path):
    """wagtail.views.serve, with the route taken from the cache when it is there."""
    if request_is_cacheable(request):
        name = route_name(request, path)
        prefetch_for_generation(name, chrome_name(request), RESTRICTIONS_NAME)
        found = cached_for_generation(name, lambda: find_route(request, path), ROUTE_SECONDS)
        if found is not None:
            page, args, kwargs, site, root_paths = found
            # Where Wagtail keeps these on the request (Site.find_for_request,
            # Page._get_site_root_paths, Page.route_for_request).
            request._wagtail_site = site
            request._wagtail_cached_site_root_paths = root_paths
            request._wagtail_route_for_request = RouteResult(page, args, kwargs)
            cached_names = getattr(page, "cached_names", None)
            if cached_names:
                prefetch_for_generation(*cached_names(request))
    return wagtail_views.serve(request, path)


def find_route(request, path):
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    return page, args, kwargs, Site.find_for_request(request), Site.get_site_root_paths()
