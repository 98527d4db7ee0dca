"""Page permissions and the moderation workflow for a guides section created after the migration.

Migration 0004 sets up the groups "Redacteurs" and "Moderatoren", their permissions and the
workflow "Gidsen: goedkeuring", and applies them to the guides section if it exists then. On a
fresh site the GuideIndexPage is created later (by an administrator or `manage.py load_demo`); this
gives it the same permissions and workflow, as long as an administrator did not remove the groups
or the workflow on purpose.
"""

from django.contrib.auth.models import Group, Permission

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

# The names and page permissions migration 0004 set up. The migration keeps its own copy (a
# migration is history and must not change when this code does); change both together.
EDITORS = "Redacteurs"
MODERATORS = "Moderatoren"
WORKFLOW = "Gidsen: goedkeuring"
PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}


def apply_to_guides_section(index_page):
    groups = {group.name: group for group in Group.objects.filter(name__in=PAGE_PERMISSIONS)}
    for name, codenames in PAGE_PERMISSIONS.items():
        if name not in groups:
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=index_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    if workflow and not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(page=index_page, workflow=workflow)


def guides_section_created(sender, instance, created=False, raw=False, **kwargs):
    if created and not raw:
        apply_to_guides_section(instance)
