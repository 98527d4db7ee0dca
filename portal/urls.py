from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from partners.alerts.views import one_click_unsubscribe
from partners.api import api
from portal import views
from portal.csp import with_admin_csp

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    *[path(name, views.root_icon, {"name": name}, name="root_icon") for name in views.ROOT_ICONS],
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": {"pages": Sitemap}},
        name="sitemap",
    ),
    path("taal/<str:language>/", views.set_interface_language, name="set_interface_language"),
    path("api/docs", RedirectView.as_view(url="/api/docs/", permanent=True), name="api_docs"),
    path("api/", api.urls),
    # Anything else under /api/ is a JSON 404, never the site's HTML page.
    re_path(r"^api/", views.api_not_found, name="api_not_found"),
    # The List-Unsubscribe address of the search alerts (partners/alerts/views.py).
    path(
        "zoekopdrachten/uitschrijven/<str:token>/",
        one_click_unsubscribe,
        name="alert_one_click_unsubscribe",
    ),
    path("admin/", include(with_admin_csp(wagtailadmin_urls.urlpatterns))),
    path("documenten/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's front-end URLs and page serving; the catch-all serve pattern must come last.
urlpatterns += [path("", include(wagtail_urls))]

handler400 = "portal.errors.bad_request"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
