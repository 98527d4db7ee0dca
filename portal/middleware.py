"""Interface language from a cookie only.

The content is Dutch; the interface (buttons, labels, messages) can be switched to English with
the link in the footer. The browser's Accept-Language is ignored on purpose: a visitor should not
get an English interface around Dutch content without asking for it, and cached pages stay
predictable (the cache key includes the active language).
"""

import logging

from django.conf import settings
from django.utils import translation

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
