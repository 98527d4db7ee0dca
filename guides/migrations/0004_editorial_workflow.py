"""The editorial set-up of the guides: two groups, their permissions and a moderation workflow.

Redacteurs write and change guide pages, glossary terms and topics, and submit pages for
moderation; they cannot publish. Moderatoren approve (publish) or reject what is submitted, and
may publish directly. The workflow "Gidsen: goedkeuring" has one task, approval by a moderator, and
applies to the guides section (the GuideIndexPage and everything under it). A guides section
created later gets the same permissions and workflow (guides.editorial).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Redacteurs"
MODERATORS = "Moderatoren"
WORKFLOW = "Gidsen: goedkeuring"
TASK = "Goedkeuring door een moderator"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page", "lock_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MODEL_PERMISSIONS = {
    EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("guides", "term", "add_term"),
        ("guides", "term", "change_term"),
        ("guides", "term", "view_term"),
        ("guides", "topic", "view_topic"),
    ],
    MODERATORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("guides", "term", "add_term"),
        ("guides", "term", "change_term"),
        ("guides", "term", "delete_term"),
        ("guides", "term", "view_term"),
        ("guides", "topic", "add_topic"),
        ("guides", "topic", "change_topic"),
        ("guides", "topic", "delete_topic"),
        ("guides", "topic", "view_topic"),
    ],
}
# Images and documents in the root collection: to use them in chapters.
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    MODERATORS: [
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}


def permission(apps, app_label, model, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def create_editorial_setup(apps, schema_editor):
    # Permissions of the guides' own models are normally made after all migrations ran.
    app_config = apps.get_app_config("guides")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GuideIndexPage = apps.get_model("guides", "GuideIndexPage")

    groups = {}
    for name in (EDITORS, MODERATORS):
        groups[name], _created = Group.objects.get_or_create(name=name)
        for app_label, model, codename in MODEL_PERMISSIONS[name]:
            groups[name].permissions.add(permission(apps, app_label, model, codename))

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, permissions in COLLECTION_PERMISSIONS.items():
            for app_label, model, codename in permissions:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[name],
                    collection=root_collection,
                    permission=permission(apps, app_label, model, codename),
                )

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.filter(name=TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK, content_type=task_type, active=True)
    task.groups.add(groups[MODERATORS])
    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if workflow is None:
        workflow = Workflow.objects.create(name=WORKFLOW, active=True)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    for index_page in GuideIndexPage.objects.all():
        for name, codenames in PAGE_PERMISSIONS.items():
            for codename in codenames:
                GroupPagePermission.objects.get_or_create(
                    group=groups[name],
                    page_id=index_page.pk,
                    permission=permission(apps, "wagtailcore", "page", codename),
                )
        if not WorkflowPage.objects.filter(page_id=index_page.pk).exists():
            WorkflowPage.objects.create(page_id=index_page.pk, workflow=workflow)


class Migration(migrations.Migration):
    dependencies = [
        ("guides", "0003_topics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_editorial_setup, migrations.RunPython.noop)]
