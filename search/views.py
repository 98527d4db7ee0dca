"""The search results page and the suggestions endpoint of SearchPage."""

import datetime
import functools
import logging
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.models import Page
from wagtail.query import PageQuerySet
from wagtail.search.backends import get_search_backend

from search import vocabulary
from search.dutch import expand
from search.highlight import excerpt
from search.registry import find_definition, get_groups, landing_pages
from search.search_log import promotions_for, record_search

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PER_GROUP_PREVIEW = 3
SUGGESTIONS = 8
# Elasticsearch and OpenSearch answer a facet with its ten largest buckets: with more page types
# than that in the page groups (five today), the groups are counted one by one.
FACET_BUCKETS = 10
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


class SearchUnavailable(Exception):
    """The search backend did not answer (Elasticsearch down, for instance)."""


def clean_query(raw):
    """The query as typed, without control characters or bidi overrides, within bounds."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", str(raw or "")).split())[:MAX_QUERY_LENGTH]


def private_pages():
    """Pages behind a view restriction (their own or an ancestor's), as a filter.

    Read once per search: Wagtail's `PageQuerySet.public()` reads every restriction in a query
    of its own each time it is called, once per page group. Only filter fields (path, depth),
    which the search backends accept.
    """
    return Page.objects.all().private_q()


def searchable(group, private):
    """The group's queryset without the pages behind a view restriction."""
    queryset = group.queryset()
    if isinstance(queryset, PageQuerySet):
        queryset = queryset.exclude(private)
    return queryset


def backend_call(what, *args):
    """`what(*args)`, with any failure of the search backend turned into SearchUnavailable."""
    try:
        return what(*args)
    except Exception as error:  # noqa: BLE001 - any backend failure degrades to a message
        logger.warning("search backend failed: %s", type(error).__name__)
        raise SearchUnavailable from error


class KnownCount:
    """Search results whose number of hits is known already: the paginator asks no count."""

    def __init__(self, results, count):
        self.results = results
        self.hits = count

    def count(self):
        return self.hits

    def __len__(self):
        return self.hits

    def __getitem__(self, key):
        return backend_call(list, self.results[key])


class SiteSearch:
    """One query over every search group: the page groups in one search, the others apart.

    The page groups (guides and chapters, news, other pages) are one search over the live pages
    of all their types, outside view restrictions, counted per group by that search's facet on
    the content type; the groups of other models (glossary terms, partners) are searched and
    counted each on their own. A group's results are read only for what is shown: the first
    few of each group without a tab, one page of results with one.
    """

    def __init__(self, groups, query, operator, split, private):
        self.groups = groups
        self.search_query = expand(query, operator, split)
        self.private = private
        self.backend = get_search_backend()

    def results(self, group):
        """The group's hits, best first; lazy: the backend runs when they are read."""
        return backend_call(self.backend.search, self.search_query, searchable(group, self.private))

    def page_counts(self):
        """{group key: hits} of the page groups, from one search over their pages."""
        page_groups = [group for group in self.groups if group.content_type_ids]
        types = frozenset().union(*(group.content_type_ids for group in page_groups))
        if not page_groups or len(types) > FACET_BUCKETS:
            return {}  # each group counted on its own
        pages = Page.objects.live().filter(content_type__in=sorted(types)).exclude(self.private)
        found = backend_call(self.backend.search, self.search_query, pages)
        by_type = backend_call(found.facet, "content_type_id")
        return {
            group.key: sum(by_type.get(content_type, 0) for content_type in group.content_type_ids)
            for group in page_groups
        }

    def counts(self, previews=None):
        """{group key: hits}; with `previews`, also fill it with each group's first results.

        A group the facet did not count is read before it is counted, and counted only when it
        has more hits than its preview shows.
        """
        counts = self.page_counts()
        for group in self.groups:
            counted = group.key in counts
            if counted and (previews is None or not counts[group.key]):
                continue
            results = self.results(group)
            if previews is not None:
                previews[group.key] = backend_call(list, results[:PER_GROUP_PREVIEW])
            if counted:
                continue
            if previews is not None and len(previews[group.key]) < PER_GROUP_PREVIEW:
                counts[group.key] = len(previews[group.key])
            else:
                counts[group.key] = backend_call(results.count)
        return counts

    def page_of_results(self, group, count):
        """The group's results with their known count, for the paginator."""
        return KnownCount(self.results(group), count)


def present(group, items, query):
    presented = group.present_many(items)
    for shown in presented:
        shown.setdefault("meta", "")
        shown["excerpt"] = excerpt(shown.pop("text", ""), query)
        shown["kind"] = group.label
    return presented


def popular_queries(limit=8):
    """The searches shown under "Vaak gezocht": only those an editor curated.

    A query appears only when an editor gave it a search promotion (Wagtail's search promotions,
    pointing at a live page or a link), so nothing a visitor typed (a pupil's name, an e-mail
    address, a typo) reaches a public page. Editors see the full log in Rapporten; the curated
    ones are ordered by how often they were searched in the last 90 days.
    """
    since = timezone.localdate() - datetime.timedelta(days=90)
    curated = SearchPromotion.objects.filter(query=OuterRef("pk")).filter(
        Q(page__live=True) | ~Q(external_link_url="")
    )
    recent_hits = (
        QueryDailyHits.objects.filter(query=OuterRef("pk"), date__gte=since)
        .values("query")
        .annotate(total=Sum("hits"))
        .values("total")
    )
    return list(
        Query.objects.filter(Exists(curated))
        .annotate(recent=Coalesce(Subquery(recent_hits), 0))
        .order_by("-recent", "query_string")
        .values_list("query_string", flat=True)[:limit]
    )


def search_results(page, request):
    query = clean_query(request.GET.get("q"))
    groups = get_groups()
    active_key = request.GET.get("soort", "")
    active = next((group for group in groups if group.key == active_key), None)
    context = page.get_context(request)
    context.update({"query": query, "groups": [], "active_group": active, "unavailable": False})

    if query and expand(query) is None:
        # Only punctuation: nothing to search for.
        query = ""
        context["query"] = ""
    if query:
        # Compounds are also searched as their parts ("stageplaats": "stage" and "plaats").
        split = functools.cache(vocabulary.compound_parts)
        private = private_pages()
        # Without a tab, each group shows its first results.
        previews = {} if active is None else None
        try:
            operator = "and"
            search = SiteSearch(groups, query, operator, split, private)
            counts = search.counts(previews)
            if not any(counts.values()) and len(query.split()) > 1:
                # Nothing has all the words: show what has any of them, and say so.
                operator = "or"
                previews = {} if active is None else None
                search = SiteSearch(groups, query, operator, split, private)
                counts = search.counts(previews)
        except SearchUnavailable:
            context["unavailable"] = True
            counts, operator = {}, "and"

        total = sum(counts.values())
        context["total"] = total
        context["any_word"] = operator == "or"
        context["groups"] = [
            {
                "key": group.key,
                "label": group.label,
                "count": counts.get(group.key, 0),
                "url": "?" + urlencode({"q": query, "soort": group.key}),
            }
            for group in groups
        ]
        context["all_url"] = "?" + urlencode({"q": query})
        if active is not None and active.key in counts:
            results = search.page_of_results(active, counts[active.key])
            try:
                results_page = Paginator(results, page.per_page).get_page(request.GET.get("pagina"))
            except SearchUnavailable:
                results_page = Paginator([], page.per_page).get_page(1)
                context["unavailable"] = True
            context["results_page"] = results_page
            context["results"] = present(active, results_page, query)
            context["query_prefix"] = urlencode({"q": query, "soort": active.key}) + "&"
        else:
            context["grouped"] = [
                {
                    "key": group.key,
                    "label": group.label,
                    "count": counts[group.key],
                    "url": "?" + urlencode({"q": query, "soort": group.key}),
                    "results": present(group, previews[group.key], query),
                }
                for group in groups
                if counts.get(group.key)
            ]
        context["definition"] = find_definition(query)
        suggestion = None if context["unavailable"] else vocabulary.did_you_mean(query)
        if suggestion and suggestion != query.lower():
            context["did_you_mean"] = suggestion
            context["did_you_mean_url"] = "?" + urlencode({"q": suggestion})
        context["promotions"] = promotions_for(query)
        # Count a search once: not again for its other tabs or pages.
        if (
            active is None
            and request.GET.get("pagina") in (None, "", "1")
            and not context["unavailable"]
        ):
            record_search(query, total)
        if total == 0:
            context["popular_queries"] = popular_queries()
            context["landing_pages"] = landing_pages()
    else:
        context["popular_queries"] = popular_queries()
        context["landing_pages"] = landing_pages()

    response = TemplateResponse(request, "search/search_page.html", context)
    # Results depend on the query and are counted: never from a shared cache.
    patch_cache_control(response, private=True, max_age=0)
    return response


def suggest(request):
    """Titles and partner names for the search box, as JSON, while typing."""
    query = clean_query(request.GET.get("q"))
    suggestions = []
    if len(query) >= 2:
        backend = get_search_backend()
        private = private_pages()
        for group in get_groups():
            if not group.autocomplete or len(suggestions) >= SUGGESTIONS:
                continue
            try:
                items = backend.autocomplete(query, searchable(group, private))
                items = items[: SUGGESTIONS // 2]
                items = list(items)
            except Exception as error:  # noqa: BLE001 - suggestions are optional
                logger.warning("autocomplete failed for %s: %s", group.key, type(error).__name__)
                continue
            for shown in group.present_many(items):
                suggestions.append(
                    {"title": shown["title"], "url": shown["url"], "kind": str(group.label)}
                )
    response = JsonResponse({"query": query, "suggestions": suggestions[:SUGGESTIONS]})
    # Private: search suggestions are results, never kept at the edge; the browser may reuse them.
    patch_cache_control(response, private=True, max_age=60)
    return response
