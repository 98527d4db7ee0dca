"""PostgreSQL only: Dutch stemming in the directory search, and the indexes its queries use."""

import pytest

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, Max
from django.db.models.expressions import CombinedExpression
from django.http import QueryDict

from wagtail.search.models import IndexEntry

from partners.demo.generate import generate
from partners.directory.query import DirectorySearch
from partners.models import Partner
from tests.partners.factories import published_partner

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def names(query):
    return {partner.name for partner in DirectorySearch(QueryDict(query)).iter_results()}


def test_dutch_stemming_finds_the_singular_from_the_plural(site_tree):
    published_partner(
        name="Bakkerij Korenbloem (fictief)", description="<p>Een ambachtelijke bakkerij.</p>"
    )
    published_partner(name="Slagerij Beukedal (fictief)", description="<p>Vlees en wild.</p>")
    assert names("q=bakkerijen") == {"Bakkerij Korenbloem (fictief)"}
    assert names("q=bakkerij") == {"Bakkerij Korenbloem (fictief)"}
    # The related terms' names are indexed with the partner, stemmed too.
    published_partner(name="Garage Kouterhof (fictief)", kinds=["werkplek-duaal-leren"])
    assert names("q=werkplekken") == {"Garage Kouterhof (fictief)"}


@pytest.fixture
def no_seqscan():
    """With a handful of rows the planner rightly scans the table; forbid that to see which
    index each query can use (the plans at 100,000 rows are in tests/perf/bench_directory.py)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    yield


def plan(queryset):
    return queryset.explain()


def test_the_text_search_uses_the_gin_index_and_the_id_index(site_tree, no_seqscan):
    generate(50, seed=11)
    published_partner(name="Zeldzaamwoord Korenbloem (fictief)")
    # The backend's query joins the matches to their partners through the id-as-text index.
    text_query = Partner.objects.search("zeldzaamwoord").get_queryset().values_list("pk")
    assert "partner_id_text" in plan(text_query)
    # Its text predicate, (title || body) @@ query, can use the GIN index of migration 0004
    # (with only partners indexed here the planner prefers the content type index; at 100,000
    # partners it takes the GIN index, see tests/perf/bench_directory.py --explain).
    vector = CombinedExpression(F("title"), "||", F("body"), output_field=SearchVectorField())
    match = IndexEntry.objects.annotate(vector=vector).filter(
        vector=SearchQuery("zeldzaamwoord", config="dutch")
    )
    assert "wagtailsearch_indexentry_title_body_gin" in plan(match)


def test_the_index_check_and_the_distance_filter_use_their_indexes(site_tree, no_seqscan):
    published_partner()
    newest = Partner.objects.aggregate(newest=Max("updated_at"))
    assert newest["newest"] is not None
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN SELECT MAX(updated_at) FROM partners_partner")
        newest_plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "partner_updated" in newest_plan
    assert "partner_location" in plan(Partner.objects.published().near(51.05, 3.72, 10))


def test_the_partners_block_reads_the_recently_confirmed_index(site_tree, no_seqscan):
    from partners.directory.teasers import _partners_offering

    generate(50, seed=12)
    with connection.cursor() as cursor:
        # With 50 rows the planner may as well sort them; forbid sorting too, so the plan shows
        # whether an index can give this order at all (at 100,000 rows it is chosen by cost:
        # 150 ms -> 1 ms, see partners/migrations/0007).
        cursor.execute("SET LOCAL enable_sort = off")
    query = (
        Partner.objects.published()
        .offering(kinds=["leerlingenstage"])
        .order_by(F("last_confirmed").desc(nulls_last=True), "name")[:3]
    )
    assert "partner_live_recent" in plan(query)
    # The teasers come in that order: most recently confirmed first, never-confirmed last.
    from partners.models import PartnerDirectoryPage

    assert PartnerDirectoryPage.objects.live().exists()
    teasers = _partners_offering("leerlingenstage", 3)
    expected = [partner.name for partner in query]
    assert [teaser["name"] for teaser in teasers] == expected
    assert len(expected) == 3
