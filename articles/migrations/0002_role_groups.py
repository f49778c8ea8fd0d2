"""Create the newsroom's role groups with their model permissions.

Which outlet a person works for lives on Editor.outlets; these groups only say what
kind of thing each role may do, and workflow checks the outlet on top.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "Wartawan": [
        "view_article",
        "add_article",
        "change_article",
        "view_articlecredit",
        "add_articlecredit",
        "change_articlecredit",
        "delete_articlecredit",
        "view_author",
        "add_author",
        "view_rubric",
        "view_region",
        "view_tag",
        "add_tag",
        "view_editorialnote",
        "add_editorialnote",
        "view_transition",
        "view_revision",
        "view_correction",
    ],
}
ROLE_PERMISSIONS["Redaktur"] = ROLE_PERMISSIONS["Wartawan"] + [
    "publish_article",
    "change_author",
    "add_rubric",
    "change_rubric",
    "add_region",
    "change_region",
    "change_tag",
    "add_correction",
]
ROLE_PERMISSIONS["Pemimpin Redaksi"] = ROLE_PERMISSIONS["Redaktur"] + [
    "retract_article",
    "view_editor",
    "add_editor",
    "change_editor",
    "delete_author",
    "view_outlet",
]


def create_groups(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now to attach them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="articles", codename__in=codenames
            )
        )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
