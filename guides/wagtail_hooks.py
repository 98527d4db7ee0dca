"""Admin for the guides: glossary terms and topics as snippets, and the stale-guides report."""

import django_filters

from django.db.models import Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from guides.models import GlossaryPage, GuideIndexPage, Term, Topic
from guides.views import StaleChaptersReportView, StaleGuidesReportView, StyleSheetView


class TermFilterSet(WagtailFilterSet):
    has_abbreviation = django_filters.BooleanFilter(
        label=_("Met afkorting"), method="filter_has_abbreviation"
    )
    letter = django_filters.ChoiceFilter(
        label=_("Beginletter"),
        choices=[(chr(code), chr(code)) for code in range(ord("A"), ord("Z") + 1)],
        method="filter_letter",
    )
    has_link = django_filters.BooleanFilter(label=_("Met externe link"), method="filter_has_link")

    class Meta:
        model = Term
        fields = []

    def filter_has_abbreviation(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(abbreviation="") if value else queryset.filter(abbreviation="")

    def filter_letter(self, queryset, name, value):
        return queryset.starting_with(value) if value else queryset

    def filter_has_link(self, queryset, name, value):
        if value is None:
            return queryset
        empty = Q(url="")
        return queryset.exclude(empty) if value else queryset.filter(empty)


class TermViewSet(SnippetViewSet):
    model = Term
    icon = "help"
    menu_label = _("Woordenlijst")
    list_display = ["term", "abbreviation", "definition", "url"]
    list_export = ["term", "abbreviation", "definition", "url", "slug"]
    export_filename = "woordenlijst"
    filterset_class = TermFilterSet
    search_fields = ["term", "abbreviation", "definition"]
    ordering = ["term"]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Onderwerpen")
    list_display = ["name", "slug"]
    list_export = ["name", "slug", "description"]
    export_filename = "onderwerpen"
    search_fields = ["name"]
    ordering = ["name"]


class GuidesSnippetGroup(SnippetViewSetGroup):
    menu_label = _("Gidsen")
    menu_icon = "doc-full"
    menu_order = 210
    items = (TermViewSet, TopicViewSet)


register_snippet(GuidesSnippetGroup)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "rapporten/gidsen-na-te-kijken/",
            StaleGuidesReportView.as_view(),
            name="guides_stale_report",
        ),
        path(
            "rapporten/gidsen-na-te-kijken/resultaten/",
            StaleGuidesReportView.as_view(results_only=True),
            name="guides_stale_report_results",
        ),
        path(
            "rapporten/hoofdstukken-na-te-kijken/",
            StaleChaptersReportView.as_view(),
            name="guides_stale_chapters_report",
        ),
        path(
            "rapporten/hoofdstukken-na-te-kijken/resultaten/",
            StaleChaptersReportView.as_view(results_only=True),
            name="guides_stale_chapters_report_results",
        ),
        path("schrijfwijzer/", StyleSheetView.as_view(), name="guides_style_sheet"),
    ]


class StaleGuidesMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(
            request.user, ["add", "change", "publish"]
        )


@hooks.register("register_reports_menu_item")
def register_stale_guides_menu_item():
    return StaleGuidesMenuItem(
        _("Gidsen na te kijken"),
        reverse("guides_stale_report"),
        name="stale-guides",
        icon_name="time",
        order=1150,
    )


@hooks.register("register_reports_menu_item")
def register_stale_chapters_menu_item():
    return StaleGuidesMenuItem(
        _("Hoofdstukken na te kijken"),
        reverse("guides_stale_chapters_report"),
        name="stale-chapters",
        icon_name="time",
        order=1160,
    )


@hooks.register("register_help_menu_item")
def register_style_sheet_menu_item():
    return MenuItem(
        _("Schrijfwijzer"),
        reverse("guides_style_sheet"),
        name="schrijfwijzer",
        icon_name="help",
        order=900,
    )


@hooks.register("register_site_search_group")
def guides_search_group():
    from guides import search

    return {
        "key": "gidsen",
        "label": _("Gidsen en hoofdstukken"),
        "order": 10,
        "queryset": search.guide_pages,
        "page_types": search.GUIDE_PAGE_TYPES,
        "present": search.present_guide_page,
        "present_all": search.present_guide_pages,
        "landing_type": GuideIndexPage,
    }


@hooks.register("register_site_search_group")
def glossary_search_group():
    from guides import search

    return {
        "key": "begrippen",
        "label": _("Begrippen"),
        "order": 20,
        "queryset": Term.objects.all,
        "present": search.present_term,
        "present_all": search.present_terms,
        "landing_type": GlossaryPage,
        "define": search.definition_for,
    }
