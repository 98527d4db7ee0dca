from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search import reports
from search.models import SearchPage

report_urls = (
    [
        path("populair/", reports.PopularSearchesReportView.as_view(), name="popular"),
        path(
            "populair/results/",
            reports.PopularSearchesReportView.as_view(results_only=True),
            name="popular_results",
        ),
        path(
            "zonder-resultaat/", reports.ZeroResultSearchesReportView.as_view(), name="zero_results"
        ),
        path(
            "zonder-resultaat/results/",
            reports.ZeroResultSearchesReportView.as_view(results_only=True),
            name="zero_results_results",
        ),
    ],
    "search_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/zoeken/", include(report_urls))]


@hooks.register("register_reports_menu_item")
def popular_searches_menu_item():
    return MenuItem(
        _("Populaire zoekopdrachten"),
        reverse("search_reports:popular"),
        icon_name="search",
        order=1310,
    )


@hooks.register("register_reports_menu_item")
def zero_result_searches_menu_item():
    return MenuItem(
        _("Zoekopdrachten zonder resultaat"),
        reverse("search_reports:zero_results"),
        icon_name="warning",
        order=1320,
    )


@hooks.register("register_site_search_pages")
def site_search_pages(site):
    """The live search pages of `site`: the core's chrome points the search box at one."""
    return SearchPage.objects.live().in_site(site)
