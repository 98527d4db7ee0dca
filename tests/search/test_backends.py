"""The same search behaviour on every backend the portal supports.

- "database": Wagtail's database backend on the database in use (always runs; on PostgreSQL with
  the `dutch` full-text configuration, on SQLite with FTS5 and no stemming).
- "elasticsearch": a real Elasticsearch 9 server at ELASTICSEARCH_URL; skipped without one.
- "opensearch": a real OpenSearch 3 server at OPENSEARCH_URL; skipped without one.
- "opensearch-emulator": osmem-server, an in-memory emulator that answers like OpenSearch. It runs
  the index-and-query path of the OpenSearch backend; it is not Elasticsearch and does not
  implement Dutch stemming, so the stemming tests skip on it.
"""

import os
import uuid
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import connection

from tests.factories import ContentPageFactory, NewsIndexPageFactory, NewsPageFactory
from tests.partners.factories import PartnerFactory, published_partner

BACKENDS = ["database", "elasticsearch", "opensearch", "opensearch-emulator"]


def backend_settings(name, url, prefix):
    from portal.settings.base import SEARCH_INDEX_SETTINGS

    module = {"elasticsearch": "elasticsearch9", "opensearch": "opensearch3"}[name]
    return {
        "default": {
            "BACKEND": f"wagtail.search.backends.{module}",
            "URLS": [url],
            "INDEX_PREFIX": prefix,
            "TIMEOUT": 10,
            "ATOMIC_REBUILD": True,
            "INDEX_SETTINGS": SEARCH_INDEX_SETTINGS,
        }
    }


@pytest.fixture(params=BACKENDS)
def backend(request, settings):
    name = request.param
    prefix = f"wpp_test_{uuid.uuid4().hex[:8]}_"
    if name == "database":
        yield {"name": name, "stems": connection.vendor == "postgresql"}
        return
    if name == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            pytest.skip(
                "no Elasticsearch server: set ELASTICSEARCH_URL to run these tests against one"
            )
        settings.WAGTAILSEARCH_BACKENDS = backend_settings("elasticsearch", url, prefix)
        stems = True
    elif name == "opensearch":
        url = os.environ.get("OPENSEARCH_URL")
        if not url:
            pytest.skip("no OpenSearch server: set OPENSEARCH_URL to run these tests against one")
        settings.WAGTAILSEARCH_BACKENDS = backend_settings("opensearch", url, prefix)
        stems = True
    else:
        url = request.getfixturevalue("osmem_url")
        settings.WAGTAILSEARCH_BACKENDS = backend_settings("opensearch", url, prefix)
        stems = False
    yield {"name": name, "stems": stems}
    if name in ("elasticsearch", "opensearch"):
        from wagtail.search.backends import get_search_backend

        client = get_search_backend().es
        client.indices.delete(index=f"{prefix}*", ignore_unavailable=True)


def reindex():
    call_command("update_index", stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def corpus(site_tree):
    home = site_tree["home"]
    news = NewsIndexPageFactory(parent=home)
    pages = {
        "stage_title": ContentPageFactory(
            parent=home,
            title="De stage",
            slug="de-stage",
            intro="Alles over het werk van leerlingen.",
        ),
        "stage_body": ContentPageFactory(
            parent=home,
            title="Leren op de werkplek",
            slug="leren-op-de-werkplek",
            intro="Een leerling die een stage loopt, leert veel.",
        ),
        "company": NewsPageFactory(
            parent=news, title="Een bedrijf zoekt leerlingen", intro="Nieuws."
        ),
        "draft": NewsPageFactory(
            parent=news, title="Stage in het geheim", intro="Concept.", live=False
        ),
    }
    pages["bouw_limburg"] = published_partner(
        name="Bouwbedrijf Maasrand (fictief)",
        postcode="3600",
        municipality="Genk",
        description="<p>Wij bouwen woningen.</p>",
    )
    pages["draft_partner"] = PartnerFactory(name="Onzichtbare Stagebouw (fictief)")
    return pages


def found(client, query, kind=None):
    params = {"q": query}
    if kind:
        params["soort"] = kind
    response = client.get("/zoeken/", params)
    assert response.status_code == 200
    assert not response.context["unavailable"], "the search backend did not answer"
    if kind:
        return [result["title"] for result in response.context["results"]]
    return [result["title"] for group in response.context["grouped"] for result in group["results"]]


@pytest.mark.django_db
def test_finds_published_content_only(client, backend, corpus):
    reindex()
    titles = found(client, "stage")
    assert "De stage" in titles
    assert "Stage in het geheim" not in titles
    assert "Onzichtbare Stagebouw (fictief)" not in found(client, "Onzichtbare")


@pytest.mark.django_db
def test_partner_found_by_sector_and_province(client, backend, corpus):
    reindex()
    assert found(client, "bouw Limburg", kind="partners") == ["Bouwbedrijf Maasrand (fictief)"]


@pytest.mark.django_db
def test_title_match_ranks_above_body_match(client, backend, corpus):
    reindex()
    titles = found(client, "stage", kind="paginas")
    assert titles.index("De stage") < titles.index("Leren op de werkplek")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stages", "De stage"),
        ("bedrijven", "Een bedrijf zoekt leerlingen"),
        ("leerling", "Een bedrijf zoekt leerlingen"),
    ],
)
def test_singular_and_plural_find_each_other(client, backend, corpus, query, expected):
    # Query expansion (search/dutch.py) makes this hold on every backend, SQLite included.
    reindex()
    assert expected in found(client, query)


@pytest.mark.django_db
def test_dutch_stemming_of_the_backend(client, backend, corpus):
    """Beyond singular and plural: "begeleiden" finds "begeleiding" through the Dutch stemmer."""
    if not backend["stems"]:
        reason = {
            "database": "SQLite's full-text search has no Dutch stemming (run on PostgreSQL)",
            "opensearch-emulator": "the osmem emulator does not implement the Dutch stemmer",
        }[backend["name"]]
        if backend["name"] == "database":
            from tests.conftest import require

            require("WPP_REQUIRE_POSTGRES", reason)
        pytest.skip(reason)
    ContentPageFactory(
        parent=corpus["stage_title"].get_parent(),
        title="Mentoren",
        slug="mentoren",
        intro="Goede begeleiding op de werkvloer.",
    )
    reindex()
    assert "Mentoren" in found(client, "begeleiden")


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["Bouwbedr", "maasrnd"])
def test_the_directory_finds_part_of_a_name_or_a_misspelling(client, backend, corpus, text):
    """partners/directory/name_search.py: pg_trgm on PostgreSQL, the backend's own edge n-grams and
    fuzziness on Elasticsearch and OpenSearch (LIKE on SQLite: parts of names only)."""
    if text == "maasrnd" and backend["name"] == "database" and connection.vendor != "postgresql":
        pytest.skip("SQLite matches parts of names only; resemblance needs pg_trgm")
    reindex()
    html = client.get("/partners/", {"q": text}).content.decode()
    assert "Bouwbedrijf Maasrand (fictief)" in html
    assert "Onzichtbare Stagebouw" not in html
