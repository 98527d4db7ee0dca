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
            "present_all": lambda items: [...],   # optional: the same for a page of results,
                                                  # with what they share read once
            "autocomplete": True,                 # offer titles in the search box suggestions
            "landing": lambda: NewsIndexPage.objects.live().first(),  # where to browse instead
            "page_types": (NewsPage,),            # optional, see below
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
The hook "site_search_definition" answers a query with a glossary definition (or None).
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

    def present_many(self, items):
        """`present` for each item; through `present_all` when the group reads shared data once."""
        if self.present_all is not None:
            return self.present_all(list(items))
        return [self.present(item) for item in items]


def get_groups():
    groups = [SearchGroup(**hook()) for hook in hooks.get_hooks("register_site_search_group")]
    return sorted(groups, key=lambda group: (group.order, group.key))


def landing_pages():
    """(label, page) for each group that has a page to browse, for empty and failed searches."""
    pages = []
    for group in get_groups():
        page = group.landing() if group.landing else None
        if page is not None:
            pages.append((group.label, page))
    return pages


def find_definition(query):
    """The first glossary definition an app offers for `query`, or None."""
    for hook in hooks.get_hooks("site_search_definition"):
        definition = hook(query)
        if definition:
            return definition
    return None
