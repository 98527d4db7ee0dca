"""Issue 17, point 5: nothing a single visitor typed appears on a public page; editors still
see the whole log in the admin; the retention rules purge it."""

import datetime

import pytest

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion

from search.models import ZeroResultDailyHits
from tests.factories import ContentPageFactory
from tests.support.otp import sign_in

pytestmark = pytest.mark.django_db

TYPED = ["jan.peeters@example.be", "Lotte Vermeulen", "0470123456", "BE0123456749"]


@pytest.fixture
def typed(client, site_tree):
    ContentPageFactory(parent=site_tree["home"], title="Stage zoeken", intro="Over de stage.")
    SearchPromotion.objects.create(query=Query.get("stage"), page=site_tree["search"], sort_order=0)
    # Many times each, as if by many visitors: still never public.
    for query in TYPED:
        for _repeat in range(10):
            client.get("/zoeken/", {"q": query})
    call_command("update_search_vocabulary", stdout=None)
    return site_tree


def public_pages(client):
    yield client.get("/zoeken/")
    yield client.get("/zoeken/", {"q": "kernfysica"})
    yield client.get("/zoeken/", {"q": "stage"})
    yield client.get("/zoeken/suggest/", {"q": "Lott"})
    yield client.get("/zoeken/suggest/", {"q": "jan.pee"})
    yield client.get("/")


def test_typed_queries_reach_no_public_page(client, typed):
    for response in public_pages(client):
        assert response.status_code == 200
        text = response.content.decode()
        for query in TYPED:
            assert query not in text, (response.request["PATH_INFO"], query)
    # The curated one is shown.
    assert '<a class="badge" href="?q=stage">stage</a>' in client.get("/zoeken/").content.decode()


@pytest.mark.postgres
def test_spelling_suggestions_never_come_from_what_visitors_typed(client, typed):
    """A near miss of a typed name gets no "Bedoelde u ...?" with that name."""
    assert connection.vendor == "postgresql"
    for near_miss in ("Lotte Vermeule", "jan.peeterz@example.be"):
        html = client.get("/zoeken/", {"q": near_miss}).content.decode()
        assert "Vermeulen" not in html and "peeters" not in html
        assert "Bedoelde u" not in html


def test_editors_still_see_every_typed_query(client, typed, editor):
    sign_in(client, editor)
    rows = client.get("/admin/reports/zoeken/populair/").context["object_list"]
    counts = {row.query_string: row.search_count for row in rows}
    assert {query.lower(): 10 for query in TYPED}.items() <= counts.items()


def test_the_retention_rules_purge_the_log(client, site_tree, settings):
    settings.WAGTAILSEARCH_HITS_MAX_AGE = 90
    # Each table counts days in its own calendar: Wagtail's in UTC, the zero-result log in
    # Brussels time. They differ between midnight and one or two o'clock in Brussels.
    utc_today, today = timezone.now().date(), timezone.localdate()
    old_utc_day = utc_today - datetime.timedelta(days=91)
    old_day = today - datetime.timedelta(days=91)
    recent_day = today - datetime.timedelta(days=89)

    client.get("/zoeken/", {"q": "Lotte Vermeulen"})  # once, found nothing
    client.get("/zoeken/", {"q": "kernfysica"})  # found nothing: today and long ago
    lotte = {"query__query_string": "lotte vermeulen"}
    QueryDailyHits.objects.filter(**lotte).update(date=old_utc_day)
    ZeroResultDailyHits.objects.filter(**lotte).update(date=old_day)
    kern = Query.get("kernfysica")
    QueryDailyHits.objects.create(query=kern, date=old_utc_day, hits=4)
    ZeroResultDailyHits.objects.create(query=kern, date=old_day, hits=4)
    ZeroResultDailyHits.objects.create(query=kern, date=recent_day, hits=2)

    call_command("searchpromotions_garbage_collect", stdout=None)

    assert not Query.objects.filter(query_string="lotte vermeulen").exists()
    assert not ZeroResultDailyHits.objects.filter(query__query_string="lotte vermeulen").exists()
    assert sorted(
        ZeroResultDailyHits.objects.filter(query=kern).values_list("date", flat=True)
    ) == [
        recent_day,
        today,
    ]
    assert list(QueryDailyHits.objects.filter(query=kern).values_list("date", flat=True)) == [
        utc_today
    ]
