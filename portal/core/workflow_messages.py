"""A confirmation for the moderator who approves or rejects a page in Wagtail's workflow.

Wagtail's page workflow action (the dashboard's "Goedkeuren" and the edit view's) redirects
without a word; the moderator could not tell whether the approval went through. This view adds
a Django message, shown on the page the moderator lands on. It is installed for every page type
of the portal (every concrete BasePage) through a page viewset per type, as Wagtail's docs
customise page views; the viewset's other views are Wagtail's own.
"""

from django.contrib import messages
from django.utils.translation import gettext

from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState, get_page_models

from portal.core.models import BasePage


class ConfirmingWorkflowActionView(WorkflowActionView):
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
    workflow_action_view_class = ConfirmingWorkflowActionView


def portal_page_viewsets():
    return [
        PortalPageViewSet(name=f"portal_pages_{model._meta.label_lower}", model=model)
        for model in get_page_models()
        if issubclass(model, BasePage)
    ]
