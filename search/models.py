"""The site search page (/zoeken/), and the app's tables for Django.

The tables live with the code that uses them: the search log (search/search_log.py) and the
vocabulary's words (search/vocabulary.py); they are imported here so that Django finds them.
"""

from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, PageViewRestriction, Site

from portal.core.models import BasePage
from search import views
from search.search_log import ZeroResultDailyHits
from search.vocabulary import VocabularyWord

__all__ = ["SearchPage", "VocabularyWord", "ZeroResultDailyHits", "view_restrictions_of"]

# The pages whose restrictions apply to a page: the pages on its path, each alias replaced by
# its original (following alias_of to a page that is no alias, as Wagtail does), in SQL.
CHECKED_PAGES = """
    WITH RECURSIVE checked (id, alias_of_id) AS (
        SELECT id, alias_of_id FROM {page} WHERE path IN ({paths})
        UNION
        SELECT source.id, source.alias_of_id FROM {page} source
        JOIN checked ON source.id = checked.alias_of_id
    )
    SELECT id FROM checked WHERE alias_of_id IS NULL
"""


def view_restrictions_of(page):
    """Wagtail's `Page.get_view_restrictions()` of `page`, in one query instead of two.

    Wagtail reads the ancestors' `alias_of` first, then the restrictions of the page and its
    ancestors, an alias's taken from its original. Here the original pages are found by a
    recursive subquery in the same query (PostgreSQL and SQLite alike). Same restrictions,
    same queryset: Wagtail's serve check iterates it, the admin orders it.
    """
    paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    sql = CHECKED_PAGES.format(page=Page._meta.db_table, paths=", ".join(["%s"] * len(paths)))
    # The paths are parameters; the table's name is Wagtail's own.
    checked = RawSQL(sql, paths)  # noqa: S611
    return PageViewRestriction.objects.filter(page_id__in=checked)


class SearchPage(RoutablePageMixin, BasePage):
    """One search box for the whole portal: guides, glossary, news and partners."""

    intro = models.TextField(_("Inleiding"), blank=True, help_text=_("Tekst boven het zoekveld."))

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count = 1
    per_page = 10

    class Meta:
        verbose_name = _("Zoekpagina")
        verbose_name_plural = _("Zoekpagina's")

    def get_view_restrictions(self):
        # Wagtail's check before serving the page: one query instead of two.
        return view_restrictions_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if "breadcrumb_trail" not in context:
            # The search page sits right under the site's home page (parent_page_types), which
            # Wagtail read with the site: the breadcrumbs need no query of their own.
            home = Site.find_for_request(request).root_page
            if home.depth > 1 and self.path[: -self.steplen] == home.path:
                context["breadcrumb_trail"] = [(home.get_url(request), home.title)]
        return context

    @path("")
    def results(self, request):
        return views.search_results(self, request)

    @path("suggest/", name="suggest")
    def suggest(self, request):
        return views.suggest(request)
