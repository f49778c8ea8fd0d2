"""Every public page takes a small, constant number of queries, however big the outlet."""

import pytest

from articles.models import Correction
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6


@pytest.fixture
def busy_outlet(settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    outlet = make_outlet(slug="ramai", hostnames="ramai.localhost")
    for n in range(3):
        make_outlet(slug=f"lain-{n}")
    rubric, region = make_rubric(outlet, "Hukum"), make_region(outlet, "Belu")
    authors = [make_author(f"Penulis Ramai {n}") for n in range(6)]
    tags = [make_tag(outlet, f"Tag {n}") for n in range(6)]
    editor = make_editor(outlet)
    articles = []
    for n in range(30):
        article = make_article(
            outlet,
            title=f"Sidang kasus {n}",
            rubric=rubric,
            region=region,
            editor=editor,
            authors=authors[n % 3 : n % 3 + 3],
            tags=tags[n % 4 : n % 4 + 3],
            dateline_place="Atambua",
        )
        if articles:
            article.related.set(articles[-3:])
        Correction.objects.create(article=article, note=f"Ralat {n}")
        articles.append(article)
    return outlet, articles, authors, tags


def _pages(outlet, articles, authors, tags):
    article = articles[-1]
    return [
        "/",
        "/ramai/",
        "/ramai/?page=2",
        "/ramai/rubrik/hukum/",
        "/ramai/wilayah/belu/",
        f"/ramai/tag/{tags[1].slug}/",
        f"/ramai/penulis/{authors[2].slug}/",
        f"/ramai/?rubric=hukum&tag={tags[2].slug}&author={authors[1].slug}&q=sidang",
        "/ramai/cari/?q=sidang+kasus",
        article.get_absolute_url(),
        "/ramai/redaksi/",
        "/ramai/pedoman-media-siber/",
        "/ramai/feed/",
        "/ramai/feed/atom/",
        "/ramai/rubrik/hukum/feed/",
        "/sitemap.xml",
        # The outlet has its own host: the network host's sitemap is the front page.
        "/sitemap-network.xml",
        "/robots.txt",
    ]


def test_every_public_page_takes_at_most_six_queries(
    client, busy_outlet, django_assert_max_num_queries
):
    for path in _pages(*busy_outlet):
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(path)
        assert response.status_code == 200, path


def test_outlet_host_pages_take_at_most_six_queries(
    client, busy_outlet, django_assert_max_num_queries
):
    outlet, articles, authors, tags = busy_outlet
    bare = articles[-1].get_absolute_url().removeprefix("/ramai")
    for path in [
        "/",
        "/rubrik/hukum/",
        "/cari/?q=sidang",
        "/?page=2",
        "/redaksi/",
        bare,
        "/feed/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-outlets.xml",
        "/news-sitemap.xml",
    ]:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(path, HTTP_HOST="ramai.localhost")
        assert response.status_code == 200, path


def test_the_staff_preview_takes_a_constant_number_of_queries(
    client, busy_outlet, django_assert_max_num_queries
):
    outlet, articles, *_ = busy_outlet
    client.force_login(articles[0].editor.user)
    # The page's own queries (the editor's outlets included), plus the login's session
    # and user.
    with django_assert_max_num_queries(MAX_QUERIES + 2):
        response = client.get(f"/pratinjau/{articles[-1].pk}/")
    assert response.status_code == 200


def _article_queries(queries):
    return [
        query["sql"]
        for query in queries.captured_queries
        if 'FROM "articles_article"' in query["sql"] and "COUNT(" not in query["sql"]
    ]


def test_a_deep_list_page_walks_ids_only_and_reads_its_rows_by_id(client):
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    outlet = make_outlet(slug="arsip")
    for n in range(45):
        make_article(outlet, title=f"Arsip {n:02d}")

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/arsip/?page=3")

    assert response.status_code == 200
    assert "Arsip 00" in response.text and "Arsip 04" in response.text
    assert "Arsip 05" not in response.text
    [rows] = _article_queries(queries)
    # The OFFSET is inside a subquery that selects the id alone; only the body's start
    # is read, for the summary.
    assert re.search(r'IN \(SELECT U0\."id" AS "pk" FROM "articles_article" U0 ', rows)
    assert "LIMIT 5 OFFSET 40)" in rows
    assert not re.search(r'[^(]"articles_article"\."body"', rows)


def test_the_front_page_reads_a_few_stories_per_outlet_in_one_query(
    client, django_assert_num_queries
):
    outlets = [make_outlet(slug=f"media-{n}") for n in range(4)]
    for outlet in outlets:
        for n in range(7):
            make_article(outlet, title=f"{outlet.slug} kabar {n}")

    with django_assert_num_queries(2):
        response = client.get("/")

    assert response.status_code == 200
    for outlet in outlets:
        assert f"{outlet.slug} kabar 6" in response.text
        assert f"{outlet.slug} kabar 2" in response.text
        assert f"{outlet.slug} kabar 1<" not in response.text
