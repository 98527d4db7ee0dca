"""Admin for the directory: partners (with moderation) and the taxonomies, under one menu."""

import django_filters

from django.contrib import messages
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    SnippetViewSet,
    SnippetViewSetGroup,
    WorkflowActionView,
)

from partners.admin.access import PersonalDataViewSetMixin
from partners.admin.dashboard import STATUSES, PartnerStatusPanel, status_filter
from partners.admin.registrations import PartnerRegistrationViewSet
from partners.models import (
    EducationForm,
    Partner,
    PartnerDirectoryPage,
    PartnerKind,
    Province,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
)
from portal.core.workflow_messages import confirmation


class PartnerFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label=_("Soort partner"), choices=PartnerKind.choices)
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"), queryset=Province.objects.all()
    )
    sector = django_filters.ModelChoiceFilter(label=_("Sector"), queryset=Sector.objects.all())
    kinds = django_filters.ModelChoiceFilter(
        label=_("Vorm van werkplekleren"), queryset=WorkplaceLearningKind.objects.all()
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUSES, method="filter_status", empty_label=_("Alle")
    )

    def filter_status(self, queryset, name, value):
        return status_filter(queryset, value)

    class Meta:
        model = Partner
        fields = ["kind", "province", "sector", "kinds", "live"]


class PartnerWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action from the dashboard, with a confirmation in Django's messages
    for the moderator or partner manager who took it (portal.core.workflow_messages)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = confirmation(self.task_state, self.object.name)
        if message:
            messages.success(request, message)
        return response


class PartnerEditView(EditView):
    """The partner's edit view: a workflow action taken from its action menu ("Goedkeuren en
    publiceren", "Wijzigingsverzoek") is confirmed as such, not as a plain save."""

    acted_task_state = None

    def workflow_action_action(self):
        self.acted_task_state = self.object.current_workflow_task_state
        return super().workflow_action_action()

    def get_success_message(self, instance=None):
        if self.action == "workflow-action":
            message = confirmation(self.acted_task_state, self.object.name)
            if message:
                return message
        return super().get_success_message(instance)


class PartnerViewSet(PersonalDataViewSetMixin, SnippetViewSet):
    model = Partner
    workflow_action_view_class = PartnerWorkflowActionView
    edit_view_class = PartnerEditView
    icon = "group"
    menu_label = _("Partners")
    list_display = ["name", "kind", "municipality", "province", "sector", "last_confirmed"]
    list_export = [
        "name",
        "kind",
        "enterprise_number",
        "website",
        "street",
        "postcode",
        "municipality",
        "province",
        "sector",
        "places_per_year",
        "mentor_available",
        "mentor_trained",
        "last_confirmed",
        "live",
    ]
    export_filename = "partners"
    filterset_class = PartnerFilterSet
    search_fields = ["name", "municipality"]
    ordering = ["name"]


class TaxonomyViewSet(SnippetViewSet):
    list_display = ["name", "slug", "sort_order"]
    ordering = ["sort_order", "name"]
    add_to_admin_menu = False


class StudyDomainViewSet(TaxonomyViewSet):
    model = StudyDomain
    icon = "folder-open-inverse"


class EducationFormViewSet(TaxonomyViewSet):
    model = EducationForm
    icon = "folder-open-inverse"


class WorkplaceLearningKindViewSet(TaxonomyViewSet):
    model = WorkplaceLearningKind
    icon = "folder-open-inverse"


class SectorViewSet(TaxonomyViewSet):
    model = Sector
    icon = "folder-open-inverse"


class ProvinceViewSet(TaxonomyViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "region", "refnis_code"]


class PartnerGroup(SnippetViewSetGroup):
    menu_label = _("Partnergids")
    menu_icon = "group"
    menu_order = 210
    items = (
        PartnerViewSet,
        PartnerRegistrationViewSet,
        StudyDomainViewSet,
        EducationFormViewSet,
        WorkplaceLearningKindViewSet,
        SectorViewSet,
        ProvinceViewSet,
    )


register_snippet(PartnerGroup)


def present_partners(partners, shown=None):
    """present_partner for a page of results, with the directory page read once (or by the
    search view, with the results: `shown.landing`)."""
    if shown is not None:
        directory = shown.landing
    else:
        directory = PartnerDirectoryPage.objects.live().first() if partners else None
    return [present_partner(partner, directory) for partner in partners]


def present_partner(partner, directory=None):
    return {
        "title": partner.name,
        "url": partner.get_url(directory=directory),
        "text": " ".join(
            part for part in (strip_tags(partner.description), partner.municipality) if part
        ),
        "meta": ", ".join(
            part for part in (partner.municipality, str(partner.province or "")) if part
        ),
    }


@hooks.register("register_site_search_group")
def partners_search_group():
    return {
        "key": "partners",
        "label": _("Partners"),
        "order": 40,
        "queryset": lambda: Partner.objects.published().select_related("province"),
        "present": present_partner,
        "present_all": present_partners,
        "landing_type": PartnerDirectoryPage,
    }


@hooks.register("construct_homepage_panels")
def add_partner_status_panel(request, panels):
    """The partner counts on the dashboard, for those who may see the partner listing."""
    if any(
        request.user.has_perm(f"partners.{action}_partner")
        for action in ("add", "change", "delete", "view")
    ):
        panels.append(PartnerStatusPanel())


@hooks.register("register_admin_urls")
def register_personal_data_url():
    from django.urls import path

    from partners.privacy.views import PersonalDataView

    return [
        path("persoonsgegevens/", PersonalDataView.as_view(), name="partners_personal_data"),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        from partners.privacy.views import may_handle_requests

        return may_handle_requests(request.user)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        _("Persoonsgegevens (AVG)"), reverse("partners_personal_data"), icon_name="user", order=900
    )
