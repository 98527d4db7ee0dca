"""Admin views of the guides: the reports of guides and chapters due for review, the style sheet."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from guides.models import GuideChapterPage, GuidePage, months_before

STALE_AFTER_MONTHS = 12


class StaleReviewReport(ReportView):
    """A report of pages (`model`) last reviewed more than STALE_AFTER_MONTHS ago, limited to
    the pages the user may edit; shown to everyone who may add, change or publish pages."""

    header_icon = "time"
    any_permission_required = ["add", "change", "publish"]
    ordering = ("last_reviewed", "title")

    @property
    def permission_policy(self):
        return PagePermissionPolicy()

    def get_page_subtitle(self):
        cutoff = months_before(timezone.localdate(), STALE_AFTER_MONTHS)
        return _("Laatst nagekeken vóór %(date)s") % {"date": cutoff.strftime("%d-%m-%Y")}

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_any_permission_for(
            self.request.user, ["change", "publish"]
        )
        return (
            self.model.objects.stale(months=STALE_AFTER_MONTHS)
            .filter(pk__in=editable.values("pk"))
            .order_by(*self.ordering)
        )


class StaleGuidesReportView(StaleReviewReport):
    """Guides last reviewed more than twelve months ago (Rapporten > Gidsen na te kijken).

    Shown to everyone who may edit or publish pages; the list is what those users may edit.
    """

    page_title = _("Gidsen na te kijken")
    index_url_name = "guides_stale_report"
    index_results_url_name = "guides_stale_report_results"
    model = GuidePage
    verbose_name_plural = _("gidsen die nagekeken moeten worden")
    columns = [
        TitleColumn("title", label=_("Gids"), url_name="wagtailadmin_pages:edit"),
        Column("content_owner", label=_("Eigenaar")),
        DateColumn("last_reviewed", label=_("Laatst nagekeken op")),
        Column("audience_label", label=_("Doelgroep")),
        Column("status_string", label=_("Status")),
    ]
    list_export = ["title", "content_owner", "last_reviewed", "audience", "status_string"]
    export_headings = {
        "title": _("Gids"),
        "content_owner": _("Eigenaar"),
        "last_reviewed": _("Laatst nagekeken op"),
        "audience": _("Doelgroep"),
        "status_string": _("Status"),
    }


class StaleChaptersReportView(StaleReviewReport):
    """Chapters last reviewed against their sources more than twelve months ago.

    Rapporten > Hoofdstukken na te kijken; the same audience and rules as the guides' report.
    """

    page_title = _("Hoofdstukken na te kijken")
    index_url_name = "guides_stale_chapters_report"
    index_results_url_name = "guides_stale_chapters_report_results"
    model = GuideChapterPage
    verbose_name_plural = _("hoofdstukken die nagekeken moeten worden")
    columns = [
        TitleColumn("title", label=_("Hoofdstuk"), url_name="wagtailadmin_pages:edit"),
        Column("guide", label=_("Gids")),
        DateColumn("last_reviewed", label=_("Laatst nagekeken op")),
        Column("status_string", label=_("Status")),
    ]
    list_export = ["title", "guide", "last_reviewed", "status_string"]
    export_headings = {
        "title": _("Hoofdstuk"),
        "guide": _("Gids"),
        "last_reviewed": _("Laatst nagekeken op"),
        "status_string": _("Status"),
    }

    ordering = ("last_reviewed", "path")


class StyleSheetView(WagtailAdminTemplateMixin, TemplateView):
    """Schrijfwijzer: the house style of the guides, for editors (Help > Schrijfwijzer)."""

    page_title = _("Schrijfwijzer")
    header_icon = "help"
    template_name = "guides/admin/schrijfwijzer.html"
