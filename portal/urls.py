from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from partners.api import api
from portal import routing, views
from portal.csp import with_admin_csp

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    *[path(name, views.root_icon, {"name": name}, name="root_icon") for name in views.ROOT_ICONS],
    path(
        "sitemap.xml",
        cache_page(3600)(sitemap),
        {"sitemaps": {"pages": Sitemap}},
        name="sitemap",
    ),
    path("taal/<str:language>/", views.set_interface_language, name="set_interface_language"),
    path("api/", api.urls),
    # Anything else under /api/ is a JSON 404, never the site's HTML page.
    re_path(r"^api/", views.api_not_found, name="api_not_found"),
    path("admin/", include(with_admin_csp(wagtailadmin_urls.urlpatterns))),
    path("documenten/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's front-end URLs (the password form of protected pages, its login), then its page
    # serving with cached routes (portal/routing.py): same pattern and name, so page URLs
    # reverse as before. The catch-all serve pattern must come last.
    *[url for url in wagtail_urls.urlpatterns if getattr(url, "name", "") != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
]

handler400 = "portal.errors.bad_request"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
