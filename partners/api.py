"""The portal's public API (django-ninja, which Wagtail 8 brings), mounted at /api/.

The OpenAPI document is served at /api/openapi.json and browsable at /api/docs/ (django-ninja's
packaged Swagger UI, served from the site's own static files: "ninja" is in INSTALLED_APPS);
/api/ itself answers with links to both.
Routers: partners/directory/api.py (the directory, read-only), partners/directory/places_api.py
(place suggestions for the directory's place field) and partners/registration/api.py (company
registration).
"""

from ninja import NinjaAPI

from django.urls import reverse

api = NinjaAPI(
    title="Werkplekportaal API",
    version="1.0",
    description=(
        "Open data of the Werkplekportaal partner directory (published partners only, never "
        "private contact data) and the company registration endpoint."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)


@api.get("/", include_in_schema=False, url_name="root")
def root(request):
    """The API's front door: where its documentation and OpenAPI document are."""
    return {
        "title": api.title,
        "version": api.version,
        "docs": request.build_absolute_uri(reverse("api:openapi-view")),
        "openapi": request.build_absolute_uri(reverse("api:openapi-json")),
    }


# Routers are added here, each in its own module (imported after `api` exists).
from partners.directory.api import router as directory_router  # noqa: E402
from partners.directory.places_api import router as places_router  # noqa: E402
from partners.registration import api as registrations  # noqa: E402

api.add_router("/registrations/", registrations.router)
api.add_router("", directory_router)
api.add_router("", places_router)
