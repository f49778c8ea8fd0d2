"""Carry today's rows over, unchanged in meaning.

- Each person's one role becomes that role at each outlet they worked for.
- A region or tag used by several outlets becomes one row per outlet, with the same
  name and slug, so every article keeps its links and every public URL still answers.
  An unused one goes to the first outlet (or away, when there is no outlet at all).
- Every staff login gets its byline: the Author of the same name, else a new one.
- The `publish_article`/`retract_article` permissions go: the workflow's table of moves
  decides who may publish or retract, and nothing else may answer that question.
"""

import re
import unicodedata

from django.db import migrations
from django.utils.text import slugify


def _name_key(name):
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^\w\s]", " ", folded.casefold()).split())


def memberships(apps, schema_editor):
    Editor = apps.get_model("articles", "Editor")
    Membership = apps.get_model("articles", "Membership")
    Membership.objects.bulk_create(
        Membership(editor=editor, outlet=outlet, role=editor.role)
        for editor in Editor.objects.prefetch_related("outlets")
        for outlet in editor.outlets.all()
    )


def split_taxonomy(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    Outlet = apps.get_model("articles", "Outlet")
    first_outlet = Outlet.objects.order_by("pk").first()

    Region = apps.get_model("articles", "Region")
    for region in Region.objects.filter(outlet__isnull=True):
        outlet_ids = sorted(
            set(
                Article.objects.filter(region=region).values_list(
                    "outlet_id", flat=True
                )
            )
        )
        if not outlet_ids:
            if first_outlet is None:
                region.delete()
                continue
            outlet_ids = [first_outlet.pk]
        region.outlet_id = outlet_ids[0]
        region.save(update_fields=["outlet"])
        for outlet_id in outlet_ids[1:]:
            copy = Region.objects.create(
                outlet_id=outlet_id, name=region.name, slug=region.slug
            )
            Article.objects.filter(region=region, outlet_id=outlet_id).update(
                region=copy
            )

    Tag = apps.get_model("articles", "Tag")
    Tagging = Article.tags.through
    for tag in Tag.objects.filter(outlet__isnull=True):
        outlet_ids = sorted(
            set(Article.objects.filter(tags=tag).values_list("outlet_id", flat=True))
        )
        if not outlet_ids:
            if first_outlet is None:
                tag.delete()
                continue
            outlet_ids = [first_outlet.pk]
        tag.outlet_id = outlet_ids[0]
        tag.save(update_fields=["outlet"])
        for outlet_id in outlet_ids[1:]:
            copy = Tag.objects.create(outlet_id=outlet_id, name=tag.name, slug=tag.slug)
            Tagging.objects.filter(tag=tag, article__outlet_id=outlet_id).update(
                tag=copy
            )


def bylines(apps, schema_editor):
    Editor = apps.get_model("articles", "Editor")
    Author = apps.get_model("articles", "Author")
    for editor in Editor.objects.filter(user__is_staff=True, user__author__isnull=True):
        key = _name_key(editor.credit_name)
        author = Author.objects.filter(name_key=key, user__isnull=True).first()
        if author is None:
            base = slugify(editor.credit_name)[:150].strip("-") or "penulis"
            slug, n = base, 1
            while Author.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{base}-{n}"
            if Author.objects.filter(name_key=key).exists():
                key = f"{key} {editor.user.username}"
            author = Author(name=editor.credit_name, name_key=key, slug=slug)
        author.user = editor.user
        author.save()
        author.outlets.add(*editor.outlets.all())


def drop_move_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="articles",
        codename__in=["publish_article", "retract_article"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_memberships_and_outlet_taxonomy"),
    ]

    operations = [
        migrations.RunPython(memberships, migrations.RunPython.noop),
        migrations.RunPython(split_taxonomy, migrations.RunPython.noop),
        migrations.RunPython(bylines, migrations.RunPython.noop),
        migrations.RunPython(drop_move_permissions, migrations.RunPython.noop),
    ]
