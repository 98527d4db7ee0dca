"""Admin views that Wagtail leaves open to every admin user, closed for personal data.

Wagtail's snippet choosers (list, search, "chosen") and the workflow-cancellation modal check
no model permission: any user with admin access could list draft partners and registrations
through them. Partners and registrations hold contact persons' personal data, so those views
here require a permission on the model (view, add, change, delete or publish), as the listing
does. Checked by the permission matrix (tests/security/test_permissions.py).
"""

from django.core.exceptions import PermissionDenied

from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import ConfirmWorkflowCancellationView

ACTIONS = ("view", "add", "change", "delete", "publish")


def has_model_permission(user, model):
    opts = model._meta
    return any(user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ACTIONS)


class ModelPermissionRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not has_model_permission(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class GuardedChooseView(ModelPermissionRequiredMixin, ChooseView):
    pass


class GuardedChooseResultsView(ModelPermissionRequiredMixin, ChooseResultsView):
    pass


class GuardedChosenView(ModelPermissionRequiredMixin, SnippetChosenView):
    pass


class GuardedChosenMultipleView(ModelPermissionRequiredMixin, SnippetChosenMultipleView):
    pass


class GuardedChooserViewSet(SnippetChooserViewSet):
    choose_view_class = GuardedChooseView
    choose_results_view_class = GuardedChooseResultsView
    chosen_view_class = GuardedChosenView
    chosen_multiple_view_class = GuardedChosenMultipleView


class GuardedConfirmWorkflowCancellationView(
    ModelPermissionRequiredMixin, ConfirmWorkflowCancellationView
):
    pass


class PersonalDataViewSetMixin:
    """For a SnippetViewSet whose model holds personal data."""

    chooser_viewset_class = GuardedChooserViewSet
    confirm_workflow_cancellation_view_class = GuardedConfirmWorkflowCancellationView
