"""Wagtail's page routing, remembered between requests until anything is published again.

Finding the page for a URL costs Wagtail a query for the site, two for its root page and two
per level of the tree (the child by slug, then its specific type): nine for a guide chapter,
before the page does any work of its own. For visitors without a session the route found is
kept in the cache under the page cache's generation (portal.cache), which every publish,
unpublish, move or deletion moves on; so a stale route is never served. Access rules are not
part of the route: Wagtail's before_serve_page hooks (view restrictions) still run on every
request.
"""

import logging
import pickle

from django.core.cache import cache

from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from portal.cache import current_generation, request_is_cacheable

logger = logging.getLogger(__name__)

ROUTE_SECONDS = 3600


def route_key(request, path, generation):
    return f"route:{generation}:{request.get_host()}:{path}"


def serve(request, path):
    """wagtail.views.serve, with the route taken from the cache when it is there."""
    if request_is_cacheable(request):
        key = route_key(request, path, current_generation())
        found = cache.get(key)
        if found is not None:
            request._wagtail_route_for_request = RouteResult(*found)
        else:
            result = Page.route_for_request(request, path)
            if result is not None:
                remember(key, result)
    return wagtail_views.serve(request, path)


def remember(key, result):
    page, args, kwargs = result
    try:
        # Routable pages put their view function in args; whatever the cache cannot pickle is
        # simply routed again next time.
        cache.set(key, (page, args, kwargs), ROUTE_SECONDS)
    except (pickle.PicklingError, TypeError, AttributeError) as error:
        logger.debug("route not cached: %s", type(error).__name__)
