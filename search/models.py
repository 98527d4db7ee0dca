"""The site search page (/zoeken/) and the log of searches that found nothing.

Every search is counted with wagtail.contrib.search_promotions' Query (popular searches); a
search without results is also counted here, so that editors see in Rapporten which content
readers miss.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from portal.core.models import BasePage


class ZeroResultDailyHits(models.Model):
    """How often a query found nothing, per day."""

    query = models.ForeignKey(
        Query,
        verbose_name=_("Zoekopdracht"),
        related_name="zero_result_hits",
        on_delete=models.CASCADE,
    )
    date = models.DateField(_("Datum"))
    hits = models.PositiveIntegerField(_("Aantal keer"), default=0)

    class Meta:
        verbose_name = _("Zoekopdracht zonder resultaat")
        verbose_name_plural = _("Zoekopdrachten zonder resultaat")
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="zero_result_query_date")
        ]

    def __str__(self):
        return f"{self.query} ({self.date}: {self.hits})"

    @classmethod
    def garbage_collect(cls):
        """Delete the days older than the search log's retention (WAGTAILSEARCH_HITS_MAX_AGE).

        Wagtail drops a Query (and with it these rows) only when it has no recent hit at all;
        a query still searched today would otherwise keep its zero-result days forever.
        """
        days = settings.WAGTAILSEARCH_HITS_MAX_AGE
        cls.objects.filter(date__lt=timezone.localdate() - datetime.timedelta(days=days)).delete()

    @classmethod
    def add_hit(cls, query):
        hits, _created = cls.objects.get_or_create(query=query, date=timezone.localdate())
        cls.objects.filter(pk=hits.pk).update(hits=F("hits") + 1)


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

    @path("")
    def results(self, request):
        from search.views import search_results

        return search_results(self, request)

    @path("suggest/", name="suggest")
    def suggest(self, request):
        from search.views import suggest

        return suggest(request)


class VocabularyWord(models.Model):
    """A word of the portal's published content, for "Bedoelde u ...?" and compound parts.

    Rebuilt from what the site search shows (titles and texts of the registered search groups,
    published content only) by `manage.py update_search_vocabulary` (search/vocabulary.py), so
    a suggestion is always a word a visitor can find, never a draft's or a visitor's word.
    Not shown in the admin: editors change the content, not this list.
    """

    word = models.CharField(_("Woord"), max_length=60, unique=True)
    documents = models.PositiveIntegerField(_("Aantal documenten"), default=0)

    class Meta:
        verbose_name = _("Woord uit de inhoud")
        verbose_name_plural = _("Woorden uit de inhoud")

    def __str__(self):
        return self.word
