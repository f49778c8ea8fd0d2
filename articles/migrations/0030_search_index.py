"""A stored full-text index of every article, kept in step by the database itself.

PostgreSQL: `articles_article.search_vector`, a stored generated column (title weighted A,
lead B, body C, `indonesian` configuration) with a GIN index. SQLite: an FTS5 table over
title, lead and body with external content, and triggers on every insert, update and
delete. Either way bulk inserts, raw SQL and COPY keep the index right, and the column is
unknown to the model, so no page ever loads it.

On SQLite, a later migration that remakes `articles_article` (most AlterField and
RemoveField operations do) drops these triggers with the old table: such a migration must
run SQLITE_SQL again. The SQLite search tests fail if it does not.
"""

from django.db import migrations, models

from ._vendor_sql import VendorSQL

POSTGRES_SQL = """
ALTER TABLE articles_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('indonesian'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('indonesian'::regconfig, coalesce(lead, '')), 'B')
    || setweight(to_tsvector('indonesian'::regconfig, coalesce(body, '')), 'C')
) STORED,
    -- Kept in the row (compressed) rather than in TOAST: a search checks the vectors of
    -- a thousand rows or more, and a TOAST fetch each made that 5-10x slower.
    ALTER COLUMN search_vector SET STORAGE MAIN;

CREATE INDEX article_search ON articles_article USING gin (search_vector);
"""
POSTGRES_REVERSE_SQL = """
DROP INDEX article_search;

ALTER TABLE articles_article DROP COLUMN search_vector;
"""

SQLITE_SQL = """
CREATE VIRTUAL TABLE IF NOT EXISTS articles_article_fts USING fts5(
    title, lead, body,
    content='articles_article', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER IF NOT EXISTS articles_article_fts_insert AFTER INSERT ON articles_article
BEGIN
    INSERT INTO articles_article_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

CREATE TRIGGER IF NOT EXISTS articles_article_fts_delete AFTER DELETE ON articles_article
BEGIN
    INSERT INTO articles_article_fts (articles_article_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
END;

CREATE TRIGGER IF NOT EXISTS articles_article_fts_update
AFTER UPDATE OF title, lead, body ON articles_article
BEGIN
    INSERT INTO articles_article_fts (articles_article_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_article_fts (rowid, title, lead, body)
    VALUES (new.id, new.title, new.lead, new.body);
END;

INSERT INTO articles_article_fts (articles_article_fts) VALUES ('rebuild');
"""
SQLITE_REVERSE_SQL = """
DROP TRIGGER IF EXISTS articles_article_fts_insert;

DROP TRIGGER IF EXISTS articles_article_fts_delete;

DROP TRIGGER IF EXISTS articles_article_fts_update;

DROP TABLE IF EXISTS articles_article_fts;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0020_sanitized_body"),
    ]

    operations = [
        VendorSQL("postgresql", POSTGRES_SQL, POSTGRES_REVERSE_SQL),
        VendorSQL("sqlite", SQLITE_SQL, SQLITE_REVERSE_SQL),
        migrations.RemoveIndex(
            model_name="article",
            name="article_outlet_pub",
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=["outlet", "status", "-published_at", "-created_at", "id"],
                name="article_outlet_pub",
            ),
        ),
        migrations.AddIndex(
            model_name="article",
            index=models.Index(
                fields=[
                    "rubric",
                    "outlet",
                    "status",
                    "-published_at",
                    "-created_at",
                    "id",
                ],
                name="article_rubric_pub",
            ),
        ),
    ]
