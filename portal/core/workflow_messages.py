"""A confirmation for the moderator who approves or rejects in Wagtail's workflow.

Wagtail's workflow actions say nothing about the action itself: from the dashboard ("Goedkeuren")
the moderator is redirected without a word, from a page's edit view too, and from a snippet's
edit view (a partner) the message is the plain "bijgewerkt" of a save. The moderator could not
tell whether the approval went through. These views add a Django message, shown on the page the
moderator lands on. They are installed as Wagtail's docs customise views: a page viewset per
page type of the portal (every concrete BasePage) and the partner's SnippetViewSet; the
viewsets' other views are Wagtail's own.
"""

from django.contrib import messages
from django.utils.translation import gettext

from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import TaskState, get_page_models

from portal.core.models import BasePage


def confirmation(task_state, name):
    """What the moderator is told after acting on `task_state`; None when it is still open."""
    if task_state is None:
        return None
    task_state.refresh_from_db()
    if task_state.status == TaskState.STATUS_APPROVED:
        return gettext("‘%(name)s’ is goedgekeurd.") % {"name": name}
    if task_state.status == TaskState.STATUS_REJECTED:
        return gettext("‘%(name)s’ is teruggestuurd voor aanpassingen.") % {"name": name}
    return None


class ConfirmingWorkflowActionView(WorkflowActionView):
    """The dashboard's workflow action on a page."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        message = confirmation(self.task_state, get_latest_str(self.object))
        if message:
            messages.success(request, message)
        return response


class ConfirmingEditView(EditView):
    """The workflow action taken in a page's edit view (its action menu)."""

    def perform_workflow_action(self):
        task_state = self.page.current_workflow_task_state
        response = super().perform_workflow_action()
        message = confirmation(task_state, self.page.get_admin_display_title())
        if message:
            messages.success(self.request, message)
        return response


class PortalPageViewSet(PageViewSet):
    workflow_action_view_class = ConfirmingWorkflowActionView
    edit_view_class = ConfirmingEditView


def portal_page_viewsets():
    return [
        PortalPageViewSet(name=f"portal_pages_{model._meta.label_lower}", model=model)
        for model in get_page_models()
        if issubclass(model, BasePage)
    ]
