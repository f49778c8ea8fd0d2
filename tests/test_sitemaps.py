"""Sitemaps validate against the sitemaps.org schema; the news sitemap holds two days."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from lxml import etree

from articles.models import ArticleStatus, OutletZone
from articles.site.sitemaps import ArticleSitemap
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def _schema(name):
    return etree.XMLSchema(etree.parse(str(FIXTURES / name)))


def _valid(response, schema):
    assert response.status_code == 200
    doc = etree.fromstring(response.content)
    schema.assertValid(doc)
    return doc


def test_the_sitemap_index_and_its_sections_are_valid_and_list_public_pages(client):
    outlet = make_outlet(slug="kabar")
    article = make_article(outlet)
    draft = make_article(outlet, status=ArticleStatus.DRAFT, published_on=None)

    index = _valid(client.get("/sitemap.xml"), _schema("siteindex.xsd"))
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    locations = []
    for url in sections:
        if "news" in url:
            continue
        section = _valid(
            client.get(url.removeprefix("http://testserver")), _schema("sitemap.xsd")
        )
        locations += section.xpath("//sm:loc/text()", namespaces=NS)

    assert sorted(sections) == [
        "http://testserver/news-sitemap.xml",
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-network.xml",
        "http://testserver/sitemap-outlets.xml",
    ]
    assert f"http://testserver{article.get_absolute_url()}" in locations
    assert "http://testserver/kabar/" in locations
    assert not any(str(draft.pk) in loc and "pratinjau" in loc for loc in locations)


def test_the_news_sitemap_lists_only_the_last_two_days_in_google_news_format(client):
    outlet = make_outlet(name="Pos-Kupang", slug="pos-kupang")
    fresh = make_article(outlet, title="Baru & hangat")
    make_article(outlet, title="Lama", published_at=timezone.now() - timedelta(days=3))
    make_article(
        outlet, title="Nanti", published_at=timezone.now() + timedelta(hours=1)
    )

    doc = _valid(client.get("/news-sitemap.xml"), _schema("sitemap.xsd"))

    news = _schema("sitemap-news.xsd")
    entries = doc.xpath("//news:news", namespaces=NS)
    assert len(entries) == 1
    news.assertValid(etree.ElementTree(entries[0]))
    assert doc.xpath("//sm:loc/text()", namespaces=NS) == [
        f"http://testserver{fresh.get_absolute_url()}"
    ]
    assert entries[0].xpath("news:title/text()", namespaces=NS) == ["Baru & hangat"]
    assert entries[0].xpath("news:publication/news:name/text()", namespaces=NS) == [
        "Pos-Kupang"
    ]
    assert entries[0].xpath("news:publication/news:language/text()", namespaces=NS) == [
        "id"
    ]
    [published] = entries[0].xpath("news:publication_date/text()", namespaces=NS)
    assert published.endswith("+08:00")


def test_an_outlet_host_sitemap_lists_only_that_outlet(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    own = make_outlet(slug="sendiri", hostnames="sendiri.localhost")
    article = make_article(own)
    make_article(make_outlet(slug="tetangga"))
    host = {"HTTP_HOST": "sendiri.localhost"}

    index = _valid(client.get("/sitemap.xml", **host), _schema("siteindex.xsd"))
    locations = []
    for url in index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS):
        path = url.removeprefix("http://sendiri.localhost")
        if "news" in path:
            continue
        section = _valid(client.get(path, **host), _schema("sitemap.xsd"))
        locations += section.xpath("//sm:loc/text()", namespaces=NS)
    news = _valid(client.get("/news-sitemap.xml", **host), _schema("sitemap.xsd"))

    bare = article.get_absolute_url().removeprefix("/sendiri")
    assert sorted(locations) == sorted(
        ["http://sendiri.localhost/", f"http://sendiri.localhost{bare}"]
    )
    assert news.xpath("//sm:loc/text()", namespaces=NS) == [
        f"http://sendiri.localhost{bare}"
    ]
    # The network host leaves the outlet to its own host, where its pages are canonical.
    network = client.get("/sitemap-articles.xml").content.decode()
    assert "tetangga" in network and "sendiri" not in network


def test_the_network_host_never_serves_or_lists_an_empty_sitemap(client, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    outlet = make_outlet(slug="sendiri", hostnames="sendiri.localhost")
    make_article(outlet, published_at=timezone.now() - timedelta(days=10))

    index = _valid(client.get("/sitemap.xml"), _schema("siteindex.xsd"))
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)

    assert sections == ["http://testserver/sitemap-network.xml"]
    network = _valid(client.get("/sitemap-network.xml"), _schema("sitemap.xsd"))
    assert network.xpath("//sm:loc/text()", namespaces=NS) == ["http://testserver/"]
    for empty in ("/sitemap-articles.xml", "/sitemap-outlets.xml", "/news-sitemap.xml"):
        assert client.get(empty).status_code == 404, empty
    # The quiet outlet's own index leaves its news sitemap out.
    own = _valid(
        client.get("/sitemap.xml", HTTP_HOST="sendiri.localhost"),
        _schema("siteindex.xsd"),
    )
    assert "news" not in " ".join(own.xpath("//sm:loc/text()", namespaces=NS))


def test_a_wita_article_keeps_its_own_day_as_lastmod(client):
    outlet = make_outlet(slug="kupang", time_zone=OutletZone.WITA)
    wita_midnight = datetime(2024, 3, 5, 0, 0, tzinfo=ZoneInfo("Asia/Makassar"))
    make_article(outlet, published_at=wita_midnight)

    doc = _valid(client.get("/sitemap-articles.xml"), _schema("sitemap.xsd"))

    [lastmod] = doc.xpath("//sm:lastmod/text()", namespaces=NS)
    assert lastmod.startswith("2024-03-05")


def test_a_sitemap_page_reads_only_what_its_entries_print(client):
    """5,000 entries a page: no body, lead or photo columns, one query for the rows."""
    outlet = make_outlet(name='Kabar "Timur" & <Co>', slug="kabar")
    make_article(outlet, title='Polisi & "warga" <Kupang>', body="<p>Isi.</p>" * 50)

    for path in ("/sitemap-articles.xml", "/news-sitemap.xml"):
        with CaptureQueriesContext(connection) as queries:
            doc = _valid(client.get(path), _schema("sitemap.xsd"))
        rows = [q["sql"] for q in queries if '"articles_article"."slug"' in q["sql"]]
        assert len(rows) == 1, path
        assert '"articles_article"."body"' not in rows[0]
        assert '"articles_article"."image"' not in rows[0]
    # Escaped, and read back as written.
    assert doc.xpath("//news:title/text()", namespaces=NS) == [
        'Polisi & "warga" <Kupang>'
    ]
    assert doc.xpath("//news:name/text()", namespaces=NS) == ['Kabar "Timur" & <Co>']


def test_the_articles_sitemap_pages_follow_the_kept_list_lengths(client, monkeypatch):
    """The index and each page take the section's length from the outlets' kept list
    lengths, never by counting the archive; scheduled stories are not in it yet."""
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    first, second = make_outlet(slug="satu"), make_outlet(slug="dua")
    for n in range(3):
        make_article(first, title=f"Satu {n}")
    make_article(second, title="Dua 0")
    make_article(first, published_at=timezone.now() + timedelta(hours=2))

    with CaptureQueriesContext(connection) as queries:
        index = _valid(client.get("/sitemap.xml"), _schema("siteindex.xsd"))
    sections = index.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)
    assert [s for s in sections if "articles" in s] == [
        "http://testserver/sitemap-articles.xml",
        "http://testserver/sitemap-articles.xml?p=2",
    ]
    # Stories are counted only from a moment on: the scheduled ones (still to come)
    # and the news sitemap's two days.
    counted = [
        q["sql"]
        for q in queries.captured_queries
        if 'COUNT(*) AS "__count" FROM "articles_article"' in q["sql"]
    ]
    assert len(counted) == 2
    assert all('"articles_article"."published_at" >' in q for q in counted)
    found = []
    for page in ("", "?p=2"):
        doc = _valid(client.get(f"/sitemap-articles.xml{page}"), _schema("sitemap.xsd"))
        found += doc.xpath("//sm:loc/text()", namespaces=NS)
    assert len(found) == 4
    assert client.get("/sitemap-articles.xml?p=3").status_code == 404
