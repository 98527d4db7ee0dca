"""The permission to see the shortage reports, and the read-only views of places and requests
in the admin: given to the group Partnerbeheerders (partners.0005). Idempotent."""

from django.db import migrations

GROUP_NAME = "Partnerbeheerders"
PERMISSIONS = [
    ("placerequest", "view_shortage_report", "Kan de rapporten over het tekort aan plaatsen bekijken"),
    ("placerequest", "view_placerequest", "Can view Aanvraag voor plaatsen"),
    ("placesyear", "view_placesyear", "Can view Plaatsen in een schooljaar"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    for model, codename, name in PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label="places", model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("places", "0003_place_requests"),
        ("partners", "0005_registration_workflow"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="placerequest",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    (
                        "view_shortage_report",
                        "Kan de rapporten over het tekort aan plaatsen bekijken",
                    )
                ],
                "verbose_name": "Aanvraag voor plaatsen",
                "verbose_name_plural": "Aanvragen voor plaatsen",
            },
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
