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
from search.registry import Shown, get_groups, landing_pages
from search.search_log import promotions_for, record_search

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PER_GROUP_PREVIEW = 3
# Each search reads this many hits at once: fewer are all of them, counted without a query.
HITS_AT_ONCE = 50
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
    """Search results whose number of hits is known already: the paginator asks no count.

    `first`: the first hits, best first, read already: a page within them is taken from them.
    """

    def __init__(self, results, count, first=()):
        self.results = results
        self.hits = count
        self.first = list(first)

    def count(self):
        return self.hits

    def __len__(self):
        return self.hits

    def __getitem__(self, key):
        within_first = (
            isinstance(key, slice)
            and key.step is None
            and (key.start or 0) >= 0
            and key.stop is not None
            and key.stop <= len(self.first)
        )
        if within_first:
            return self.first[key]
        return backend_call(list, self.results[key])


class SiteSearch:
    """One query over every search group: the page groups in one search, the others apart.

    The page groups (guides and chapters, news, other pages) are one search over the live pages
    of all their types, outside view restrictions; the groups of other models (glossary terms,
    partners) are searched each on their own. Each search reads its first HITS_AT_ONCE hits,
    best first: with fewer, those are all the hits, so they are counted in Python, and the
    first results of a group (its preview, or a tab's page of results) are taken from them. The
    hits of a page group are the combined search's hits of its types, in the same order: a
    page's rank depends on the page and the query only (ties: the highest id first, as in the
    group's own search). Only with more hits than that are they counted by the search backend
    (the page groups by one facet on the content type) and a group short among the hits read
    searched again on its own.
    """

    def __init__(self, groups, query, operator, split, private):
        self.groups = groups
        self.search_query = expand(query, operator, split)
        self.private = private
        self.backend = get_search_backend()
        self.hits = {}  # {group key: its first hits, best first}
        self.counts = {}  # {group key: number of hits}

    def results(self, group):
        """The group's hits, best first; lazy: the backend runs when they are read."""
        return backend_call(self.backend.search, self.search_query, searchable(group, self.private))

    def read_pages(self, page_groups):
        """The page groups' first hits from one search over their pages, and their counts."""
        types = frozenset().union(*(group.content_type_ids for group in page_groups))
        pages = Page.objects.live().filter(content_type__in=sorted(types)).exclude(self.private)
        found = backend_call(self.backend.search, self.search_query, pages)
        hits = backend_call(list, found[:HITS_AT_ONCE])
        for group in page_groups:
            self.hits[group.key] = [
                page for page in hits if page.content_type_id in group.content_type_ids
            ]
        if len(hits) < HITS_AT_ONCE:
            for group in page_groups:
                self.counts[group.key] = len(self.hits[group.key])
        elif len(types) <= FACET_BUCKETS:
            by_type = backend_call(found.facet, "content_type_id")
            for group in page_groups:
                self.counts[group.key] = sum(
                    by_type.get(content_type, 0) for content_type in group.content_type_ids
                )
        # else: each page group is searched and counted on its own (read)

    def read(self, active=None):
        """{group key: hits}: every group counted, and the first hits read of those shown.

        With a tab (`active`), a group of its own that is neither the tab's nor offers a
        definition is only counted: one query, however many hits it has.
        """
        page_groups = [group for group in self.groups if group.content_type_ids]
        if page_groups:
            self.read_pages(page_groups)
        for group in self.groups:
            if group.key in self.counts:
                continue
            results = self.results(group)
            if active is not None and group is not active and group.define is None:
                self.hits[group.key] = []
                self.counts[group.key] = backend_call(results.count)
                continue
            hits = backend_call(list, results[:HITS_AT_ONCE])
            self.hits[group.key] = hits
            if len(hits) < HITS_AT_ONCE:
                self.counts[group.key] = len(hits)
            else:
                self.counts[group.key] = backend_call(results.count)
        return self.counts

    def all_read(self, group):
        """Whether the hits read are all the group's hits."""
        return len(self.hits.get(group.key, ())) == self.counts.get(group.key)

    def preview(self, group):
        """The group's first PER_GROUP_PREVIEW hits."""
        hits = self.hits[group.key]
        if len(hits) >= PER_GROUP_PREVIEW or self.all_read(group):
            return hits[:PER_GROUP_PREVIEW]
        # Other page groups' hits filled those read: this group's first ones come on their own.
        return backend_call(list, self.results(group)[:PER_GROUP_PREVIEW])

    def page_of_results(self, group):
        """The group's results with their known count, for the paginator."""
        if self.all_read(group):
            return self.hits[group.key]
        return KnownCount(self.results(group), self.counts[group.key], self.hits[group.key])


def specific_path(model):
    """How `select_related` reaches a page type from Wagtail's Page ("guidechapterpage"):
    through the parent links of multi-table inheritance, one name per level."""
    names = []
    while model is not Page:
        parent, link = next(
            (parent, link)
            for parent, link in model._meta.parents.items()
            if link is not None and issubclass(parent, Page)
        )
        names.append(link.related_query_name())
        model = parent
    return "__".join(reversed(names))


