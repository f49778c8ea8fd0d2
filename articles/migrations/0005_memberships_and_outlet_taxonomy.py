"""Roles per outlet (Membership) and regions/tags per outlet: the schema, part one.

0006 carries today's rows over; 0007 finishes the schema once the rows are in place.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_slug_leads_the_url_constraint"),
    ]

    operations = [
        migrations.CreateModel(
            name="Membership",
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
                    "role",
                    models.CharField(
                        choices=[
                            ("reporter", "Reporter (Wartawan)"),
                            ("editor", "Editor (Redaktur)"),
                            ("chief", "Editor-in-chief (Pemimpin Redaksi)"),
                        ],
                        default="reporter",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
                (
                    "on_masthead",
                    models.BooleanField(
                        default=False,
                        help_text="Listed on the outlet's Redaksi page.",
                        verbose_name="on the masthead",
                    ),
                ),
                (
                    "masthead_title",
                    models.CharField(
                        blank=True,
                        help_text="Shown on the Redaksi page; the role's name when empty.",
                        max_length=120,
                        verbose_name="masthead title",
                    ),
                ),
                (
                    "editor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="articles.editor",
                        verbose_name="person",
                    ),
                ),
                (
                    "outlet",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="memberships",
                        to="articles.outlet",
                        verbose_name="outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "membership",
                "verbose_name_plural": "memberships",
                "ordering": ["outlet", "role", "editor"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("editor", "outlet"), name="membership_unique_per_outlet"
                    )
                ],
            },
        ),
        migrations.AddField(
            model_name="region",
            name="outlet",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="regions",
                to="articles.outlet",
                verbose_name="outlet",
            ),
        ),
        migrations.AddField(
            model_name="tag",
            name="outlet",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tags",
                to="articles.outlet",
                verbose_name="outlet",
            ),
        ),
        migrations.AlterField(
            model_name="region",
            name="slug",
            field=models.SlugField(max_length=120, verbose_name="slug"),
        ),
        migrations.AlterField(
            model_name="tag",
            name="slug",
            field=models.SlugField(max_length=120, verbose_name="slug"),
        ),
    ]
