"""Reader search: PostgreSQL full-text search, with a plain substring fallback on SQLite.

Police and government acronyms are expanded both ways before searching, so `Kapolda`
finds "Kepala Kepolisian Daerah" and the long form finds `Kapolda`.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db import connection
from django.db.models import Q, TextField, Value
from django.db.models.functions import Concat

CONFIG = "indonesian"

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
    """Articles of `queryset` matching `text`, best first, each with `rank` and `snippet`."""
    groups = expand(text)
    if not groups:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _search_postgres(queryset, groups)
    return _search_simple(queryset, groups)


def _search_postgres(queryset, groups):
    query = None
    for group in groups:
        alternatives = None
        for alternative in group:
            term = SearchQuery(alternative, config=CONFIG, search_type="phrase")
            alternatives = term if alternatives is None else alternatives | term
        query = alternatives if query is None else query & alternatives
    vector = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("lead", weight="B", config=CONFIG)
        + SearchVector("body", weight="C", config=CONFIG)
    )
    return (
        queryset.annotate(document=vector)
        .filter(document=query)
        .annotate(
            rank=SearchRank(vector, query),
            snippet=SearchHeadline(
                Concat("lead", Value(" "), "body", output_field=TextField()),
                query,
                config=CONFIG,
                start_sel="<mark>",
                stop_sel="</mark>",
                max_words=35,
                min_words=15,
                max_fragments=2,
            ),
        )
        .order_by("-rank", "-published_at")
    )


def _search_simple(queryset, groups):
    condition = Q()
    for group in groups:
        alternatives = Q()
        for alternative in group:
            alternatives |= (
                Q(title__icontains=alternative)
                | Q(lead__icontains=alternative)
                | Q(body__icontains=alternative)
            )
        condition &= alternatives
    return queryset.filter(condition).annotate(rank=Value(1.0), snippet=Value(""))