def read_shown(shown):
    """The pages that the results shown need, read in one query for every group's presenter.

    `shown`: [(group, items)] of the results about to be shown. Reads the pages among them that
    are still Wagtail's `Page` (the page groups' hits) with their specific page (multi-table
    inheritance, joined), the shown pages' parents (the guides' titles of chapters) and the
    groups' landing pages (the glossary's URL for terms, the directory's for partners). Returns
    {group key: Shown} and [(group, items)] with those pages made specific.
    """
    bare = [item for _group, items in shown for item in items if type(item) is Page]
    parent_paths = {
        item.path[: -Page.steplen]
        for _group, items in shown
        for item in items
        if isinstance(item, Page) and item.depth > 1
    }
    landing_types = {
        group.key: group.landing_type
        for group, _items in shown
        if group.landing_type is not None and group.landing is None
    }
    if not any(items for _group, items in shown):
        # Nothing shown: a definition alone reads its landing page itself (a query either way).
        return {group.key: Shown() for group, _items in shown}, shown
    wanted = Q(pk__in=[page.pk for page in bare]) | Q(path__in=parent_paths)
    for model in set(landing_types.values()):
        wanted |= Page.objects.live_q() & Page.objects.type_q(model)
    paths = {specific_path(page.specific_class) for page in bare if page.specific_class}
    rows = Page.objects.filter(wanted).order_by("path")
    if paths:
        rows = rows.select_related(*sorted(paths))
    rows = list(rows)
    by_pk = {row.pk: row for row in rows}
    parents = {row.path: row for row in rows if row.path in parent_paths}

    def specific(item):
        if type(item) is not Page:
            return item  # specific already, or not a page
        row = by_pk.get(item.pk)
        if row is None or not row.specific_class:
            return item.specific
        for name in filter(None, specific_path(row.specific_class).split("__")):
            row = getattr(row, name)
        return row

    def first_live(model):
        return next(
            (
                row.specific_deferred
                for row in rows
                if row.live and row.specific_class and issubclass(row.specific_class, model)
            ),
            None,
        )

    landing = {key: first_live(model) for key, model in landing_types.items()}
    contexts = {
        group.key: Shown(landing=landing.get(group.key), parents=parents) for group, _items in shown
    }
    return contexts, [(group, [specific(item) for item in items]) for group, items in shown]


def present(group, items, query, shown=None):
    presented = group.present_many(items, shown)
    for shown_item in presented:
        shown_item.setdefault("meta", "")
        shown_item["excerpt"] = excerpt(shown_item.pop("text", ""), query)
        shown_item["kind"] = group.label
    return presented


def find_definition(groups, query, search, contexts):
    """The first definition a group offers for `query` (the glossary's), or None."""
    for group in groups:
        if group.define is None:
            continue
        hits = search.hits.get(group.key) if search and search.all_read(group) else None
        landing = contexts[group.key].landing if group.key in contexts else None
        definition = group.define(query, hits, landing)
        if definition:
            return definition
    return None


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
        search, previews = None, {}
        try:
            operator = "and"
            search = SiteSearch(groups, query, operator, split, private)
            counts = search.read(active)
            if not any(counts.values()) and len(query.split()) > 1:
                # Nothing has all the words: show what has any of them, and say so.
                operator = "or"
                search = SiteSearch(groups, query, operator, split, private)
                counts = search.read(active)
            if active is None:
                # Without a tab, each group shows its first results.
                previews = {
                    group.key: search.preview(group) for group in groups if counts[group.key]
                }
        except SearchUnavailable:
            context["unavailable"] = True
            counts, operator, previews = {}, "and", {}

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
        shown = {group.key: previews.get(group.key, []) for group in groups}
        if active is not None and active.key in counts:
            results = search.page_of_results(active)
            try:
                results_page = Paginator(results, page.per_page).get_page(request.GET.get("pagina"))
            except SearchUnavailable:
                results_page = Paginator([], page.per_page).get_page(1)
                context["unavailable"] = True
            context["results_page"] = results_page
            context["query_prefix"] = urlencode({"q": query, "soort": active.key}) + "&"
            shown[active.key] = list(results_page)
        # The pages the presenters need, for every group at once (one query).
        needed = [
            (group, shown[group.key])
            for group in groups
            if shown[group.key] or group.define is not None
        ]
        contexts, needed = read_shown(needed)
        shown.update((group.key, items) for group, items in needed)
        if active is not None and active.key in counts:
            context["results"] = present(active, shown[active.key], query, contexts[active.key])
        else:
            context["grouped"] = [
                {
                    "key": group.key,
                    "label": group.label,
                    "count": counts[group.key],
                    "url": "?" + urlencode({"q": query, "soort": group.key}),
                    "results": present(group, shown[group.key], query, contexts[group.key]),
                }
                for group in groups
                if counts.get(group.key)
            ]
        context["definition"] = find_definition(groups, query, search, contexts)
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
