"""The data migration that sets up the review: group, permissions, task, workflow."""

import importlib

import pytest

from django.apps import apps
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.models import GroupApprovalTask, Workflow, WorkflowContentType

from partners.models import Partner

pytestmark = pytest.mark.django_db

migration = importlib.import_module("partners.migrations.0005_registration_workflow")


def test_workflow_is_assigned_to_partners_with_a_group_approval_task():
    workflow = Workflow.objects.get(name="Partnerregistratie")
    assert workflow.active
    assert Partner().get_workflow() == workflow
    [task] = workflow.tasks.specific()
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == ["Partnerbeheerders"]


def test_group_has_the_moderators_permissions(django_user_model):
    group = Group.objects.get(name="Partnerbeheerders")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {
        "access_admin",
        "view_partner",
        "add_partner",
        "change_partner",
        "publish_partner",
        "view_partnerregistration",
    } <= codenames
    assert "delete_partner" not in codenames
    user = django_user_model.objects.create_user("m", password="x")
    user.groups.add(group)
    user = django_user_model.objects.get(pk=user.pk)
    assert user.has_perm("partners.publish_partner")
    assert user.has_perm("wagtailadmin.access_admin")
    assert not user.has_perm("partners.change_partnerregistration")


def test_running_it_again_changes_nothing():
    migration.create_registration_workflow(apps, None)
    migration.create_registration_workflow(apps, None)
    assert Workflow.objects.filter(name="Partnerregistratie").count() == 1
    assert GroupApprovalTask.objects.filter(name=migration.TASK_NAME).count() == 1
    assert Group.objects.filter(name="Partnerbeheerders").count() == 1
    assert Workflow.objects.get(name="Partnerregistratie").workflow_tasks.count() == 1


def test_an_editors_own_choice_of_workflow_is_kept():
    other = Workflow.objects.create(name="Eigen workflow")
    partner_type = ContentType.objects.get_for_model(Partner)
    WorkflowContentType.objects.filter(content_type=partner_type).update(workflow=other)
    migration.create_registration_workflow(apps, None)
    assert WorkflowContentType.objects.get(content_type=partner_type).workflow == other
