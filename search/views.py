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
from search.models import ZeroResultDailyHits
from search.registry import find_definition, get_groups, landing_pages

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
PER_GROUP_PREVIEW = 3
SUGGESTIONS = 8
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


def search_group(group, query, operator="and", split=None, private=None):
    try:
        return get_search_backend().search(
            expand(query, operator, split), searchable(group, private or private_pages())
        )
    except Exception as error:  # noqa: BLE001 - any backend failure degrades to a message
        logger.warning("search backend failed for %s: %s", group.key, type(error).__name__)
        raise SearchUnavailable from error


def count(results):
    """The number of hits; the backend runs the query only now (search() is lazy)."""
    try:
        return results.count()
    except Exception as error:  # noqa: BLE001 - any backend failure degrades to a message
        logger.warning("search backend failed while counting: %s", type(error).__name__)
        raise SearchUnavailable from error


def counted(found, previews=None):
    """The number of hits of each group; with `previews`, also each group's first results."""
    counts = {}
    for key, results in found.items():
        if previews is None:
            counts[key] = count(results)
            continue
        try:
            previews[key] = list(results[:PER_GROUP_PREVIEW])
        except Exception as error:  # noqa: BLE001 - any backend failure degrades to a message
            logger.warning("search backend failed for %s: %s", key, type(error).__name__)
            raise SearchUnavailable from error
        shown = len(previews[key])
        counts[key] = shown if shown < PER_GROUP_PREVIEW else count(results)
    return counts


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
        # Without a tab, each group shows its first results: read those first, and count only a
        # group with more of them (a group with fewer is counted by its preview).
        previews = {}
        try:
            operator = "and"
            found = {
                group.key: search_group(group, query, "and", split, private) for group in groups
            }
            counts = counted(found, previews if active is None else None)
            if not any(counts.values()) and len(query.split()) > 1:
                # Nothing has all the words: show what has any of them, and say so.
                operator = "or"
                found = {
                    group.key: search_group(group, query, "or", split, private) for group in groups
                }
                counts = counted(found, previews if active is None else None)
        except SearchUnavailable:
            context["unavailable"] = True
            found, counts, operator = {}, {}, "and"

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
        if active is not None and active.key in found:
            results_page = Paginator(found[active.key], page.per_page).get_page(
                request.GET.get("pagina")
            )
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
        query_record = Query.get(query) if query.strip() else None
        if query_record is not None:
            context["promotions"] = list(query_record.editors_picks.select_related("page"))
            # Count a search once: not again for its other tabs or pages.
            if (
                active is None
                and request.GET.get("pagina") in (None, "", "1")
                and not context["unavailable"]
            ):
                query_record.add_hit()
                if total == 0:
                    ZeroResultDailyHits.add_hit(query_record)
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
