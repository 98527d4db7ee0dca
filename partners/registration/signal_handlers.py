"""Wagtail's workflow signals, passed on to the registration flow.

Moderators approve and reject in Wagtail's own workflow UI (dashboard, workflow queue, the
snippet's edit view); these handlers turn the outcome into the registration's status, the
management link and the company's e-mail. Workflows that no registration started (an editor's
own submission) are ignored.
"""

from wagtail.signals import workflow_approved, workflow_cancelled, workflow_rejected


def _is_partner(workflow_state):
    from partners.models import Partner

    return workflow_state.content_type.model_class() is Partner


def handle_approved(sender, instance, user=None, **kwargs):
    if _is_partner(instance):
        from partners.registration import services

        services.on_workflow_approved(instance, user=user)


def handle_rejected(sender, instance, user=None, **kwargs):
    if _is_partner(instance):
        from partners.registration import services

        services.on_workflow_rejected(instance, user=user)


def handle_cancelled(sender, instance, user=None, **kwargs):
    if _is_partner(instance):
        from partners.registration import services

        services.on_workflow_cancelled(instance, user=user)


def register():
    workflow_approved.connect(handle_approved, dispatch_uid="partners.registration.approved")
    workflow_rejected.connect(handle_rejected, dispatch_uid="partners.registration.rejected")
    workflow_cancelled.connect(handle_cancelled, dispatch_uid="partners.registration.cancelled")
