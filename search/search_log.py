"""The log of searches: every search counted, and the searches that found nothing.

Every search is counted with wagtail.contrib.search_promotions' Query (popular searches); a
search without results is also counted here, so that editors see in Rapporten which content
readers miss. The editors' search promotions for a query are read here too: they hang on the
same Query.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.search_promotions.models import Query, QueryDailyHits, SearchPromotion
from wagtail.search.utils import normalise_query_string


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
        add_daily_hit(cls, query, timezone.localdate())


def promotions_for(query):
    """The editors' search promotions for `query` (Wagtail's, on its normalised form), in one query.

    Read by the query string rather than through `Query.get`, which would first write a Query
    row for a search that is not counted (a tab or a further page of results).
    """
    return list(
        SearchPromotion.objects.filter(
            query__query_string=normalise_query_string(query)
        ).select_related("page")
    )


def add_daily_hit(daily_hits, query, date):
    """Add one to `query`'s hits of `date` in `daily_hits` (a model with query, date and hits).

    `query` is a Query or its normalised query string. A query searched before today costs one
    UPDATE (Wagtail's `Query.get` and `add_hit` take three queries); the first search of a day
    adds the row.
    """
    if isinstance(query, str):
        matching = daily_hits.objects.filter(query__query_string=query, date=date)
    else:
        matching = daily_hits.objects.filter(query=query, date=date)
    if matching.update(hits=F("hits") + 1):
        return
    query = Query.get(query) if isinstance(query, str) else query
    row, created = daily_hits.objects.get_or_create(query=query, date=date, defaults={"hits": 1})
    if not created:  # added meanwhile by a request at the same time
        daily_hits.objects.filter(pk=row.pk).update(hits=F("hits") + 1)


def record_search(query, total):
    """Count a search for the popular searches report, and for the zero results one if `total` is 0."""
    query_string = normalise_query_string(query)
    # The dates each table has always used: Wagtail's (UTC) and ours (local).
    add_daily_hit(QueryDailyHits, query_string, timezone.now().date())
    if total == 0:
        add_daily_hit(ZeroResultDailyHits, query_string, timezone.localdate())
