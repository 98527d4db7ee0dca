"""GET /api/partners/ and /api/partners/{id}/, and the OpenAPI document."""

import re

import pytest

from partners.places import months
from tests.partners.factories import directory_partners

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(site_tree):
    return directory_partners()


QUERIES = [
    "",
    "domein=stem&domein=voeding-en-horeca&sorteer=naam",
    "q=bakkerij&aanbod=snuffelstage",
    "bij=Gent&straal=50&plaatsen=1",
    "soort=bedrijf&provincie=oost-vlaanderen&sorteer=recent",
]

SLUGS = list(months.SLUGS.values())

# Counted by hand from directory_partners() (five published partners, one draft that never
# counts): a filter's own facet ignores that filter (the other options stay choosable); the
# other facets count within the result. Options with no partner are left out here.
FACETS_OF_ALL = {
    "aanbod": {
        "leerlingenstage": 4,
        "snuffelstage": 2,
        "observatiestage": 1,
        "gastles": 1,
        "werkplek-duaal-leren": 1,
        "project-met-een-bedrijf": 1,
    },
    "domein": {
        "taal-en-cultuur": 1,
        "stem": 2,
        "economie-en-organisatie": 1,
        "maatschappij-en-welzijn": 1,
        "voeding-en-horeca": 2,
    },
    "vorm": {"doorstroom": 2, "dubbele-finaliteit": 2, "arbeidsmarkt": 3, "dbso": 1, "hbo5": 1},
    "sector": {
        "voeding": 1,
        "horeca-en-toerisme": 1,
        "onderwijs": 1,
        "ict": 1,
        "auto-en-mobiliteit": 1,
    },
    "provincie": {"antwerpen": 1, "limburg": 1, "oost-vlaanderen": 2, "west-vlaanderen": 1},
    "soort": {"bedrijf": 3, "school": 1, "sectororganisatie": 1},
    # Places confirmed for this school year: the bakery, the hotel, the web agency.
    "plaatsen": {"1": 3},
    # The same three gave their places as one number a year: open in every month.
    "periode": dict.fromkeys(SLUGS, 3),
}
KNOWN = {
    "": (5, FACETS_OF_ALL),
    # STEM or Voeding en horeca: all but the adult education centre (Hasselt, Limburg).
    "domein=stem&domein=voeding-en-horeca&sorteer=naam": (
        4,
        {
            "aanbod": {
                "leerlingenstage": 4,
                "snuffelstage": 2,
                "werkplek-duaal-leren": 1,
                "project-met-een-bedrijf": 1,
            },
            "domein": FACETS_OF_ALL["domein"],
            "vorm": {
                "doorstroom": 1,
                "dubbele-finaliteit": 2,
                "arbeidsmarkt": 3,
                "dbso": 1,
                "hbo5": 1,
            },
            "sector": {
                "voeding": 1,
                "horeca-en-toerisme": 1,
                "ict": 1,
                "auto-en-mobiliteit": 1,
            },
            "provincie": {"antwerpen": 1, "oost-vlaanderen": 2, "west-vlaanderen": 1},
            "soort": {"bedrijf": 3, "sectororganisatie": 1},
            "plaatsen": {"1": 3},
            "periode": dict.fromkeys(SLUGS, 3),
        },
    ),
}


