"""The review of company registrations: the group "Partnerbeheerders", its permissions, the
group approval task and the workflow "Partnerregistratie", assigned to the Partner snippet.

Idempotent (everything is matched by name or codename), so tests whose tables are flushed can run
`create_registration_workflow(django.apps.apps, None)` again. An existing workflow assignment of
the Partner type is left alone: an editor may have chosen another workflow on purpose.
"""

from django.db import migrations

GROUP_NAME = "Partnerbeheerders"
TASK_NAME = "Controle door Partnerbeheerders"
WORKFLOW_NAME = "Partnerregistratie"

# (app_label, model, codename, name) for permissions Django or Wagtail create only after
# migrating; created here when missing, with the names they would get.
GROUP_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("partners", "partner", "view_partner", "Can view partner"),
    ("partners", "partner", "add_partner", "Can add partner"),
    ("partners", "partner", "change_partner", "Can change partner"),
    ("partners", "partner", "publish_partner", "Can publish partner"),
    ("partners", "partner", "lock_partner", "Can lock partner"),
    ("partners", "partner", "unlock_partner", "Can unlock partner"),
    ("partners", "partnerregistration", "view_partnerregistration", "Can view registratie"),
]
IMAGE_PERMISSIONS = [
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
]


def _permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_registration_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")

    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(*(_permission(apps, *spec) for spec in GROUP_PERMISSIONS))

    # Moderators may add or change a partner's logo: images in the root collection.
    root = Collection.objects.filter(depth=1).first()
    if root is not None:
        for spec in IMAGE_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=_permission(apps, *spec)
            )

    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(group)

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    partner_type, _ = ContentType.objects.get_or_create(app_label="partners", model="partner")
    WorkflowContentType.objects.get_or_create(
        content_type=partner_type, defaults={"workflow": workflow}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_registrations"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(create_registration_workflow, migrations.RunPython.noop),
    ]
