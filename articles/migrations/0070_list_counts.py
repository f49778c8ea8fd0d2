"""`ListCount`: how many published articles each list of an outlet holds, kept by the
database itself, so a list page's numbered pages need no COUNT(*) over the archive.

One row per outlet (topic ""), per outlet and rubric, per outlet and region. Triggers on
`articles_article` add or take off one for each published row inserted, deleted, or
changed in status, outlet, rubric or region, whatever writes it (bulk inserts,
`QuerySet.update()`, raw SQL). Scheduled stories count as published here;
`ArticleQuerySet.published_count()` takes off those not due yet.

PostgreSQL: statement-level triggers with transition tables, so an import's bulk insert
of 200 rows makes one grouped upsert, its rows locked in one order (two writers wait for
each other's commit on an outlet's rows; they cannot deadlock over them). An UPDATE
trigger with transition tables may not name columns, so every UPDATE statement runs it;
rows whose status and lists did not change cancel out. TRUNCATE empties the counts.
SQLite: row-level triggers.

CREATE TRIGGER locks `articles_article` against writes until the migration commits, so
the backfill below counts a table nobody else is changing.

On SQLite, a later migration that remakes `articles_article` drops these triggers with the
old table (as it drops 0030's): it must run SQLITE_SQL again. tests/test_list_counts.py
fails if it does not.
"""

import django.db.models.deletion
from django.db import migrations, models

from ._vendor_sql import VendorSQL

# Adds `delta` to each list of each changed row: (outlet_id, rubric_id, region_id, delta)
# rows, +1 for a published row that appeared, -1 for one that went. A list's row appears
# with its first story; taking stories off never makes one (a delete may come after the
# outlet's rows went, as in a flush, whose outlet then goes too). Both vendors; the
# backfill too. 'published' is ArticleStatus.PUBLISHED.
UPSERT = """
INSERT INTO articles_listcount (outlet_id, topic, topic_pk, published)
SELECT outlet_id, topic, topic_pk, sum(delta)
FROM (
    SELECT
        changed.outlet_id,
        lists.topic,
        CASE lists.topic
            WHEN 'rubric' THEN changed.rubric_id
            WHEN 'region' THEN changed.region_id
            ELSE 0
        END AS topic_pk,
        changed.delta
    FROM ({changed}) AS changed
    CROSS JOIN (SELECT '' AS topic UNION ALL SELECT 'rubric' UNION ALL SELECT 'region') AS lists
) AS listed
WHERE topic_pk IS NOT NULL
GROUP BY outlet_id, topic, topic_pk
HAVING sum(delta) > 0 OR sum(delta) < 0 AND EXISTS (
    SELECT 1 FROM articles_listcount AS kept
    WHERE kept.outlet_id = listed.outlet_id
        AND kept.topic = listed.topic
        AND kept.topic_pk = listed.topic_pk
)
ORDER BY outlet_id, topic, topic_pk
ON CONFLICT (outlet_id, topic, topic_pk)
DO UPDATE SET published = articles_listcount.published + excluded.published
"""


def _changes(table, delta):
    return (
        f"SELECT outlet_id, rubric_id, region_id, {delta} AS delta "
        f"FROM {table} WHERE status = 'published'"
    )


def _row(ref, delta):
    return (
        f"SELECT {ref}.outlet_id AS outlet_id, {ref}.rubric_id AS rubric_id, "
        f"{ref}.region_id AS region_id, {delta} AS delta WHERE {ref}.status = 'published'"
    )


def _pg_function(name, changed):
    return f"""
CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
{UPSERT.format(changed=changed).strip()};
    RETURN NULL;
END
$$;"""


BACKFILL = UPSERT.format(changed=_changes("articles_article", 1)).strip() + ";"

POSTGRES_SQL = f"""
{_pg_function("articles_article_count_inserted", _changes("new_rows", 1))}

{_pg_function("articles_article_count_deleted", _changes("old_rows", -1))}

{
    _pg_function(
        "articles_article_count_updated",
        _changes("new_rows", 1) + " UNION ALL " + _changes("old_rows", -1),
    )
}

CREATE FUNCTION articles_article_count_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM articles_listcount;
    RETURN NULL;
END
$$;

CREATE TRIGGER articles_article_count_insert AFTER INSERT ON articles_article
REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_count_inserted();

CREATE TRIGGER articles_article_count_delete AFTER DELETE ON articles_article
REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_count_deleted();

CREATE TRIGGER articles_article_count_update AFTER UPDATE ON articles_article
REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_count_updated();

CREATE TRIGGER articles_article_count_truncate AFTER TRUNCATE ON articles_article
FOR EACH STATEMENT EXECUTE FUNCTION articles_article_count_truncated();

{BACKFILL}
"""
POSTGRES_REVERSE_SQL = """
DROP TRIGGER articles_article_count_insert ON articles_article;

DROP TRIGGER articles_article_count_delete ON articles_article;

DROP TRIGGER articles_article_count_update ON articles_article;

DROP TRIGGER articles_article_count_truncate ON articles_article;

DROP FUNCTION articles_article_count_inserted();

DROP FUNCTION articles_article_count_deleted();

DROP FUNCTION articles_article_count_updated();

DROP FUNCTION articles_article_count_truncated();
"""

SQLITE_SQL = f"""
CREATE TRIGGER IF NOT EXISTS articles_article_count_insert AFTER INSERT ON articles_article
WHEN new.status = 'published'
BEGIN
{UPSERT.format(changed=_row("new", 1)).strip()};
END;

CREATE TRIGGER IF NOT EXISTS articles_article_count_delete AFTER DELETE ON articles_article
WHEN old.status = 'published'
BEGIN
{UPSERT.format(changed=_row("old", -1)).strip()};
END;

CREATE TRIGGER IF NOT EXISTS articles_article_count_update
AFTER UPDATE OF status, outlet_id, rubric_id, region_id ON articles_article
WHEN old.status = 'published' OR new.status = 'published'
BEGIN
{UPSERT.format(changed=_row("new", 1) + " UNION ALL " + _row("old", -1)).strip()};
END;

{BACKFILL}
"""
SQLITE_REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_article_count_insert;

DROP TRIGGER IF EXISTS articles_article_count_delete;

DROP TRIGGER IF EXISTS articles_article_count_update;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0060_search_snippet"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListCount",
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
                    "topic",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("", "Whole outlet"),
                            ("rubric", "Rubric"),
                            ("region", "Region"),
                        ],
                        max_length=10,
                    ),
                ),
                ("topic_pk", models.PositiveBigIntegerField(default=0)),
                ("published", models.IntegerField(default=0)),
                (
                    "outlet",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="list_counts",
                        to="articles.outlet",
                    ),
                ),
            ],
            options={
                "verbose_name": "list count",
                "verbose_name_plural": "list counts",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("outlet", "topic", "topic_pk"),
                        name="listcount_one_per_list",
                    )
                ],
            },
        ),
        VendorSQL("postgresql", POSTGRES_SQL, POSTGRES_REVERSE_SQL),
        VendorSQL("sqlite", SQLITE_SQL, SQLITE_REVERSE_SQL),
    ]
