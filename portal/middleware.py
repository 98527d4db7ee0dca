"""Interface language from a cookie only.

The content is Dutch; the interface (buttons, labels, messages) can be switched to English with
the link in the footer. The browser's Accept-Language is ignored on purpose: a visitor should not
get an English interface around Dutch content without asking for it, and pages cached at the
edge stay predictable (they vary on the Cookie header, which the edge reduces to this cookie).
"""

import logging

from django.conf import settings
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)


class InterfaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.supported or request.path.startswith("/admin/"):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


class CacheControlMiddleware:
    """Cache-Control for the edge cache in front of the app (Varnish or a CDN, deploy/varnish/).

    A response may be kept at the edge (public, s-maxage=EDGE_CACHE_SECONDS) only when it is
    the same for every visitor: a 200 to a GET or HEAD without a session cookie or an
    Authorization header, outside the admin, that sets no cookie (a CSRF token in a form sets
    one), and that the view did not mark private or no-store itself (search results, pages
    behind a view restriction or password). Everything else is `private, no-store`. Browsers
    revalidate after BROWSER_CACHE_SECONDS; the edge keeps a page until it expires or a change
    purges it (portal.signal_handlers, wagtail.contrib.frontend_cache).

    Placed after WhiteNoise (static files keep their own long max-age) and before the
    session, CSRF and authentication middleware, so that it sees the cookies they set.
    """

    PRIVATE_PREFIXES = ("/admin/", "/documenten/", "/healthz", "/taal/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public(request, response):
            patch_cache_control(
                response,
                public=True,
                max_age=settings.BROWSER_CACHE_SECONDS,
                s_maxage=settings.EDGE_CACHE_SECONDS,
            )
            patch_vary_headers(response, ["Cookie"])
        else:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


def is_public(request, response):
    """Whether `response` is the same for every visitor and may be kept at the edge."""
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return False
    if request.path.startswith(CacheControlMiddleware.PRIVATE_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


class SecurityHeadersMiddleware:
    """Headers Django does not set itself: Permissions-Policy and Cross-Origin-Opener-Policy.

    The Content-Security-Policy comes from Django's own middleware (SECURE_CSP); the admin's
    views get theirs through portal.urls.admin_csp.
    """

    PERMISSIONS_POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
        "microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response


class DatabaseUnavailableMiddleware:
    """A database that is down or unreachable answers 503 with a Dutch page, not a bare 500.

    The page (templates/503.html) is rendered without a request context, so it needs neither
    the database nor a context processor. Transactions roll back as usual: what a visitor sent
    is not half-saved, and the page says so. Errors raised outside a view (a middleware that
    reads the session) still reach handler500, whose page says the same.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError
        from django.http import HttpResponse
        from django.template import loader

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable: %s", type(exception).__name__)
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
