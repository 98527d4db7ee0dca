"""What the site search searches: groups registered by the apps through a Wagtail hook.

An app declares its searchable content in its wagtail_hooks.py:

    @hooks.register("register_site_search_group")
    def news_group():
        return {
            "key": "nieuws",                      # URL value of the group tab (?soort=nieuws)
            "label": _("Nieuws"),
            "order": 30,                          # position of the tab and of the group
            "queryset": lambda: NewsPage.objects.live(),   # published content only
            "present": lambda item: {...},        # title, url, text, meta for one result
            "present_all": lambda items, shown=None: [...],  # optional: the same for a page
                                                  # of results, with what they share read once
            "autocomplete": True,                 # offer titles in the search box suggestions
            "landing_type": NewsIndexPage,        # where to browse instead: its first live page
            "page_types": (NewsPage,),            # optional, see below
            "define": lambda query, hits, landing: None,  # optional, see below
        }

so the search view never hard-codes what it searches, and no app imports another's models.
Pages behind a view restriction are left out by the search view itself, for every group whose
queryset is a page queryset (search.views.searchable): a group cannot forget it.

Page groups are searched together: one search over the live pages of all their types, counted
per group by the content type (search.views.SiteSearch). A page group is therefore its page
types: its queryset is the live pages of `page_types` (and their subclasses), nothing narrower.
`page_types` defaults to the queryset's model; a queryset over Wagtail's `Page` itself (pages of
several types) must name them. A group without page types (glossary terms, partners, or pages
of unnamed types) is searched and counted on its own.
The first few hits of every page group come from that one search too; the pages they show, their
parents and the groups' landing pages are then read in one query for all the presenters
(search.views.read_shown): `present_all(items, shown)` finds them in `shown` (a Shown), so that
a presenter needs no query of its own. Without `shown` (the suggestions) it reads them itself.
`landing` (a callable) may stand for `landing_type` where the landing page is not simply the
first live page of a type; the presenters then get no landing page in `shown`.

`define(query, hits, landing)` answers a query with a definition shown above the results (the
glossary's), or None; `hits` are all the group's hits for the query when the search read them
all (else None), `landing` the group's landing page.
"""

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.contenttypes.models import ContentType

from wagtail import hooks
from wagtail.models import Page, get_page_models
from wagtail.query import PageQuerySet


@dataclass(frozen=True)
class SearchGroup:
    key: str
    label: Any
    order: int
    queryset: Any
    present: Any
    autocomplete: bool = True
    landing: Any = None
    present_all: Any = None
    page_types: Any = None
    landing_type: Any = None
    define: Any = None

    @cached_property
    def content_type_ids(self):
        """The content type ids of the group's pages (their subclasses too); empty if none."""
        types = self.page_types
        if types is None:
            queryset = self.queryset()
            model = queryset.model if isinstance(queryset, PageQuerySet) else Page
            types = () if model is Page else (model,)
        models = [model for model in get_page_models() if issubclass(model, tuple(types))]
        return frozenset(
            content_type.pk for content_type in ContentType.objects.get_for_models(*models).values()
        )

    def present_many(self, items, shown=None):
        """`present` for each item; through `present_all` when the group reads shared data once.

        `shown` (a Shown): the pages read for every group at once, when the search view has them.
        """
        if self.present_all is not None:
            if shown is None:
                return self.present_all(list(items))
            return self.present_all(list(items), shown)
        return [self.present(item) for item in items]

    def first_landing(self):
        """The group's landing page: `landing()`, or the first live page of `landing_type`."""
        if self.landing is not None:
            return self.landing()
        if self.landing_type is not None:
            return self.landing_type.objects.live().first()
        return None


@dataclass(frozen=True)
class Shown:
    """What a group's presenter may need beyond its items, read once for all groups.

    `landing`: the group's landing page (of its `landing_type`, specific with its other fields
    deferred), or None; `parents`: {path: page} of the shown pages' parents (their titles).
    """

    landing: Any = None
    parents: Any = None

    def parent_title_of(self, path):
        """The title of the shown page's parent at `path` (None if it was not read)."""
        parent = (self.parents or {}).get(path)
        return parent.title if parent is not None else None


def get_groups():
    groups = [SearchGroup(**hook()) for hook in hooks.get_hooks("register_site_search_group")]
    return sorted(groups, key=lambda group: (group.order, group.key))


def landing_pages():
    """(label, page) for each group that has a page to browse, for empty and failed searches."""
    pages = []
    for group in get_groups():
        page = group.first_landing()
        if page is not None:
            pages.append((group.label, page))
    return pages
