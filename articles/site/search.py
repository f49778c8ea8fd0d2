"""Reader search over the stored full-text index of migration 0030.

PostgreSQL matches the `search_vector` column (Indonesian stemming, title over lead over
body) and ranks by it; SQLite matches its FTS5 table, newest first. Both indexes are kept
in step by the database itself, so every write path, bulk ones included, is searchable at
once.

A common word matches most of an archive, so the work is bounded: only the newest
`LIMIT` + 1 matches of the list are ranked and counted ("more than 200 results"), and
snippets are made for the page shown only (`highlight`, from a window of each story's
text: migration 0060). On PostgreSQL the newest matches of a common word are found by
checking the list's newest rows one by one, in the list's own index order, and those of a
rarer word through the full-text index; the list's newest rows, checked first, tell which
(`_ranked`).

Police and government acronyms are expanded both ways before searching, so `Kapolda`
finds "Kepala Kepolisian Daerah" and the long form finds `Kapolda`.
"""

import functools
import math
import re

from django.db import connections
from django.db.models import (
    BooleanField,
    F,
    FloatField,
    Func,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL

from ..models import Article
from .prepared import Prepared

CONFIG = "indonesian"
SNIPPET = "StartSel=<mark>, StopSel=</mark>, MaxWords=35, MinWords=15, MaxFragments=2"
# Matches ranked and counted per search: the newest ones of the list. Ten pages; older
# stories are reached with the date filters.
LIMIT = 200
# PostgreSQL: the list's newest rows checked first, one by one, to tell a common word
# (found by reading on down the list) from a rarer one (found through the full-text
# index), and the most rows ever checked one by one. Checking a row costs a few
# microseconds; the full-text index costs about one per match in the whole archive.
PROBE = (LIMIT + 1) * 4 // 3  # a word in three stories of four: one read
WALK = 1500
FTS_TABLE = "articles_article_fts"

# Acronym -> long form, as Indonesian newsrooms write them.
SYNONYMS = {
    "kapolri": "kepala kepolisian negara republik indonesia",
    "polri": "kepolisian negara republik indonesia",
    "kapolda": "kepala kepolisian daerah",
    "polda": "kepolisian daerah",
    "kapolresta": "kepala kepolisian resor kota",
    "polresta": "kepolisian resor kota",
    "kapolres": "kepala kepolisian resor",
    "polres": "kepolisian resor",
    "kapolsek": "kepala kepolisian sektor",
    "polsek": "kepolisian sektor",
    "kamtibmas": "keamanan dan ketertiban masyarakat",
    "bhabinkamtibmas": "bhayangkara pembina keamanan dan ketertiban masyarakat",
    "pemkab": "pemerintah kabupaten",
    "pemkot": "pemerintah kota",
    "pemprov": "pemerintah provinsi",
    "pemda": "pemerintah daerah",
    "dprd": "dewan perwakilan rakyat daerah",
    "satlantas": "satuan lalu lintas",
    "satreskrim": "satuan reserse kriminal",
    "lakalantas": "kecelakaan lalu lintas",
}
_LONG_FORMS = sorted(
    ((long.split(), short) for short, long in SYNONYMS.items() if " " in long),
    key=lambda item: -len(item[0]),
)


def expand(text: str) -> list[tuple[str, ...]]:
    """The query as groups of alternatives: every group must match, any alternative in it.

    >>> expand("Kapolda NTT")
    [('kapolda', 'kepala kepolisian daerah'), ('ntt',)]
    """
    words = re.findall(r"\w+", text.casefold())
    groups, i = [], 0
    while i < len(words):
        for long_words, short in _LONG_FORMS:
            if words[i : i + len(long_words)] == long_words:
                groups.append((short, " ".join(long_words)))
                i += len(long_words)
                break
        else:
            word = words[i]
            long = SYNONYMS.get(word)
            groups.append((word, long) if long and long != word else (word,))
            i += 1
    return groups


def search(queryset, text: str) -> list[int]:
    """Ids of the newest `LIMIT` + 1 articles of `queryset` matching `text`, best first."""
    groups = expand(text)
    if not groups:
        return []
    newest = queryset.order_by("-published_at", "-created_at")
    if connections[queryset.db].vendor == "postgresql":
        return _ranked(newest, groups)
    # No relevance ranking on SQLite (nor was there before FTS5): newest first. FTS5's
    # bm25() counts every match of a word afresh for each row it ranks, so ranking the
    # candidates of a common word took minutes at 100,000 articles.
    matching = RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
        [_fts_query(groups)],
    )
    return list(
        newest.filter(pk__in=matching).values_list("pk", flat=True)[: LIMIT + 1]
    )


