"""The directory as open data: `GET /api/partners/` and `GET /api/partners/{id}/`.

The list takes the directory page's own query parameters (q, domein, vorm, aanbod, sector,
provincie, soort, plaatsen, bij, straal, sorteer; repeat a parameter for several values) and
answers with the same results and facet counts as the page, because both go through
partners.directory.query.DirectorySearch. Only published partners, never the private contact fields.
"""

from ninja import Router, Schema, Status

from django.core.paginator import InvalidPage
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from partners import fields as partner_fields
from partners import schemas
from partners.directory.query import (
    FACETS,
    MULTI_FACETS,
    RADIUS_CHOICES,
    SORT_CHOICES,
    DirectorySearch,
)
from partners.models import Partner, PartnerDirectoryPage, PartnerKind
from partners.places import months
from partners.places.api import PlacesOut, places_data
from partners.places.queries import attach_summaries, summary_for

router = Router(tags=["Partnergids"])

# Open data without credentials: any web page may read it.
CORS_HEADER = "Access-Control-Allow-Origin"
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
PAGINATION_PARAMS = ("page", "page_size")


# A partner as the API gives it: its public fields from the one declaration
# (partners/fields.py), with what the API computes placed after the field it explains.
PartnerOut, PartnerDetailOut = schemas.partner_schemas(
    extra={
        "kind": {"kind_label": (str, ...), "url": (str | None, ...)},
        "longitude": {"distance_km": (float | None, None)},
        "places_per_year": {"has_places_this_school_year": (bool, ...)},
    },
    first={"id": (int, ...)},
    last={"places": (PlacesOut | None, None)},
)


class FacetOptionOut(Schema):
    slug: str
    name: str
    count: int
    selected: bool


class FacetOut(Schema):
    param: str
    label: str
    options: list[FacetOptionOut]


class RadiusCountOut(Schema):
    km: int
    count: int


class PlaceOut(Schema):
    query: str
    label: str
    latitude: float
    longitude: float
    radius_km: int
    radius_counts: list[RadiusCountOut]


