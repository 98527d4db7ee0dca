"""A confirmation for the moderator who approves or rejects a page in Wagtail's workflow.

Wagtail's page workflow action (the dashboard's "Goedkeuren" and the edit view's) redirects
without a word; the moderator could not tell whether the approval went through. This view adds
a Django message, shown on the page the moderator lands on. It is installed for every page type
of the portal through a page viewset on the abstract BasePage (Wagtail resolves a page's viewset
through its model's ancestors).
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState

from portal.models import BasePage


class ConfirmingWorkflowActionView(WorkflowActionView):
    def get_object(self):
        # The viewset's model is the abstract BasePage; the page is looked up as Wagtail does.
        return get_object_or_404(Page, pk=self.pk).specific

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        title = get_latest_str(self.object)
        if self.task_state.status == TaskState.STATUS_APPROVED:
            messages.success(request, gettext("‘%(name)s’ is goedgekeurd.") % {"name": title})
        elif self.task_state.status == TaskState.STATUS_REJECTED:
            messages.success(
                request,
                gettext("‘%(name)s’ is teruggestuurd voor aanpassingen.") % {"name": title},
            )
        return response


class PortalPageViewSet(PageViewSet):
    model = BasePage
    workflow_action_view_class = ConfirmingWorkflowActionView