def _ranked(newest, groups) -> list[int]:
    """The newest `LIMIT` + 1 rows of the ordered list `newest` matching `groups`, best
    rank first, then newest (PostgreSQL).

    A word in most stories is found soonest by reading down the list's own index and
    checking each row's stored vector: the newest 201 matches of a word in three stories
    of four are among the newest 270 rows. A rarer word is found through the full-text
    index, which costs about one read per match in the whole archive. The list's newest
    `PROBE` rows are checked first; from the share of them that match, reading on is
    chosen if it should take at most `WALK` rows in all. The query planner is not left to
    choose: it walks a global index (every outlet's rows) instead of the list's, and a
    phrase of common words that never occur together looks common to it.
    """
    wanted = LIMIT + 1
    query = _tsquery_sql(groups)
    found, checked, size = [], 0, PROBE
    while True:
        listed, ids, ranks = _check(newest, checked, size, query)
        found += zip(ids, ranks, strict=True)
        checked += listed
        if len(found) >= wanted or listed < size:  # enough, or the whole list is read
            break
        share = len(found) / checked
        needed = math.ceil((wanted - len(found)) / share * 1.25) if share else WALK
        if checked + needed > WALK:
            found = _index_read(newest, query, wanted)
            break
        size = needed
    # Newest first, so among equal ranks the newer story comes first (a stable sort).
    ranked = sorted(found[:wanted], key=lambda match: match[1], reverse=True)
    return [pk for pk, _ in ranked]


def _check(newest, start, size, query) -> tuple[int, list[int], list[float]]:
    """How many of the list's rows `start` to `start + size` there are, and the ids and
    ranks of those matching `query`, newest first.

    The ids come from the list's own index (an index-only walk, as for a deep list page);
    each row is then read by its primary key, so the planner has nothing else to choose.
    """
    listed_sql, listed_params = newest.values("pk")[
        start : start + size
    ].query.sql_with_params()
    query_sql, query_params = query
    order = "published_at DESC, created_at DESC, id"
    sql = (
        f"SELECT count(*), coalesce(array_agg(id ORDER BY {order}) FILTER (WHERE m), '{{}}'),"
        # Ranked only when matching: ts_rank costs more than the rest of a row's check.
        f" coalesce(array_agg(ts_rank(v, q) ORDER BY {order}) FILTER (WHERE m), '{{}}')"
        f" FROM (SELECT id, published_at, created_at, search_vector AS v, q,"
        f" search_vector @@ q AS m FROM articles_article, (SELECT {query_sql}) AS query (q)"
        f" WHERE id IN ({listed_sql}) OFFSET 0) AS listed"
    )
    with connections[newest.db].cursor() as cursor:
        cursor.execute(sql, [*query_params, *listed_params])
        return cursor.fetchone()


def _index_read(newest, query, wanted) -> list[tuple[int, float]]:
    """The newest `wanted` matches of the list through the full-text index (a rare word),
    newest first. Only those are ranked, not every match the index gives."""
    query_sql, query_params = query
    match = RawSQL(f"search_vector @@ {query_sql}", query_params, BooleanField())
    matches = newest.filter(match).annotate(vector=RawSQL("search_vector", []))
    matches_sql, matches_params = matches.values(
        "pk", "published_at", "created_at", "vector"
    )[:wanted].query.sql_with_params()
    sql = (
        f"SELECT pk, ts_rank(vector, {query_sql}) FROM ({matches_sql}) AS newest"
        " ORDER BY published_at DESC, created_at DESC, pk"
    )
    with connections[newest.db].cursor() as cursor:
        cursor.execute(sql, [*query_params, *matches_params])
        return cursor.fetchall()


