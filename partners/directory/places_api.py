"""Place suggestions for the directory's place field, as JSON (partners/directory/place_suggestions.py).

GET /api/places/?q=gen -> {"query": "gen", "places": ["9000 Gent", ...]}. The answer depends on
`q` alone, so the edge keeps it like a public page (portal.middleware.CacheControlMiddleware).
Requests that reach the app are counted by the portal's rate limiter (bucket "places"); over the
limit the answer is 429, which the middleware marks private, no-store.
"""

from ninja import Router, Schema, Status

from django.http import HttpRequest
from django.utils.translation import gettext as _

from partners import ratelimit
from partners.directory.place_suggestions import suggest

router = Router(tags=["Partnergids"])

MAX_QUERY = 60


class PlaceSuggestionsOut(Schema):
    query: str
    places: list[str]


class PlaceSuggestionsErrorOut(Schema):
    detail: str


@router.get(
    "/places/",
    response={200: PlaceSuggestionsOut, 429: PlaceSuggestionsErrorOut},
    summary="Place suggestions for the directory's place field",
    description=(
        "Belgian postcodes and place names that start with (or have a word starting with) `q`, "
        'at most 10, as "9000 Gent": each can be given back as the directory\'s `bij`. '
        "Fewer than two characters give an empty list."
    ),
    url_name="place_suggestions",
)
def place_suggestions(request: HttpRequest, q: str = ""):
    if not ratelimit.hit(request, "places"):
        return Status(
            429,
            {
                "detail": _(
                    "Te veel aanvragen van dit adres. Probeer het over enkele minuten opnieuw."
                )
            },
        )
    query = q[:MAX_QUERY]
    return {"query": query, "places": suggest(query)}
