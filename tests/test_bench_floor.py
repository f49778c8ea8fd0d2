"""The site benchmark's data floors (bench/site_floor.py) read exactly what their pages
read: the same queries, in the same order, with the same values. A floor that read less
would make the pages' view and template look dearer than they are."""

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    make_article,
    make_author,
    make_outlet,
    make_rubric,
    make_tag,
)

pytestmark = pytest.mark.django_db

# The present moment each request reads afresh, as SQL literals of either database.
_MOMENT = re.compile(r"'\d{4}-\d{2}-\d{2}[ T][\d:.]+(?:[+-]\d{2}:?\d{2})?'")


@pytest.fixture
def bench_site(settings):
    settings.ROOT_URLCONF = "bench.site_urls"
    settings.PAGE_CACHE_SECONDS = 0
    outlet = make_outlet(slug="pos-kupang")
    rubric = make_rubric(outlet, "Hukum")
    authors = [make_author(f"Penulis {n}") for n in range(3)]
    tag = make_tag(outlet, "Kamtibmas")
    now = timezone.now()
    articles = [
        make_article(
            outlet,
            title=f"Polisi amankan barang bukti {n}",
            rubric=rubric if n % 2 else None,
            authors=authors[n % 3 :],
            tags=[tag],
            lead="" if n % 3 else f"Ringkasan berita polisi {n}.",
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(45)
    ]
    make_article(make_outlet(slug="lain"))
    return articles


def _sql(path):
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(path)
    assert response.status_code == 200, path
    return response, [_MOMENT.sub("NOW", q["sql"]) for q in queries.captured_queries]


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "ARTICLE",
        "/pos-kupang/",
        "/pos-kupang/?page=1",
        "/pos-kupang/?page=3",
        "/pos-kupang/rubrik/hukum/",
        "/pos-kupang/feed/",
        "/pos-kupang/cari/?q=polisi",
        "/pos-kupang/cari/?q=polisi&page=2",
    ],
)
def test_a_floor_reads_what_its_page_reads(bench_site, path):
    if path == "ARTICLE":
        path = bench_site[4].get_absolute_url()
    _sql(path)  # the outlet directory, read once per process
    page, page_queries = _sql(path)
    floor, floor_queries = _sql(
        f"/_floor/?{urlencode({'of': path, 'bytes': len(page.content)})}"
    )
    assert page_queries  # a page that reads nothing would prove nothing here
    assert floor_queries == page_queries
    assert len(floor.content) == len(page.content)
