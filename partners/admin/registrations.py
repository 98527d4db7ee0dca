"""The registrations in Wagtail's admin: a read-only list and detail view for moderators.

What a company submitted is evidence (of what it asked and what it consented to), so nobody
edits it here: the permission policy refuses "add" and "change" even to superusers. Moderators
review the Partner revision in Wagtail's workflow; from a registration they jump to that Partner,
and the Partner list has a "Registraties" link back. Log actions of the flow get Dutch labels in
the history views. Registered from partners/wagtail_hooks.py.
"""

import django_filters

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, StatusTagColumn
from wagtail.admin.views.generic.models import InspectView
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views.snippets import SnippetViewSet

from partners.admin.access import PersonalDataViewSetMixin
from partners.models import (
    EducationForm,
    Partner,
    PartnerRegistration,
    RegistrationKind,
    RegistrationSource,
    RegistrationStatus,
    Sector,
    StudyDomain,
    WorkplaceLearningKind,
)
from partners.registration import services
from partners.registration.forms import RegistrationForm


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody may add or change a registration."""

    READ_ONLY_ACTIONS = {"add", "change"}

    def user_has_permission(self, user, action):
        if action in self.READ_ONLY_ACTIONS:
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [a for a in actions if a not in self.READ_ONLY_ACTIONS]
        if not actions:
            return super().users_with_any_permission(["__none__"]).none()
        return super().users_with_any_permission(actions)


register_permission_policy(PartnerRegistration, ReadOnlyPermissionPolicy(PartnerRegistration))


class RegistrationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Soort aanvraag"), choices=RegistrationKind.choices)
    source = django_filters.ChoiceFilter(
        label=_("Ingediend via"), choices=RegistrationSource.choices
    )
    mail_failed = django_filters.BooleanFilter(
        label=_("E-mail niet verstuurd"), method="filter_mail_failed"
    )
    partner = django_filters.ModelChoiceFilter(label=_("Partner"), queryset=Partner.objects.all())

    class Meta:
        model = PartnerRegistration
        fields = ["status", "kind", "source", "mail_failed", "partner"]

    def filter_mail_failed(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(mail_error="") if value else queryset.filter(mail_error="")


TAXONOMIES = {
    "sector": Sector,
    "kinds": WorkplaceLearningKind,
    "study_domains": StudyDomain,
    "education_forms": EducationForm,
}


def submitted_rows(registration):
    """(label, value) pairs of what the company submitted, in the form's order."""
    form = RegistrationForm()
    data = registration.data or {}
    rows = []
    for name in form.field_order_on_page():
        if name.startswith("consent_") or name not in data:
            continue
        value = data[name]
        if name in TAXONOMIES:
            slugs = value if isinstance(value, list) else [value] if value else []
            names = dict(
                TAXONOMIES[name].objects.filter(slug__in=slugs).values_list("slug", "name")
            )
            value = ", ".join(names.get(slug, slug) for slug in slugs)
        elif isinstance(value, bool):
            value = _("ja") if value else _("nee")
        elif name == "kind":
            from partners.models import PartnerKind

            value = dict(PartnerKind.choices).get(value, value)
        rows.append((form.fields[name].label, value if value not in ("", None) else "–"))
    return rows


class RegistrationInspectView(InspectView):
    template_name = "partners/admin/registration_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        registration = self.object
        partner = registration.partner
        context.update(
            registration=registration,
            submitted_rows=submitted_rows(registration),
            partner=partner,
            partner_edit_url=(
                reverse("wagtailsnippets_partners_partner:edit", args=[partner.pk])
                if partner
                else ""
            ),
            partner_history_url=(
                reverse("wagtailsnippets_partners_partner:history", args=[partner.pk])
                if partner
                else ""
            ),
            history_url=reverse(
                "wagtailsnippets_partners_partnerregistration:history", args=[registration.pk]
            ),
            can_resend=registration.status == RegistrationStatus.UNVERIFIED,
            resend_url=reverse(
                "wagtailsnippets_partners_partnerregistration:resend", args=[registration.pk]
            ),
        )
        return context

    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.object.partner_id:
            buttons.append(
                Button(
                    _("Partner bekijken"),
                    url=reverse(
                        "wagtailsnippets_partners_partner:edit", args=[self.object.partner_id]
                    ),
                    icon_name="group",
                    priority=5,
                )
            )
        return buttons