@pytest.mark.parametrize("query", QUERIES)
def test_the_api_gives_the_known_counts_and_the_same_results_as_the_page(client, partners, query):
    data = client.get(f"/api/partners/?{query}").json()
    html = client.get(f"/partners/?{query}").content.decode()
    page_names = re.findall(r'<h3 class="partner-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert [result["name"] for result in data["results"]] == page_names
    if query in KNOWN:
        count, facets = KNOWN[query]
        assert data["count"] == count
        assert {
            facet["param"]: {o["slug"]: o["count"] for o in facet["options"] if o["count"]}
            for facet in data["facets"]
        } == facets
    # Values no published partner has are left off the page (they cannot match); the API lists them.
    unmatchable = {
        (facet["param"], option["slug"])
        for facet in client.get("/api/partners/").json()["facets"]
        for option in facet["options"]
        if option["count"] == 0
    }
    for facet in data["facets"]:
        for option in facet["options"]:
            label = f'for="f-{facet["param"]}-{option["slug"]}">'
            if (facet["param"], option["slug"]) in unmatchable:
                assert label not in html, (facet["param"], option["slug"])
                continue
            # The page shows the same count next to each checkbox.
            assert re.search(
                re.escape(label) + r"[^<]*<span class=\"facet__count\">\(" + str(option["count"]),
                html,
            ), (facet["param"], option["slug"])


def test_list_shape_and_pagination(client, partners):
    response = client.get("/api/partners/?sorteer=naam&page=2&page_size=2")
    assert response["Access-Control-Allow-Origin"] == "*"  # open data
    data = response.json()
    assert data["count"] == 5 and data["num_pages"] == 3 and data["page"] == 2
    assert len(data["results"]) == 2
    copied = client.get("/api/partners/?sorteer=naam&pagina=2&page_size=2").json()
    assert copied["page"] == 2 and copied["results"] == data["results"]
    first = data["results"][0]
    assert set(first) >= {"id", "name", "url", "kinds", "study_domains", "province", "sector"}
    assert first["url"].startswith("http://testserver/partners/")
    assert "contact_email" not in first and "contact_name" not in first
    distance = client.get("/api/partners/?bij=9000&straal=10").json()
    assert distance["place"]["radius_km"] == 10
    assert {r["name"] for r in distance["results"]} == {
        partners["bakery"].name,
        partners["garage"].name,
    }
    assert all(r["distance_km"] < 10 for r in distance["results"])
    assert [c["km"] for c in distance["place"]["radius_counts"]] == [5, 10, 20, 50]


def test_invalid_parameters_are_a_json_400_that_lists_them(client, partners):
    response = client.get(
        "/api/partners/?domein=onbekend&straal=7&page=nul&page_size=1000&kleur=rood&bij=Atlantis"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    errors = response.json()["errors"]
    assert set(errors) == {"domein", "straal", "page", "page_size", "kleur", "bij"}
    assert response.json()["detail"] == "Ongeldige parameters."
    beyond = client.get("/api/partners/?page=9")
    assert beyond.status_code == 400 and "page" in beyond.json()["errors"]


def test_detail_and_404(client, partners):
    bakery = partners["bakery"]
    data = client.get(f"/api/partners/{bakery.pk}/").json()
    assert data["name"] == bakery.name
    assert data["description_html"].startswith("<p>")
    assert [k["slug"] for k in data["kinds"]] == ["leerlingenstage", "snuffelstage"]
    assert "contact_email" not in data
    missing = client.get(f"/api/partners/{partners['draft'].pk}/")
    assert missing.status_code == 404
    assert missing.json()["detail"] == "Deze partner bestaat niet of is niet gepubliceerd."
    assert client.get("/api/partners/999999/").status_code == 404


def test_the_openapi_document_lists_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    listing = schema["paths"]["/api/partners/"]["get"]
    detail = schema["paths"]["/api/partners/{id}/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert names == {
        "q",
        "aanbod",
        "domein",
        "vorm",
        "sector",
        "provincie",
        "soort",
        "periode",
        "plaatsen",
        "bij",
        "straal",
        "sorteer",
        "page",
        "pagina",
        "page_size",
    }
    assert all(parameter.get("description") for parameter in listing["parameters"])
    assert set(listing["responses"]) == {"200", "400"}
    assert set(detail["responses"]) == {"200", "404"}
    assert detail["parameters"][0]["schema"]["type"] == "integer"
    components = schema["components"]["schemas"]
    assert {
        "PartnerListOut",
        "PartnerOut",
        "PartnerDetailOut",
        "DirectoryErrorOut",
        "FacetOut",
    } <= set(components)
    assert "contact_email" not in str(components)
