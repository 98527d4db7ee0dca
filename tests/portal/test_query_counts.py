"""SQL queries per page are bounded by a constant, for every page type and route of the site.

The demo content is loaded, then each kind of page is requested (uncached) under
django_assert_max_num_queries; then much more content is added and the same pages must not take
more queries. A page type without a rule here fails the test, so a new one cannot slip through.
"""

import datetime

import pytest

from django.core.management import call_command

from wagtail.models import Page, get_page_models

from guides.models import (
    GlossaryPage,
    GuideChapterPage,
    GuideIndexPage,
    GuidePage,
    TemplatesPage,
)
from partners.models import Partner, PartnerDirectoryPage
from portal.core.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from search.models import SearchPage

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"portal", "guides", "partners", "search"}

# At most this many queries for any public page rendered by Django (issue 14; pages are cached at
# the edge, deploy/varnish/, and most views never reach Django).
MAX_QUERIES = 15

# Upper bounds per page type and route, measured 2026-12-01 on the demo content after the route,
# the chrome and the chapter's context were read with fewer queries (docs/performance.md); the
# point is that they stay under MAX_QUERIES and do not grow with content. Home, content, news and
# guide pages measured again after the chrome and the home and chapter content became fragments
# (portal.core.fragments): the second request of an anonymous visitor.
LIMITS = {
    HomePage: {"": 4},
    ContentPage: {"": 6},
    NewsIndexPage: {"": 8},
    NewsPage: {"": 6},
    GuideIndexPage: {"": 9},
    GuidePage: {"": 9, "afdrukken/": 13},
    GuideChapterPage: {"": 6},
    # +1 (issue 17): the state of the published chapters, which keys the cached "Gebruikt in".
    GlossaryPage: {"": 9},
    TemplatesPage: {"": 7},
    # +1: the facet index's stamp in two queries (one aggregate read the whole table).
    PartnerDirectoryPage: {
        "": 14,
        "?q=bakkerij&provincie=oost-vlaanderen": 14,
        "?postcode=9000&afstand=20&sorteer=afstand": 14,
        "registreren/": 15,
        "{partner}": 13,
    },
    # One search over the page groups and one for each other group, each read and counted at
    # once; the pages the results show, their parents and the landing pages in one query.
    SearchPage: {"": 10, "?q=stage": 13, "?q=mentor&soort=begrippen": 12},
}

# Pages over MAX_QUERIES (docs/performance.md, "Queries per page"): none since the site search
# reads each group's hits and counts them at once (docs/performance.md, "Site search").
OVER_MAX = set()


def test_every_public_page_is_under_the_maximum():
    over = {
        (model.__name__, route): limit
        for model, routes in LIMITS.items()
        for route, limit in routes.items()
        if limit > MAX_QUERIES
    }
    assert set(over) == OVER_MAX, over


def first_live(model):
    return model.objects.live().public().order_by("path").first()


def measured_urls():
    urls = []
    for model, routes in LIMITS.items():
        page = first_live(model)
        assert page is not None, f"the demo content has no live {model.__name__}"
        for route, limit in routes.items():
            if route == "{partner}":
                partner = Partner.objects.published().order_by("pk").first()
                urls.append((f"{model.__name__} partner", partner.url, limit))
            elif route.startswith("?"):
                urls.append((f"{model.__name__} {route}", page.url + route, limit))
            else:
                urls.append((f"{model.__name__} {route or '/'}", page.url + route, limit))
    return urls


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the caches (routes, menu, page frames, facet index)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_every_page_type_of_the_project_has_a_query_limit():
    ours = {
        model
        for model in get_page_models()
        if model._meta.app_label in PROJECT_APPS and not model._meta.abstract
    }
    assert ours - set(LIMITS) == set(), "give these page types a query limit here"


def test_queries_per_page_are_bounded_and_do_not_grow_with_content(
    client, django_assert_max_num_queries
):
    call_command("load_demo", "--no-admin", "--base-url", "http://testserver", verbosity=0)
    urls = measured_urls()
    before = {label: count_queries(client, url) for label, url, _limit in urls}
    over = {label: (before[label], limit) for label, _url, limit in urls if before[label] > limit}
    assert over == {}, f"(queries, limit) over the limit: {over}"
    label, url, limit = urls[0]
    with django_assert_max_num_queries(limit):
        client.get(url)

    # Ten times the partners, more news and more chapters: the same pages, the same queries.
    call_command("generate_partners", "300", "--seed", "7", verbosity=0)
    news_index = first_live(NewsIndexPage)
    guide = first_live(GuidePage)
    chapter = first_live(GuideChapterPage)
    for number in range(8):
        news_index.add_child(
            instance=NewsPage(
                title=f"Extra nieuws {number}",
                slug=f"extra-nieuws-{number}",
                date=datetime.date(2026, 11, number + 1),
                intro="Een extra bericht om de overzichten te vullen.",
            )
        ).save_revision().publish()
        copy = chapter.copy(
            to=guide,
            update_attrs={"title": f"Extra hoofdstuk {number}", "slug": f"extra-{number}"},
            keep_live=True,
        )
        assert copy.live
    call_command("update_index", verbosity=0)
    after = {label: count_queries(client, url) for label, url, _limit in urls}
    # The print view holds every chapter of the guide: their bodies come from a cache kept per
    # live revision of the chapters, but each partners block reads its partners (two queries).
    label = "GuidePage afdrukken/"
    added = 8
    assert after[label] <= before[label] + 3 * added, (before[label], after[label])
    after[label] = min(after[label], before[label])
    grown = {
        label: (before[label], after[label]) for label in before if after[label] > before[label]
    }
    assert grown == {}, f"queries grew with the content: {grown}"
    assert Page.objects.type(GuideChapterPage).live().count() > 9
