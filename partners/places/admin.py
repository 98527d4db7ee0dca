"""Places offered and requests in Wagtail's admin, read-only, for Partnerbeheerders.

Partners keep their places through their management link and schools post requests through
theirs: nobody edits them here (the permission policy refuses add, change and delete even to
superusers). Partner managers look them up: a partner's places per school year (reached from the
partner list's "Plaatsen" button) and the requests with their recipients, answers and messages.
Requests hold what a school wrote to partners; the views need the model's view permission
(migration places.0004 gives it to Partnerbeheerders only), and the permission matrix checks
that nobody else reaches them (tests/security/test_permissions.py).
"""

import django_filters

from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from partners.models import Partner, StudyDomain
from partners.places import months
from partners.places.models import PlaceRequest, PlacesYear, RequestStatus


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Django's view permission, and nothing else: the rows change only through their flows."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([a for a in actions if a == "view"] or ["view"])


register_permission_policy(PlacesYear, ViewOnlyPermissionPolicy(PlacesYear))
register_permission_policy(PlaceRequest, ViewOnlyPermissionPolicy(PlaceRequest))


def school_years():
    this_year = months.school_year_of()
    return [(year, months.school_year_label(year)) for year in range(this_year, this_year - 4, -1)]


class PlacesYearFilterSet(WagtailFilterSet):
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"), queryset=Partner.objects.order_by("name")
    )
    school_year = django_filters.ChoiceFilter(label=_("Schooljaar"), choices=school_years)
    confirmed = django_filters.BooleanFilter(
        label=_("Bevestigd"), field_name="confirmed_on", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = PlacesYear
        fields = ["partner", "school_year", "accepts_requests"]


class PlacesYearInspectView(InspectView):
    template_name = "partners/places/admin/places_year_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["offers"] = self.object.offers.select_related("kind", "study_domain")
        context["partner_edit_url"] = reverse(
            "wagtailsnippets_partners_partner:edit", args=[self.object.partner_id]
        )
        return context


class PlacesYearViewSet(ModelViewSet):
    model = PlacesYear
    icon = "calendar"
    menu_label = _("Plaatsen per schooljaar")
    url_prefix = "plaatsen/aanbod"
    name = "places_years"
    list_display = [
        "partner",
        Column("label", label=_("Schooljaar")),
        Column("total_places", label=_("Plaatsen")),
        "accepts_requests",
        "confirmed_on",
    ]
    filterset_class = PlacesYearFilterSet
    search_fields = None
    ordering = ["-school_year", "partner__name"]
    inspect_view_enabled = True
    inspect_view_class = PlacesYearInspectView
    copy_view_enabled = False
    list_export = ["partner", "label", "total_places", "accepts_requests", "confirmed_on"]
    export_filename = "plaatsen"
    form_fields = ["accepts_requests"]  # required by ModelViewSet; the policy refuses editing

    def get_queryset(self, request):
        return PlacesYear.objects.select_related("partner").annotate(
            total_places=Sum("offers__places")
        )


class PlaceRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RequestStatus.choices)
    study_domain = django_filters.ModelChoiceFilter(
        label=_("Studiedomein"), queryset=StudyDomain.objects.all()
    )
    school = django_filters.ModelChoiceFilter(
        label=_("School"), queryset=Partner.objects.filter(kind="school").order_by("name")
    )
    recipient = django_filters.ModelChoiceFilter(
        label=_("Verstuurd naar"),
        queryset=Partner.objects.order_by("name"),
        field_name="recipients__partner",
    )

    class Meta:
        model = PlaceRequest
        fields = ["status", "study_domain", "school", "school_year"]


class PlaceRequestInspectView(InspectView):
    template_name = "partners/places/admin/place_request_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["recipients"] = self.object.recipients.select_related("partner").prefetch_related(
            "messages"
        )
        return context


class PlaceRequestViewSet(ModelViewSet):
    model = PlaceRequest
    icon = "mail"
    menu_label = _("Aanvragen van scholen")
    url_prefix = "plaatsen/aanvragen"
    name = "place_requests"
    list_display = [
        "school",
        "study_domain",
        "kind",
        "learners",
        Column("period_label", label=_("Periode")),
        Column("get_status_display", label=_("Status")),
        "created_at",
    ]
    filterset_class = PlaceRequestFilterSet
    search_fields = None
    ordering = ["-created_at"]
    inspect_view_enabled = True
    inspect_view_class = PlaceRequestInspectView
    copy_view_enabled = False
    list_export = [
        "public_id",
        "school",
        "study_domain",
        "kind",
        "learners",
        "period_label",
        "status",
        "created_at",
        "closed_at",
    ]
    export_filename = "aanvragen"
    form_fields = ["status"]  # required by ModelViewSet; the policy refuses editing

    def get_queryset(self, request):
        return PlaceRequest.objects.select_related("school", "study_domain", "kind").distinct()


class PlacesViewSetGroup(ViewSetGroup):
    menu_label = _("Plaatsen")
    menu_icon = "calendar"
    menu_order = 215
    items = (PlacesYearViewSet, PlaceRequestViewSet)


@hooks.register("register_admin_viewset")
def register_places_viewsets():
    return PlacesViewSetGroup()


@hooks.register("register_snippet_listing_buttons")
def partner_places_button(snippet, user, next_url=None):
    """From a partner in the list to its places per school year (read-only)."""
    if isinstance(snippet, Partner) and user.has_perm("places.view_placesyear"):
        yield Button(
            _("Plaatsen"),
            url=reverse("places_years:index") + f"?partner={snippet.pk}",
            icon_name="calendar",
            priority=61,
        )
        if snippet.kind == "school" and user.has_perm("places.view_placerequest"):
            yield Button(
                _("Aanvragen"),
                url=reverse("place_requests:index") + f"?school={snippet.pk}",
                icon_name="mail",
                priority=62,
            )
