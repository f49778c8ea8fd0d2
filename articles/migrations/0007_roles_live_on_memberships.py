"""Roles per outlet and regions/tags per outlet: the schema, part two."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_carry_roles_and_taxonomy_over"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="article",
            options={
                "ordering": ["-published_at", "-created_at"],
                "verbose_name": "article",
                "verbose_name_plural": "articles",
            },
        ),
        migrations.AlterModelOptions(
            name="editor",
            options={
                "ordering": ["credit_name"],
                "verbose_name": "person",
                "verbose_name_plural": "people",
            },
        ),
        migrations.AlterModelOptions(
            name="region",
            options={
                "ordering": ["outlet", "name"],
                "verbose_name": "region",
                "verbose_name_plural": "regions",
            },
        ),
        migrations.AlterModelOptions(
            name="tag",
            options={
                "ordering": ["outlet", "name"],
                "verbose_name": "tag",
                "verbose_name_plural": "tags",
            },
        ),
        migrations.RemoveField(model_name="editor", name="outlets"),
        migrations.RemoveField(model_name="editor", name="role"),
        migrations.AddField(
            model_name="editor",
            name="outlets",
            field=models.ManyToManyField(
                blank=True,
                related_name="editors",
                through="articles.Membership",
                to="articles.outlet",
            ),
        ),
        migrations.AlterField(
            model_name="region",
            name="outlet",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="%(class)ss",
                to="articles.outlet",
                verbose_name="outlet",
            ),
        ),
        migrations.AlterField(
            model_name="tag",
            name="outlet",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="%(class)ss",
                to="articles.outlet",
                verbose_name="outlet",
            ),
        ),
        migrations.AddConstraint(
            model_name="region",
            constraint=models.UniqueConstraint(
                fields=("outlet", "slug"), name="region_unique_slug_per_outlet"
            ),
        ),
        migrations.AddConstraint(
            model_name="tag",
            constraint=models.UniqueConstraint(
                fields=("outlet", "slug"), name="tag_unique_slug_per_outlet"
            ),
        ),
    ]
