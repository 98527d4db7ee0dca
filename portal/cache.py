"""Caching of anonymous page views, purged whenever published content changes.

Why our own middleware rather than Django's per-site cache: Django's cache middleware cannot tell
a logged-in editor or a page with a form (CSRF token) from a public page, and has no way to
purge. Here a response is stored only when

- the request is a GET or HEAD from an anonymous visitor, outside the admin, API and previews;
- the response is a 200 that did not ask not to be cached (never_cache, private) and carries no
  CSRF token or cookie of its own;

and every stored page is keyed on a *generation* number that goes up whenever a page, partner,
glossary term, taxonomy or site setting is published, unpublished, changed or deleted
(portal/signal_handlers.py). With several app servers the generation lives in Redis (REDIS_URL),
so a publish on one server purges the pages of all of them.

If Redis is down, portal.cache_backend.ResilientRedisCache turns every call into a miss, so
pages are served uncached. A publish during such an outage cannot raise the generation: pages
cached before it may then be served until they expire (PAGE_CACHE_SECONDS).
"""

import contextvars
import hashlib
import logging
import pickle
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "pagecache:generation"
SKIPPED_PREFIXES = ("/admin/", "/api/", "/healthz", "/documenten/", "/taal/", "/static/", "/media/")


# Within a request the generation is read from the cache once: the route, the chapter context,
# the menu and the teasers are all keyed on it and would otherwise each ask Redis again. The
# middleware opens a scope (a dict) per request, which also holds the values read for this
# generation; outside one (management commands, tasks) every call reads the cache. A purge
# forgets everything remembered.
_request_scope = contextvars.ContextVar("pagecache_request_scope", default=None)


def current_generation():
    scope = _request_scope.get()
    if scope is not None and "generation" in scope:
        return scope["generation"]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Start from the clock so that a cache restart never revives an old generation.
        generation = int(time.time() * 1000)
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    if scope is not None:
        scope["generation"] = generation
    return generation


def generation_is_shared():
    """Whether every process sees the same generation (Redis), so that a change made anywhere
    (another app server, a management command) reaches them all at once. A local-memory cache
    is each process's own."""
    backend = settings.CACHES["default"]["BACKEND"].lower()
    return "locmem" not in backend and "dummy" not in backend


def cached_for_generation(name, compute, timeout=3600):
    """`compute()`, kept in the cache until anything visitors see changes (the generation).

    A value fetched ahead by prefetch_for_generation() in this request is used without asking
    the cache again. What the cache cannot pickle is computed again next time; None is never
    stored.
    """
    key = f"{name}:{current_generation()}"
    scope = _request_scope.get()
    known = scope.setdefault("values", {}) if scope is not None else {}
    value = known[key] if key in known else cache.get(key)
    if value is None:
        value = compute()
        if value is not None:
            try:
                cache.set(key, value, timeout)
            except (pickle.PicklingError, TypeError, AttributeError) as error:
                logger.debug("%s not cached: %s", name, type(error).__name__)
    known[key] = value
    return value


def prefetch_for_generation(*names):
    """Fetch what cached_for_generation(name) will ask for in one round trip (MGET)."""
    scope = _request_scope.get()
    if scope is None:
        return
    generation = current_generation()
    known = scope.setdefault("values", {})
    wanted = [key for key in (f"{name}:{generation}" for name in names) if key not in known]
    if wanted:
        found = cache.get_many(wanted)
        known.update({key: found.get(key) for key in wanted})


def purge_all():
    """Make every cached page stale (called when published content changes)."""
    scope = _request_scope.get()
    if scope is not None:
        scope.clear()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, int(time.time() * 1000), timeout=None)


def cache_key(request):
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = "|".join(
        [
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", ""),
            request.path,
            query,
        ]
    )
    return "pagecache:" + hashlib.sha256(raw.encode()).hexdigest()


def request_is_cacheable(request):
    """GET or HEAD from a visitor without a session, outside the admin (previews too) and API.

    Decided from the cookie alone, before the session and authentication middleware run: a
    logged-in editor always has a session cookie, and so does anyone who got a message or a
    password-protected page; they are all served fresh.
    """
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path.startswith(SKIPPED_PREFIXES):
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    cache_control = response.get("Cache-Control", "")
    return not any(
        word in cache_control for word in ("private", "no-cache", "no-store", "max-age=0")
    )


class PageCacheMiddleware:
    """Serves and stores anonymous page views.

    Placed early (right after WhiteNoise and the interface language), so that a hit costs one
    cache round trip and none of the session, CSRF or authentication work. Each stored page
    carries the generation it was made in; the page and the current generation are fetched
    together (one MGET on Redis) and a page of an older generation is a miss.
    """

    HEADERS = ("Content-Type", "Content-Language", "Link")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_scope.set({})
        try:
            return self.respond(request)
        finally:
            _request_scope.reset(token)

    def respond(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or not request_is_cacheable(request):
            return self.get_response(request)

        key = cache_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        _request_scope.get()["generation"] = generation
        stored = found.get(key)
        if stored is not None and stored.get("generation") == generation:
            response = self.rebuild(stored)
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if not response_is_cacheable(request, response):
                return response
            cache.set(key, {**self.freeze(response), "generation": generation}, seconds)
            response["X-Cache"] = "miss"

        # A CDN may keep public pages as long as we do; browsers revalidate sooner.
        patch_cache_control(response, public=True, max_age=min(seconds, 60), s_maxage=seconds)
        patch_vary_headers(response, ["Cookie"])
        return response

    def freeze(self, response):
        return {
            "content": response.content,
            "status": response.status_code,
            "headers": {name: response[name] for name in self.HEADERS if name in response},
        }

    def rebuild(self, stored):
        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"].items():
            response[name] = value
        return response
