"""The site search page (/zoeken/), and the app's tables for Django.

The tables live with the code that uses them: the search log (search/search_log.py) and the
vocabulary's words (search/vocabulary.py); they are imported here so that Django finds them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page, Site

from portal.core.models import BasePage
from search import views
from search.search_log import ZeroResultDailyHits
from search.vocabulary import VocabularyWord

__all__ = ["SearchPage", "VocabularyWord", "ZeroResultDailyHits"]


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
