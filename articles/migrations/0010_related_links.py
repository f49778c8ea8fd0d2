""" "Baca juga" links become rows that keep their place and headline (RelatedLink).

The plain many-to-many `Article.related` is carried over: each existing pair becomes a link
to its target, with the target's title as its headline and no known place in the body.
"""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


def links_from_pairs(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    RelatedLink = apps.get_model("articles", "RelatedLink")
    pairs = Article.related.through.objects.order_by("pk").values_list(
        "from_article_id", "to_article_id", "to_article__title"
    )
    RelatedLink.objects.bulk_create(
        (
            RelatedLink(article_id=source, target_id=target, headline=title[:300])
            for source, target, title in pairs.iterator()
        ),
        batch_size=1000,
    )


def pairs_from_links(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    RelatedLink = apps.get_model("articles", "RelatedLink")
    Pair = Article.related.through
    linked = RelatedLink.objects.filter(target__isnull=False).values_list(
        "article_id", "target_id"
    )
    Pair.objects.bulk_create(
        (Pair(from_article_id=a, to_article_id=b) for a, b in set(linked)),
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_roles_live_on_memberships"),
    ]

    operations = [
        migrations.CreateModel(
            name="RelatedLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(
                        blank=True, null=True, verbose_name="after paragraph"
                    ),
                ),
                (
                    "headline",
                    models.CharField(
                        blank=True, max_length=300, verbose_name="headline"
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="related_links",
                        to="articles.article",
                    ),
                ),
                (
                    "target",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="linked_from",
                        to="articles.article",
                        verbose_name="links to",
                    ),
                ),
            ],
            options={
                "verbose_name": "Baca juga link",
                "verbose_name_plural": "Baca juga links",
                "ordering": [
                    models.OrderBy(models.F("position"), nulls_last=True),
                    "pk",
                ],
            },
        ),
        migrations.RunPython(links_from_pairs, pairs_from_links),
        migrations.RemoveField(model_name="article", name="related"),
        migrations.AddField(
            model_name="article",
            name="related",
            field=models.ManyToManyField(
                blank=True,
                related_name="related_from",
                through="articles.RelatedLink",
                through_fields=("article", "target"),
                to="articles.article",
                verbose_name="Baca juga",
            ),
        ),
        migrations.RemoveIndex(model_name="article", name="article_outlet_title"),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                models.F("outlet"),
                django.db.models.functions.text.Lower("title"),
                name="article_outlet_title",
            ),
        ),
        migrations.AddIndex(
            model_name="relatedlink",
            index=models.Index(
                django.db.models.functions.text.Lower("headline"),
                condition=models.Q(("target__isnull", True)),
                name="relatedlink_pending",
            ),
        ),
    ]
