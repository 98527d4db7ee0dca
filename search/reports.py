"""Reports for editors: what readers search for, and what they search for in vain.

Wagtail's own "Search terms" report is for administrators only; editors need these to know which
content is missing, so they are open to everyone with access to the admin.
"""

import datetime

from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

PERIOD_DAYS = 90


class PopularSearchesReportView(ReportView):
    page_title = _("Populaire zoekopdrachten")
    header_icon = "search"
    index_url_name = "search_reports:popular"
    index_results_url_name = "search_reports:popular_results"
    is_searchable = True
    search_fields = ["query_string"]
    default_ordering = "-search_count"
    columns = [
        Column("query_string", label=_("Zoekopdracht")),
        NumberColumn("search_count", label=_("Aantal keer (90 dagen)"), sort_key="search_count"),
        DateColumn("last_searched", label=_("Laatst gezocht"), sort_key="last_searched"),
    ]
    list_export = ["query_string", "search_count", "last_searched"]
    export_headings = {
        "query_string": _("Zoekopdracht"),
        "search_count": _("Aantal keer"),
        "last_searched": _("Laatst gezocht"),
    }

    def get_base_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=PERIOD_DAYS)
        return (
            Query.objects.filter(daily_hits__date__gte=since)
            .annotate(search_count=Sum("daily_hits__hits"), last_searched=Max("daily_hits__date"))
            .order_by("-search_count", "query_string")
        )

    def get_queryset(self):
        return self.search_queryset(self.get_base_queryset())


class ZeroResultSearchesReportView(PopularSearchesReportView):
    page_title = _("Zoekopdrachten zonder resultaat")
    header_icon = "warning"
    index_url_name = "search_reports:zero_results"
    index_results_url_name = "search_reports:zero_results_results"

    def get_base_queryset(self):
        since = timezone.localdate() - datetime.timedelta(days=PERIOD_DAYS)
        return (
            Query.objects.filter(zero_result_hits__date__gte=since)
            .annotate(
                search_count=Sum("zero_result_hits__hits"),
                last_searched=Max("zero_result_hits__date"),
            )
            .order_by("-search_count", "query_string")
        )