class PartnerRegistrationViewSet(PersonalDataViewSetMixin, SnippetViewSet):
    model = PartnerRegistration
    icon = "form"
    menu_label = _("Registraties")
    list_display = [
        "name",
        StatusTagColumn("status", label=_("Status"), accessor="get_status_display", primary=False),
        Column("kind", label=_("Soort"), accessor="get_kind_display"),
        "contact_email",
        Column("partner", label=_("Partner"), accessor="partner"),
        "created_at",
    ]
    list_filter = None
    filterset_class = RegistrationFilterSet
    search_fields = ["name", "contact_name", "contact_email", "enterprise_number"]
    ordering = ["-created_at"]
    list_export = [
        "public_id",
        "kind",
        "source",
        "status",
        "name",
        "enterprise_number",
        "created_at",
        "verified_at",
        "submitted_at",
        "decided_at",
    ]
    export_filename = "registraties"
    inspect_view_enabled = True
    inspect_view_class = RegistrationInspectView
    copy_view_enabled = False

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", self.resend_view, name="resend"),
        ]

    @property
    def resend_view(self):
        @require_POST
        def view(request, pk):
            if not self.permission_policy.user_has_permission(request.user, "view"):
                raise PermissionDenied
            registration = get_object_or_404(PartnerRegistration, pk=pk)
            if registration.status != RegistrationStatus.UNVERIFIED:
                messages.error(request, _("Deze registratie is al bevestigd."))
            elif services.send_verification_mail(registration.pk):
                messages.success(
                    request,
                    _("De bevestigingsmail is opnieuw verstuurd naar %(email)s.")
                    % {"email": registration.contact_email},
                )
            else:
                registration.refresh_from_db()
                messages.error(
                    request,
                    _("Versturen is opnieuw mislukt: %(error)s")
                    % {"error": registration.mail_error},
                )
            return redirect("wagtailsnippets_partners_partnerregistration:inspect", pk)

        return view


LOG_ACTIONS = [
    ("partners.registration.submitted", _("Registratie ingediend"), _("Registratie ingediend")),
    ("partners.registration.mail_sent", _("E-mail verstuurd"), _("E-mail verstuurd")),
    (
        "partners.registration.mail_failed",
        _("E-mail versturen mislukt"),
        _("E-mail versturen mislukt"),
    ),
    ("partners.registration.verified", _("E-mailadres bevestigd"), _("E-mailadres bevestigd")),
    (
        "partners.registration.in_review",
        _("Ter controle voorgelegd"),
        _("Ter controle voorgelegd"),
    ),
    ("partners.registration.approved", _("Registratie goedgekeurd"), _("Registratie goedgekeurd")),
    ("partners.registration.rejected", _("Registratie geweigerd"), _("Registratie geweigerd")),
    (
        "partners.registration.superseded",
        _("Vervangen door nieuwere aanvraag"),
        _("Vervangen door nieuwere aanvraag"),
    ),
    (
        "partners.registration.withdrawn",
        _("Ingetrokken door de organisatie"),
        _("Ingetrokken door de organisatie"),
    ),
    (
        "partners.registration.purged",
        _("Verwijderd na de bewaartermijn"),
        _("Verwijderd na de bewaartermijn"),
    ),
    (
        "partners.partner.registered",
        _("Aangemeld via registratie"),
        _("Aangemeld via registratie"),
    ),
    (
        "partners.partner.change_submitted",
        _("Wijziging ingediend door de organisatie"),
        _("Wijziging ingediend door de organisatie"),
    ),
    (
        "partners.partner.confirmed",
        _("Gegevens bevestigd door de organisatie"),
        _("Gegevens bevestigd door de organisatie"),
    ),
    (
        "partners.partner.withdrawn",
        _("Vermelding ingetrokken door de organisatie"),
        _("Vermelding ingetrokken door de organisatie"),
    ),
    (
        "partners.partner.personal_data_erased",
        _("Persoonsgegevens van de contactpersoon verwijderd (AVG)"),
        _("Persoonsgegevens van de contactpersoon verwijderd (AVG)"),
    ),
    (
        "partners.partner.purged",
        _("Niet-gepubliceerde partner verwijderd na de bewaartermijn"),
        _("Niet-gepubliceerde partner verwijderd na de bewaartermijn"),
    ),
]


@hooks.register("register_log_actions")
def register_registration_log_actions(actions):
    for action, label, past_tense in LOG_ACTIONS:
        actions.register_action(action, label, past_tense)


@hooks.register("register_snippet_listing_buttons")
def partner_registrations_button(snippet, user, next_url=None):
    """From a partner in the list to its registrations (the way back from a registration)."""
    if isinstance(snippet, Partner) and user.has_perm("partners.view_partnerregistration"):
        yield Button(
            _("Registraties"),
            url=reverse("wagtailsnippets_partners_partnerregistration:list")
            + f"?partner={snippet.pk}",
            icon_name="form",
            priority=60,
        )
