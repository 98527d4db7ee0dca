"""Site-wide views that are not pages: health check, robots.txt, icons, interface language."""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def check_cache():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not return what was stored")
    return {"backend": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]}


def check_search():
    backend = get_search_backend()
    name = type(backend).__name__
    client = getattr(backend, "es", None) or getattr(backend, "client", None)
    if client is not None and not client.ping():
        raise RuntimeError("the search server does not answer")
    return {"backend": name}


# The database is essential; without cache or search the site still serves pages (degraded).
CHECKS = {
    "database": (check_database, True),
    "cache": (check_cache, False),
    "search": (check_search, False),
}


@never_cache
@require_GET
def healthz(request):
    """State of database, cache and search backend, as JSON for load balancers and monitoring.

    200 when the site can serve pages (status "ok" or "degraded"), 503 when the database is down.
    """
    parts = {}
    status = "ok"
    for name, (check, essential) in CHECKS.items():
        try:
            parts[name] = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 - any failure is a state to report
            logger.warning("healthz: %s unavailable: %s", name, type(error).__name__)
            parts[name] = {"ok": False, "error": type(error).__name__}
            status = "down" if essential else ("degraded" if status == "ok" else status)
    return JsonResponse({"status": status, **parts}, status=503 if status == "down" else 200)


def api_not_found(request):
    """Unknown URLs under /api/ (a wrong id, a typo): the API's JSON error shape."""
    return JsonResponse(
        {
            "detail": _("Deze API-URL bestaat niet. Zie %(docs)s voor wat er is.")
            % {"docs": request.build_absolute_uri(reverse("api:openapi-view"))},
            "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        },
        status=404,
    )


@require_GET
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /zoeken/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


# Icons that browsers and phones ask for at fixed addresses, whatever the page links to.
ROOT_ICONS = {
    "favicon.ico": "portal/img/favicon.ico",
    "apple-touch-icon.png": "portal/img/apple-touch-icon.png",
    "apple-touch-icon-precomposed.png": "portal/img/apple-touch-icon.png",
}


@require_GET
@cache_control(public=True, max_age=86400)
def root_icon(request, name):
    """Redirect to the icon among the static files (hashed, cached for a year, compressed by
    WhiteNoise); a temporary redirect, since the hashed address changes with the file."""
    return HttpResponseRedirect(static(ROOT_ICONS[name]))


@require_GET
def set_interface_language(request, language):
    """Switch the interface language with a plain link (no form, so cached pages stay valid)."""
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=365 * 24 * 3600,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            httponly=True,
        )
    return response