def highlight(rows, text: str):
    """`rows` (one page's articles) ranked like `search` and each with a `snippet`."""
    groups = expand(text)
    return _highlight(rows, groups, _words(groups)) if groups else rows


def highlighted(cards, ids: list[int], text: str) -> list:
    """The articles `ids` as `cards(queryset)` reads them, highlighted (`highlight`).

    On PostgreSQL the query is `Prepared` once per shape of search (how many words and
    alternatives), the words its values; the shapes last used are kept.
    """
    rows = Article.objects.filter(pk__in=ids)
    groups = expand(text)
    if not groups or connections[rows.db].vendor != "postgresql":
        return list(highlight(cards(rows), text))
    words = _words(groups)
    shape = tuple(len(group) for group in groups)
    prepared = _prepared_highlight(cards, shape, len(words))
    return prepared(ids, *(a for group in groups for a in group), *words)


@functools.lru_cache(maxsize=64)
def _prepared_highlight(cards, shape, word_count):
    def build(ids, *values):
        alternatives, words = iter(values[: sum(shape)]), list(values[sum(shape) :])
        groups = [tuple(next(alternatives) for _ in range(size)) for size in shape]
        return _highlight(cards(Article.objects.filter(pk__in=ids)), groups, words)

    return Prepared(Article, build, [int], *[str] * (sum(shape) + word_count))


def _words(groups) -> list[str]:
    return [word for group in groups for w in group for word in w.split()]


def _highlight(rows, groups, words):
    if connections[rows.db].vendor == "postgresql":
        query_sql, query_params = _tsquery_sql(groups)
        rank = RawSQL(
            f"ts_rank(search_vector, {query_sql})", query_params, FloatField()
        )
        # Migration 0060: ts_headline over a window of the lead and body. The words one
        # parameter each (not one array), so a prepared query takes them as values.
        snippet = Func(
            "lead",
            "body",
            RawSQL(query_sql, query_params),
            RawSQL(f"ARRAY[{', '.join(['%s'] * len(words))}]::text[]", words),
            Value(SNIPPET),
            function="article_snippet",
            output_field=TextField(),
        )
    else:
        rank = Value(0.0, output_field=FloatField())
        snippet = _FtsSnippet(Value(_fts_query(groups)), F("pk"))
    return rows.annotate(rank=rank, snippet=snippet).order_by(
        "-rank", "-published_at", "-created_at"
    )


def _tsquery_sql(groups) -> tuple[str, list]:
    """The tsquery of `groups` as SQL, and its parameters: every group, any alternative
    in it, each alternative a phrase (Indonesian stemming). An expression of constants,
    not a subquery, so the planner sees the query's words and their frequencies."""
    sql = " && ".join(
        "(" + " || ".join(["phraseto_tsquery(%s::regconfig, %s)"] * len(group)) + ")"
        for group in groups
    )
    return f"({sql})", [
        value
        for group in groups
        for alternative in group
        for value in (CONFIG, alternative)
    ]


def _fts_query(groups):
    """An FTS5 expression: every group, any alternative, each a phrase whose last word
    may be the start of a longer one (as the old substring search found `nelayannya`)."""
    return " AND ".join(
        "(" + " OR ".join(f'"{alternative}"*' for alternative in group) + ")"
        for group in groups
    )


class _FtsSnippet(Func):
    template = (
        f"(SELECT snippet({FTS_TABLE}, -1, '<mark>', '</mark>', '…', 30) FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH %(expressions)s)"
    )
    arg_joiner = f" AND {FTS_TABLE}.rowid = "
    output_field = TextField()
