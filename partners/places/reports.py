"""Reports in Wagtail's admin on places asked and offered (Rapporten menu), for users with the
permission `places.view_shortage_report` (the group Partnerbeheerders, migration places.0004):

- "Tekort aan plaatsen": every cell of study domain, province and month of a school year with
  learners asked, places offered, learners with a "yes", unanswered requests and requests no
  partner matched (partners/places/shortage.py), filterable and exported as CSV or XLSX;
- "Onbeantwoorde aanvragen": open requests sent to partners of which none answered;
- "Partners die niet antwoorden": partners that received requests and never answered one.

Wagtail's ReportView gives the filters, sorting, pagination and the spreadsheet export. The
shortage report's rows are computed, not a queryset: its filter set only reads the chosen values
(filter_queryset leaves the rows alone) and sorting happens on the list.
"""

import django_filters

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView

from partners.models import Partner, Province, StudyDomain
from partners.places import months, shortage
from partners.places.models import PlaceRequest, RequestStatus

PERMISSION = "places.view_shortage_report"


def school_year_choices():
    this_year = months.school_year_of()
    first = (
        PlaceRequest.objects.order_by("school_year").values_list("school_year", flat=True).first()
    )
    years = range(this_year, min(first or this_year, this_year) - 1, -1)
    return [(str(year), months.school_year_label(year)) for year in years]


class ShortageFilterSet(WagtailFilterSet):
    school_year = django_filters.ChoiceFilter(
        label=_("Schooljaar"), choices=school_year_choices, empty_label=None, method="keep"
    )
    study_domain = django_filters.ModelChoiceFilter(
        label=_("Studiedomein"), queryset=StudyDomain.objects.all(), method="keep"
    )
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"), queryset=Province.objects.all(), method="keep"
    )
    month = django_filters.ChoiceFilter(label=_("Maand"), choices=months.CHOICES, method="keep")

    class Meta:
        model = PlaceRequest
        fields = []

    def keep(self, queryset, name, value):
        return queryset


class PermissionRequired:
    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ShortageReportView(PermissionRequired, ReportView):
    page_title = _("Tekort aan plaatsen")
    header_icon = "warning"
    index_url_name = "places_reports:shortage"
    index_results_url_name = "places_reports:shortage_results"
    filterset_class = ShortageFilterSet
    paginate_by = 100
    default_ordering = None
    columns = [
        Column("month_label", label=_("Maand")),
        Column("domain", label=_("Studiedomein")),
        Column("province", label=_("Provincie")),
        NumberColumn("requests", label=_("Aanvragen"), sort_key="requests"),
        NumberColumn("learners", label=_("Gevraagde leerlingen"), sort_key="learners"),
        NumberColumn("places", label=_("Aangeboden plaatsen"), sort_key="places"),
        NumberColumn("shortage", label=_("Tekort"), sort_key="shortage"),
        NumberColumn("learners_yes", label=_("Leerlingen met een ja"), sort_key="learners_yes"),
        NumberColumn("unanswered", label=_("Onbeantwoorde aanvragen"), sort_key="unanswered"),
        NumberColumn("unmatched", label=_("Aanvragen zonder partner"), sort_key="unmatched"),
        NumberColumn("schools", label=_("Scholen")),
        NumberColumn("partners", label=_("Partners met plaatsen")),
    ]
    list_export = [
        "month_label",
        "domain",
        "province",
        "requests",
        "learners",
        "places",
        "shortage",
        "learners_yes",
        "unanswered",
        "unmatched",
        "schools",
        "partners",
    ]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "tekort-aan-plaatsen"

    def filter_queryset(self, queryset):
        return queryset

    def order_queryset(self, queryset):
        return queryset

    def get_queryset(self):
        chosen = {}
        if self.filters and self.filters.is_valid():
            chosen = self.filters.form.cleaned_data
        school_year = int(chosen.get("school_year") or months.school_year_of())
        domain = chosen.get("study_domain")
        province = chosen.get("province")
        month = chosen.get("month")
        rows = shortage.cube(
            school_year,
            domain_id=domain.pk if domain else None,
            province_id=province.pk if province else None,
            month=int(month) if month else None,
        )
        if self.ordering:
            name = self.ordering.lstrip("-")
            rows.sort(key=lambda cell: getattr(cell, name), reverse=self.ordering.startswith("-"))
        return rows


class UnansweredRequestsReportView(PermissionRequired, ReportView):
    page_title = _("Onbeantwoorde aanvragen")
    header_icon = "help"
    index_url_name = "places_reports:unanswered"
    index_results_url_name = "places_reports:unanswered_results"
    default_ordering = "created_at"
    columns = [
        Column("school", label=_("School"), accessor="school"),
        Column("study_domain", label=_("Studiedomein"), accessor="study_domain"),
        Column("kind", label=_("Vorm"), accessor="kind"),
        NumberColumn("learners", label=_("Leerlingen")),
        Column("period_label", label=_("Periode")),
        NumberColumn("sent", label=_("Verstuurd naar")),
        DateColumn("created_at", label=_("Verstuurd op"), sort_key="created_at"),
    ]
    list_export = [
        "school",
        "study_domain",
        "kind",
        "learners",
        "period_label",
        "sent",
        "created_at",
    ]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "onbeantwoorde-aanvragen"

    def get_base_queryset(self):
        return (
            PlaceRequest.objects.filter(status=RequestStatus.OPEN)
            .annotate(
                sent=Count("recipients", filter=Q(recipients__sent_at__isnull=False)),
                answered=Count("recipients", filter=~Q(recipients__answer="")),
            )
            .filter(sent__gt=0, answered=0)
            .select_related("school", "study_domain", "kind")
        )


class SilentPartnersReportView(PermissionRequired, ReportView):
    page_title = _("Partners die niet antwoorden")
    header_icon = "group"
    index_url_name = "places_reports:silent"
    index_results_url_name = "places_reports:silent_results"
    default_ordering = "-received"
    columns = [
        Column("name", label=_("Partner")),
        Column("province", label=_("Provincie"), accessor="province"),
        NumberColumn("received", label=_("Aanvragen ontvangen"), sort_key="received"),
        DateColumn("last_received", label=_("Laatste aanvraag"), sort_key="last_received"),
    ]
    list_export = ["name", "province", "received", "last_received"]
    export_headings = {column.name: column.label for column in columns}
    export_filename = "partners-die-niet-antwoorden"
    is_searchable = True
    search_fields = ["name"]

    def get_base_queryset(self):
        return (
            Partner.objects.filter(received_place_requests__sent_at__isnull=False)
            .annotate(
                received=Count(
                    "received_place_requests",
                    filter=Q(received_place_requests__sent_at__isnull=False),
                ),
                answers=Count(
                    "received_place_requests", filter=~Q(received_place_requests__answer="")
                ),
                last_received=Max("received_place_requests__sent_at"),
            )
            .filter(answers=0)
            .select_related("province")
        )

    def get_queryset(self):
        return self.search_queryset(self.order_queryset(self.get_base_queryset()))
