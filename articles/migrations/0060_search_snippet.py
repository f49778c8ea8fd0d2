"""`article_snippet()`: a search result's highlighted snippet, from a window of its text.

`ts_headline` parses and stems all the text it is given: over a whole lead and body it cost
about a third of a millisecond per story, the largest part of a search page's SQL. This
function gives it a window of about 40 words around the place where the first query word
found first occurs (its stem: Indonesian affixes surround the stem, `diberitakan` holds
`berita`), cut to whole words, and the whole text only when that window holds no match
after all (the stem was part of another word). A story whose lead and body hold no stem
at all (its title alone matched) gets no snippet: the card shows its summary. PostgreSQL
only; SQLite's FTS5 makes its own snippets.
"""

from django.db import migrations

POSTGRES_SQL = r"""
CREATE FUNCTION article_snippet(lead text, body text, query tsquery, words text[], options text)
RETURNS text LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    doc text := coalesce(lead, '') || ' ' || coalesce(body, '');
    low text := lower(doc);
    word text;
    stem text;
    found integer;
    start integer;
    part text;
BEGIN
    -- The first word of the query (in the order given) that occurs, where it first does:
    -- an acronym before the words of its long form, which are common alone.
    FOREACH word IN ARRAY words LOOP
        FOREACH stem IN ARRAY coalesce(ts_lexize('indonesian_stem', lower(word)), '{}') LOOP
            start := strpos(low, stem);
            IF start > 0 AND (found IS NULL OR start < found) THEN
                found := start;
            END IF;
        END LOOP;
        EXIT WHEN found IS NOT NULL;
    END LOOP;
    IF found IS NULL THEN
        RETURN NULL;
    END IF;
    start := greatest(found - 100, 1);
    part := substr(doc, start, 260);
    -- Whole words only: drop a word cut at either end of the window.
    IF start + 260 <= length(doc) THEN
        part := left(part, -strpos(reverse(part), ' '));
    END IF;
    IF start > 1 THEN
        part := substr(part, strpos(part, ' ') + 1);
    END IF;
    part := ts_headline('indonesian', part, query, options);
    IF strpos(part, '<mark>') > 0 THEN
        RETURN part;
    END IF;
    RETURN ts_headline('indonesian', doc, query, options);
END
$$;
"""
POSTGRES_REVERSE_SQL = """
DROP FUNCTION article_snippet(text, text, tsquery, text[], text);
"""


class PostgresSQL(migrations.RunSQL):
    """RunSQL on PostgreSQL only; a no-op elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0050_desk"),
    ]

    operations = [
        PostgresSQL([POSTGRES_SQL], [POSTGRES_REVERSE_SQL]),
    ]
