# The body is cleaned by its field on every write; rows written before are cleaned once
# here. Image columns become PhotoField (uploads checked and re-encoded; no schema change).

from django.db import migrations

import articles.fields
import articles.images


def clean_stored_bodies(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    rows = Article.objects.only("pk", "body").order_by("pk")
    for article in rows.iterator(chunk_size=500):
        cleaned = articles.fields.sanitise_body(article.body)
        if cleaned != article.body:
            Article.objects.filter(pk=article.pk).update(body=cleaned)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_related_links"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="body",
            field=articles.fields.SanitisedHTMLField(
                help_text="Paragraphs; stored as sanitised HTML.", verbose_name="body"
            ),
        ),
        migrations.RunPython(clean_stored_bodies, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="article",
            name="image",
            field=articles.images.PhotoField(
                blank=True, upload_to="articles/%Y/%m/", verbose_name="featured image"
            ),
        ),
        migrations.AlterField(
            model_name="author",
            name="photo",
            field=articles.images.PhotoField(
                blank=True, upload_to="authors/", verbose_name="photo"
            ),
        ),
        migrations.AlterField(
            model_name="outlet",
            name="logo",
            field=articles.images.PhotoField(
                blank=True, upload_to="outlets/", verbose_name="logo"
            ),
        ),
    ]