class PartnerListOut(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    sort: str
    place: PlaceOut | None
    facets: list[FacetOut]
    results: list[PartnerOut]


class DirectoryErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _parameter(name, description, schema, *, explode=False):
    parameter = {"in": "query", "name": name, "required": False, "description": description}
    parameter["schema"] = schema
    if explode:
        parameter.update({"style": "form", "explode": True})
    return parameter


def openapi_parameters():
    """The list's query parameters, described from the directory's own definitions."""
    parameters = [
        _parameter(
            "q",
            "Free text (name, municipality, description, sector...). Words are AND-ed; "
            "on PostgreSQL with Dutch stemming.",
            {"type": "string", "maxLength": 200},
        ),
    ]
    descriptions = {
        "aanbod": "Kind of workplace learning (slug), e.g. snuffelstage",
        "domein": "Study domain (slug), e.g. stem",
        "vorm": "Education form (slug), e.g. dbso",
        "sector": "Sector (slug), e.g. bouw",
        "provincie": "Province (slug), e.g. limburg",
        "soort": "Kind of partner",
        "periode": "A month of this school year in which the partner has confirmed open "
        "places (januari ... december), e.g. februari",
    }
    for facet in MULTI_FACETS:
        schema = {"type": "array", "items": {"type": "string"}}
        if facet.param == "soort":
            schema["items"]["enum"] = list(PartnerKind.values)
        if facet.param == "periode":
            schema["items"]["enum"] = [months.SLUGS[month] for month in months.ORDER]
        parameters.append(
            _parameter(
                facet.param,
                f"{descriptions[facet.param]}. Repeat the parameter for several values: they "
                "are OR-ed within the parameter and AND-ed with the other filters. Valid slugs "
                "are listed in the response's facets.",
                schema,
                explode=True,
            )
        )
    parameters += [
        _parameter(
            "plaatsen",
            "1: only partners with places this school year (places > 0, confirmed since "
            "1 September).",
            {"type": "string", "enum": ["1", "0"]},
        ),
        _parameter(
            "bij",
            "A Belgian postcode or municipality; limits to partners within `straal` km and "
            "allows sorteer=afstand. An unknown place is a 400 error.",
            {"type": "string", "maxLength": 100},
        ),
        _parameter(
            "straal",
            "Radius in km around `bij` (default 20).",
            {"type": "integer", "enum": list(RADIUS_CHOICES), "default": 20},
        ),
        _parameter(
            "sorteer",
            "Order: relevantie (needs q; the default with q), afstand (needs bij; the default "
            "with bij and without q), naam (the default otherwise), recent (last confirmed "
            "first). An order that does not apply falls back to the default.",
            {"type": "string", "enum": [value for value, _label in SORT_CHOICES]},
        ),
        _parameter("page", "Page number, from 1.", {"type": "integer", "minimum": 1, "default": 1}),
        _parameter(
            "pagina",
            "The directory page's name for `page` (accepted so copied links work); `page` wins.",
            {"type": "integer", "minimum": 1},
        ),
        _parameter(
            "page_size",
            f"Results per page, at most {MAX_PAGE_SIZE}.",
            {
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_PAGE_SIZE,
                "default": DEFAULT_PAGE_SIZE,
            },
        ),
    ]
    return parameters


KNOWN_PARAMS = {"q", "bij", "straal", "sorteer", "plaatsen", "pagina", *PAGINATION_PARAMS} | {
    facet.param for facet in FACETS
}


def _positive_int(request, name, default, maximum=None):
    text = request.GET.get(name)
    if text in (None, ""):
        return default, None
    try:
        value = int(text)
    except ValueError:
        return default, _("Geef een geheel getal.")
    if value < 1:
        return default, _("Geef een getal vanaf 1.")
    if maximum is not None and value > maximum:
        return default, _("Hoogstens %(maximum)s.") % {"maximum": maximum}
    return value, None


def _directory(request):
    """The live directory page, for the partners' public URLs (None without one)."""
    if not hasattr(request, "_partner_directory"):
        request._partner_directory = PartnerDirectoryPage.objects.live().first()
    return request._partner_directory


def _term(term):
    return {"slug": term.slug, "name": term.name} if term is not None else None


def _terms(partner, name):
    """A many-to-many relation's terms: attached by the directory search, else prefetched."""
    term_lists = getattr(partner, "term_lists", None)
    return term_lists[name] if term_lists is not None else getattr(partner, name).all()


def _value(partner, declared):
    """A declared field's value as the API gives it (its JSON type follows from its kind)."""
    value = getattr(partner, declared.name)
    if declared.kind == partner_fields.TAXONOMY:
        return _term(value)
    if declared.kind == partner_fields.TAXONOMIES:
        return [_term(term) for term in _terms(partner, declared.name)]
    if declared.kind == partner_fields.CODES:
        return list(value or [])
    return value


# The declared fields the API gives: the public ones (the contact person never leaves the site).
API_FIELDS = [
    declared for declared in partner_fields.FIELDS if declared.visibility == partner_fields.PUBLIC
]


def serialise(partner, request, *, detail=False):
    directory = _directory(request)
    url = None
    if directory is not None:
        url = request.build_absolute_uri(partner.get_url_path(directory))
    data = {
        schemas.output_name(declared): _value(partner, declared)
        for declared in API_FIELDS
        if detail or declared.api == partner_fields.LIST
    }
    data.update(
        {
            "id": partner.pk,
            "url": url,
            "kind_label": str(partner.get_kind_display()),
            "distance_km": round(partner.distance, 2) if hasattr(partner, "distance") else None,
            "has_places_this_school_year": partner.has_places_this_school_year,
            "places": places_data(summary_for(partner)),
        }
    )
    return data


@router.get(
    "/partners/",
    response={200: PartnerListOut, 400: DirectoryErrorOut},
    summary="Search the partner directory",
    description=(
        "Published partners matching the filters, with the facet counts of the directory page "
        "(disjunctive: a value's count applies all the other filters). Invalid or unknown "
        "parameters give a 400 error that lists them."
    ),
    openapi_extra={"parameters": openapi_parameters()},
    url_name="partner_list",
)
def list_partners(request: HttpRequest, response: HttpResponse):
    response[CORS_HEADER] = "*"
    search = DirectorySearch(request.GET)
    errors = {
        name: [str(message) for message in messages] for name, messages in search.problems.items()
    }
    for name in sorted(set(request.GET) - KNOWN_PARAMS):
        errors[name] = [_("Onbekende parameter.")]
    # The page reads anything but "1" as "no filter"; the API says what it takes.
    if request.GET.get("plaatsen", "") not in ("", "0", "1"):
        errors["plaatsen"] = [_("Geef 1 of 0.")]
    # `pagina` (the page's own name) works too, so a link copied from the page keeps its page.
    page, error = _positive_int(request, "page" if "page" in request.GET else "pagina", 1)
    if error:
        errors["page"] = [error]
    page_size, error = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    if error:
        errors["page_size"] = [error]
    if errors:
        return Status(400, {"detail": _("Ongeldige parameters."), "errors": errors})

    try:
        page_obj = search.paginate(page, page_size, strict=True)
    except InvalidPage:
        pages = max(1, -(-search.count // page_size))
        return Status(
            400,
            {
                "detail": _("Ongeldige parameters."),
                "errors": {"page": [_("Er zijn maar %(pages)s pagina's.") % {"pages": pages}]},
            },
        )
    place = None
    if search.place:
        place = {
            "query": search.place_text,
            "label": search.place.label,
            "latitude": search.place.latitude,
            "longitude": search.place.longitude,
            "radius_km": search.radius,
            "radius_counts": [
                {"km": km, "count": total} for km, total in search.radius_counts.items()
            ],
        }
    return {
        "count": page_obj.paginator.count,
        "page": page_obj.number,
        "page_size": page_size,
        "num_pages": page_obj.paginator.num_pages,
        "sort": search.sort,
        "place": place,
        "facets": [
            {
                "param": facet.param,
                "label": str(facet.label),
                "options": [vars(option) for option in facet.options],
            }
            for facet in search.facets
        ],
        "results": [
            serialise(partner, request) for partner in attach_summaries(page_obj.object_list)
        ],
    }


@router.get(
    "/partners/{int:id}/",
    response={200: PartnerDetailOut, 404: DirectoryErrorOut},
    summary="One published partner",
    description="A published partner by its id; drafts and unknown ids are 404.",
    url_name="partner_detail",
)
def get_partner(request: HttpRequest, response: HttpResponse, id: int):  # noqa: A002
    response[CORS_HEADER] = "*"
    partner = (
        Partner.objects.published()
        .select_related("province", "sector")
        .prefetch_related("kinds", "study_domains", "education_forms")
        .filter(pk=id)
        .first()
    )
    if partner is None:
        return Status(404, {"detail": _("Deze partner bestaat niet of is niet gepubliceerd.")})
    return serialise(partner, request, detail=True)
