"""The portal's public API (django-ninja, which Wagtail 8 brings), mounted at /api/.

The OpenAPI document is served at /api/openapi.json and browsable at /api/docs.
Routers: partners/api/directory.py (the directory, read-only) and
partners/api/registrations.py (company registration).
"""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Werkplekportaal API",
    version="1.0",
    description=(
        "Open data of the Werkplekportaal partner directory (published partners only, never "
        "private contact data) and the company registration endpoint."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)

# Routers are added here, each in its own module (imported after `api` exists).
from partners.api import registrations  # noqa: E402
from partners.api.directory import router as directory_router  # noqa: E402

api.add_router("/registrations/", registrations.router)
api.add_router("", directory_router)
