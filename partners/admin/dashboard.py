"""The admin dashboard's partner panel: how many partners are in which state.

Registered by the `construct_homepage_panels` hook in partners/wagtail_hooks.py. Each count links
to the partner listing filtered on that state (the `status` filter of PartnerFilterSet), so an
editor goes from "3 waiting for moderation" to those three in one click.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Count, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

from partners.models import Partner

STALE_AFTER_DAYS = 365

# (key of the status filter, label)
STATUSES = [
    ("live", _("Gepubliceerd")),
    ("draft", _("Concept (niet gepubliceerd)")),
    ("moderation", _("Wacht op moderatie")),
    ("changes", _("Gepubliceerd, met niet-gepubliceerde wijzigingen")),
    ("locked", _("Vergrendeld")),
    ("stale", _("Gepubliceerd, meer dan een jaar niet bevestigd")),
]


def stale_before(today=None):
    return (today or timezone.localdate()) - datetime.timedelta(days=STALE_AFTER_DAYS)


def _moderation_states():
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type=ContentType.objects.get_for_model(Partner),
    )


def status_filter(queryset, status):
    """Partners in one of the STATUSES (the admin listing's filter and the panel's counts)."""
    if status == "live":
        return queryset.filter(live=True)
    if status == "draft":
        return queryset.filter(live=False)
    if status == "moderation":
        ids = _moderation_states().annotate(partner_id=Cast("object_id", BigIntegerField()))
        return queryset.filter(pk__in=ids.values("partner_id"))
    if status == "changes":
        return queryset.filter(live=True, has_unpublished_changes=True)
    if status == "locked":
        return queryset.filter(locked=True)
    if status == "stale":
        return queryset.filter(live=True).filter(
            Q(last_confirmed__lt=stale_before()) | Q(last_confirmed__isnull=True)
        )
    return queryset


def status_counts():
    """{status: count}, in two queries whatever the number of partners."""
    stale = Q(last_confirmed__lt=stale_before()) | Q(last_confirmed__isnull=True)
    totals = Partner.objects.aggregate(
        n_live=Count("pk", filter=Q(live=True)),
        n_draft=Count("pk", filter=Q(live=False)),
        n_changes=Count("pk", filter=Q(live=True, has_unpublished_changes=True)),
        n_locked=Count("pk", filter=Q(locked=True)),
        n_stale=Count("pk", filter=Q(live=True) & stale),
    )
    counts = {name.removeprefix("n_"): value for name, value in totals.items()}
    counts["moderation"] = _moderation_states().count()
    return counts


class PartnerStatusPanel(Component):
    name = "partner_status"
    template_name = "partners/admin/dashboard_panel.html"
    order = 150

    def get_context_data(self, parent_context=None):
        counts = status_counts()
        listing = reverse("wagtailsnippets_partners_partner:list")
        return {
            "rows": [
                {"label": label, "count": counts[key], "url": f"{listing}?status={key}"}
                for key, label in STATUSES
            ],
            "listing_url": listing,
        }
