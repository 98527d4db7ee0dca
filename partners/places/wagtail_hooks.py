"""The places app's admin wiring: its entries in a partner's history, its reports, and the
read-only places and requests for Partnerbeheerders (partners/places/admin.py)."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from partners.places import admin, reports  # noqa: F401  (admin registers its viewsets)

LOG_ACTIONS = (
    ("places.places.saved", _("Plaatsen opgeslagen"), _("De partner sloeg zijn plaatsen op")),
    (
        "places.places.confirmed",
        _("Plaatsen bevestigd"),
        _("De partner bevestigde zijn plaatsen voor dit schooljaar"),
    ),
    (
        "places.places.reminded",
        _("Herinnering plaatsen"),
        _("De partner kreeg een herinnering om zijn plaatsen te bevestigen"),
    ),
    ("places.request.posted", _("Aanvraag verstuurd"), _("De school verstuurde een aanvraag")),
    ("places.request.closed", _("Aanvraag gesloten"), _("De school sloot een aanvraag")),
)


@hooks.register("register_log_actions")
def register_places_log_actions(actions):
    for action, label, past_tense in LOG_ACTIONS:
        actions.register_action(action, label, past_tense)


# Reports (partners/places/reports.py), under Rapporten for users with the permission.

report_urls = (
    [
        path("", reports.ShortageReportView.as_view(), name="shortage"),
        path(
            "results/",
            reports.ShortageReportView.as_view(results_only=True),
            name="shortage_results",
        ),
        path("onbeantwoord/", reports.UnansweredRequestsReportView.as_view(), name="unanswered"),
        path(
            "onbeantwoord/results/",
            reports.UnansweredRequestsReportView.as_view(results_only=True),
            name="unanswered_results",
        ),
        path("stille-partners/", reports.SilentPartnersReportView.as_view(), name="silent"),
        path(
            "stille-partners/results/",
            reports.SilentPartnersReportView.as_view(results_only=True),
            name="silent_results",
        ),
    ],
    "places_reports",
)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("reports/plaatsen/", include(report_urls))]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(reports.PERMISSION)


@hooks.register("register_reports_menu_item")
def shortage_menu_item():
    return ReportMenuItem(
        _("Tekort aan plaatsen"),
        reverse("places_reports:shortage"),
        icon_name="warning",
        order=1400,
    )


@hooks.register("register_reports_menu_item")
def unanswered_menu_item():
    return ReportMenuItem(
        _("Onbeantwoorde aanvragen"),
        reverse("places_reports:unanswered"),
        icon_name="help",
        order=1410,
    )


@hooks.register("register_reports_menu_item")
def silent_partners_menu_item():
    return ReportMenuItem(
        _("Partners die niet antwoorden"),
        reverse("places_reports:silent"),
        icon_name="group",
        order=1420,
    )
