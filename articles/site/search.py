"""Reader search over the stored full-text index of migration 0030.

PostgreSQL matches the `search_vector` column (Indonesian stemming, title over lead over
body) through its GIN index; SQLite matches its FTS5 table. Both indexes are kept in step
by the database itself, so every write path, bulk ones included, is searchable at once.

A common word matches most of an archive, so the work is bounded: only the newest
`LIMIT` + 1 matches (by the published index) are ranked and counted, and snippets are
computed for the page shown only (`highlight`). More matches read as "more than 1,000".

Police and government acronyms are expanded both ways before searching, so `Kapolda`
finds "Kepala Kepolisian Daerah" and the long form finds `Kapolda`.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Expression,
    F,
    FloatField,
    Func,
    Q,
    TextField,
    Value,
)
from django.db.models.expressions import Col, RawSQL
from django.db.models.functions import Concat

CONFIG = "indonesian"
# Matches ranked and counted per search: the newest ones, by the published index.
LIMIT = 1000
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


def search(queryset, text: str):
    """The newest `LIMIT` + 1 articles of `queryset` matching `text`, best first, with `rank`."""
    groups = expand(text)
    if not groups:
        return queryset.none()
    match, rank = _match_and_rank(groups)
    newest = queryset.filter(match).order_by("-published_at", "-created_at")
    return (
        queryset.filter(pk__in=newest.values("pk")[: LIMIT + 1])
        .annotate(rank=rank)
        .order_by("-rank", "-published_at", "-created_at")
    )


def highlight(rows, text: str):
    """`rows` (one page's articles) ranked like `search` and each with a `snippet`."""
    groups = expand(text)
    if not groups:
        return rows
    _, rank = _match_and_rank(groups)
    return rows.annotate(rank=rank, snippet=_snippet(groups)).order_by(
        "-rank", "-published_at", "-created_at"
    )


def _match_and_rank(groups):
    if connection.vendor == "postgresql":
        query = _tsquery(groups)
        return Q(_SearchMatch(Document(), query)), SearchRank(Document(), query)
    fts = _fts_query(groups)
    matching = RawSQL(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts]
    )
    return Q(pk__in=matching), _FtsRank(Value(fts), F("pk"))


def _snippet(groups):
    if connection.vendor == "postgresql":
        return SearchHeadline(
            Concat("lead", Value(" "), "body", output_field=TextField()),
            _tsquery(groups),
            config=CONFIG,
            start_sel="<mark>",
            stop_sel="</mark>",
            max_words=35,
            min_words=15,
            max_fragments=2,
        )
    return _FtsSnippet(Value(_fts_query(groups)), F("pk"))


def _tsquery(groups):
    query = None
    for group in groups:
        alternatives = None
        for alternative in group:
            term = SearchQuery(alternative, config=CONFIG, search_type="phrase")
            alternatives = term if alternatives is None else alternatives | term
        query = alternatives if query is None else query & alternatives
    return query


def _fts_query(groups):
    """An FTS5 expression: every group, any alternative, each a phrase whose last word
    may be the start of a longer one (as the old substring search found `nelayannya`)."""
    return " AND ".join(
        "(" + " OR ".join(f'"{alternative}"*' for alternative in group) + ")"
        for group in groups
    )


class Document(Expression):
    """The stored `search_vector` column of the query's articles (PostgreSQL)."""

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, *args, **kwargs):
        # A column of the query's own article table, relabelled like any other when the
        # query becomes a subquery.
        return Col(query.get_initial_alias(), _SEARCH_VECTOR, SearchVectorField())


_SEARCH_VECTOR = SearchVectorField()
_SEARCH_VECTOR.set_attributes_from_name("search_vector")


class _SearchMatch(Func):
    template = "%(expressions)s"
    arg_joiner = " @@ "
    output_field = BooleanField()


class _FtsRank(Func):
    # bm25() is smaller for a better match; title counts over lead over body, as on
    # PostgreSQL. A correlated subquery, so it runs for the (bounded) candidates only.
    template = (
        f"(SELECT -bm25({FTS_TABLE}, 10.0, 5.0, 1.0) FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH %(expressions)s)"
    )
    arg_joiner = f" AND {FTS_TABLE}.rowid = "
    output_field = FloatField()


class _FtsSnippet(Func):
    template = (
        f"(SELECT snippet({FTS_TABLE}, -1, '<mark>', '</mark>', '…', 30) FROM {FTS_TABLE}"
        f" WHERE {FTS_TABLE} MATCH %(expressions)s)"
    )
    arg_joiner = f" AND {FTS_TABLE}.rowid = "
    output_field = TextField()
