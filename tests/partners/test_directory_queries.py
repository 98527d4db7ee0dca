"""The number of SQL queries of the directory does not grow with the results shown."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.demo.generate import generate

pytestmark = pytest.mark.django_db

URLS = [
    "/partners/",
    "/partners/?q=fictief&plaatsen=1&sorteer=naam",
    "/partners/?q=fictief&domein=stem&provincie=oost-vlaanderen",
    "/partners/?bij=9000&straal=50&aanbod=leerlingenstage&sorteer=afstand",
    "/partners/?sorteer=recent&pagina=2",
    "/api/partners/?q=fictief&page_size=20",
    "/api/partners/?bij=Hasselt&straal=50&page_size=5",
]
# Wagtail's routing and site settings, the index check, the search, the rows and their terms.
MAX_QUERIES = 20


def queries_per_url(client):
    counts = {}
    for url in URLS:
        client.get(url)  # the first request after a change rebuilds the facet index
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(captured.captured_queries)
    return counts


@pytest.mark.parametrize("page_size", [5, 20])
def test_queries_are_constant_for_10_or_200_partners(
    client, site_tree, settings, django_assert_max_num_queries, page_size
):
    settings.PARTNERS_DIRECTORY_PAGE_SIZE = page_size
    generate(10, seed=1)
    few = queries_per_url(client)
    generate(190, seed=2)
    many = queries_per_url(client)
    assert few == many
    for url in URLS:
        with django_assert_max_num_queries(MAX_QUERIES):
            client.get(url)


def test_a_rebuild_of_the_index_costs_a_fixed_number_of_queries(client, site_tree):
    generate(10, seed=3)
    client.get("/partners/")
    generate(1, seed=4)  # a change: the next request rebuilds
    with CaptureQueriesContext(connection) as first:
        client.get("/partners/")
    generate(150, seed=5)
    with CaptureQueriesContext(connection) as second:
        client.get("/partners/")
    assert len(first.captured_queries) == len(second.captured_queries)
