"""Every public page takes a small, constant number of queries, however big the outlet:
on the network host and the outlet's own, with every cache cold, warm, or holding the page."""

import re
from datetime import timedelta
from io import BytesIO

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from articles.images import make_renditions
from articles.models import (
    ArticleCredit,
    Correction,
    CreditRole,
    EditorRole,
    Membership,
    OutletPage,
    OutletPageKind,
    OutletStyle,
    RelatedLink,
)
from articles.site import portal
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)
from tests.pages import parse, texts

pytestmark = pytest.mark.django_db

MAX_QUERIES = 6
OWN_HOST = "ramai.localhost"


def _photo() -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (1600, 900), "#336699").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="foto.jpg")


@pytest.fixture
def busy_outlet(settings):
    """An outlet with its own hosts and everything a page can show: rubrics, regions,
    tags, several credits per story, photos, corrections, "Baca juga" lines, related
    stories, most-read counts, written newsroom pages and a masthead."""
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    outlet = make_outlet(
        slug="ramai",
        style=OutletStyle.POS_KUPANG,
        hostnames=f"{OWN_HOST} www.ramai.localhost",
    )
    # Outlets without a host of their own fill the network host's sitemaps.
    for n in range(3):
        other = make_outlet(slug=f"lain-{n}")
        for _ in range(2):
            make_article(other, rubric=make_rubric(other, f"Rubrik {n}-{_}"))
    rubrics = [make_rubric(outlet, name) for name in ("Hukum", "Politik", "Olahraga")]
    region = make_region(outlet, "Belu")
    authors = [make_author(f"Penulis Ramai {n}") for n in range(6)]
    tags = [make_tag(outlet, f"Tag {n}") for n in range(6)]
    editor = make_editor(outlet)
    for role in (EditorRole.CHIEF, EditorRole.REPORTER):
        make_editor(outlet, role)
    Membership.objects.filter(outlet=outlet).update(on_masthead=True)
    now = timezone.now()
    articles = []
    for n in range(30):
        article = make_article(
            outlet,
            title=f"Sidang kasus {n}",
            rubric=rubrics[n % 3],
            region=region,
            editor=editor,
            authors=authors[n % 3 : n % 3 + 3],
            tags=tags[n % 4 : n % 4 + 3],
            dateline_place="Atambua",
            published_at=now - timedelta(hours=30 - n),
            body="".join(f"<p>Paragraf {p} sidang kasus {n}.</p>" for p in range(9)),
        )
        ArticleCredit.objects.create(
            article=article, author=authors[5], role=CreditRole.PHOTOGRAPHER, order=9
        )
        if articles:
            article.related.set(articles[-3:])
        Correction.objects.create(article=article, note=f"Ralat {n}")
        articles.append(article)
    # The richest page: a photo, corrections, and placed, floating and unlinked lines.
    story = articles[-1]
    story.image.save("foto.jpg", _photo(), save=True)
    make_renditions(story)
    story.content_modified_at = now
    story.save()
    Correction.objects.create(article=story, note="Ralat kedua")
    RelatedLink.objects.create(article=story, position=2, target=articles[10])
    RelatedLink.objects.create(article=story, position=None, target=articles[11])
    RelatedLink.objects.create(article=story, position=4, headline="Berita lain")
    for n, article in enumerate(articles[:12]):
        for _ in range(n % 4 + 1):
            portal.count_view(article.pk, at=now)
            portal.count_view(article.pk, at=now - timedelta(days=3))
    for kind in (OutletPageKind.ABOUT, OutletPageKind.MASTHEAD):
        OutletPage.objects.create(outlet=outlet, kind=kind, body="Satu.\n\nDua.")
    return outlet, articles, authors, tags


def _pages(articles, authors, tags, *, own_host: bool):
    """(method, path, status) of every kind of public page, as addressed on the host."""
    story = articles[-1]
    prefix = "" if own_host else "/ramai"
    story_path = story.get_absolute_url().removeprefix("/ramai")
    outlet_pages = [
        ("get", f"{prefix}/", 200),
        ("get", f"{prefix}/?page=2", 200),
        ("get", f"{prefix}/rubrik/hukum/", 200),
        ("get", f"{prefix}/wilayah/belu/", 200),
        ("get", f"{prefix}/tag/{tags[1].slug}/", 200),
        ("get", f"{prefix}/penulis/{authors[2].slug}/", 200),
        (
            "get",
            f"{prefix}/?rubric=hukum&tag={tags[2].slug}&author={authors[1].slug}&q=sidang",
            200,
        ),
        ("get", f"{prefix}{story_path}", 200),
        ("get", f"{prefix}/cari/?q=sidang+kasus", 200),
        ("get", f"{prefix}/cari/?q=tidakadayangcocok", 200),
        ("get", f"{prefix}/cari/", 200),
        *(("get", f"{prefix}/{kind}/", 200) for kind in OutletPageKind.values),
        ("get", f"{prefix}/feed/", 200),
        ("get", f"{prefix}/feed/atom/", 200),
        ("get", f"{prefix}/rubrik/hukum/feed/", 200),
        ("get", f"{prefix}/2020/01/01/tidak-ada/", 404),
        ("post", f"{prefix}/baca/{story.pk}/", 204),
    ]
    shared = [
        ("get", "/sitemap.xml", 200),
        ("get", "/sitemap-outlets.xml", 200),
        ("get", "/sitemap-articles.xml", 200),
        ("get", "/news-sitemap.xml", 200),
        ("get", "/robots.txt", 200),
        ("get", "/tidak-ada/", 404),
    ]
    if own_host:
        return outlet_pages + shared
    return [
        ("get", "/", 200),
        *outlet_pages,
        *shared,
        ("get", "/sitemap-network.xml", 200),
    ]


def _request(client, method, path, host, reader="10.1.2.3"):
    return getattr(client, method)(path, HTTP_HOST=host, REMOTE_ADDR=reader)


@pytest.mark.parametrize("own_host", [False, True], ids=["network-host", "own-host"])
@pytest.mark.parametrize("caches", ["cold", "warm", "page-cached"])
def test_every_public_page_takes_at_most_six_queries(
    client, busy_outlet, settings, own_host, caches
):
    """Cold: the cache just emptied (a restart, an eviction). Warm: menus and host map
    cached, the page itself rendered afresh. Page-cached: the page itself kept."""
    outlet, articles, authors, tags = busy_outlet
    host = OWN_HOST if own_host else "testserver"
    settings.PAGE_CACHE_SECONDS = 0 if caches == "warm" else 600
    counts, pages = {}, {}
    for method, path, status in _pages(articles, authors, tags, own_host=own_host):
        if caches == "cold":
            cache.clear()
        else:
            _request(client, method, path, host, reader="10.1.2.3")
        with CaptureQueriesContext(connection) as queries:
            # Another reader: the beacon counts one reader once per half hour.
            response = _request(client, method, path, host, reader="10.1.2.4")
        assert response.status_code == status, path
        counts[path] = [q["sql"] for q in queries.captured_queries]
        pages[path] = response
    prefix = "" if own_host else "/ramai"
    _shows_everything(
        home=pages[f"{prefix}/"],
        story=pages[prefix + articles[-1].get_absolute_url().removeprefix("/ramai")],
    )
    over = {path: sql for path, sql in counts.items() if len(sql) > MAX_QUERIES}
    assert not over, "\n\n".join(
        f"{path}: {len(sql)} queries\n" + "\n".join(f"  {q[:160]}" for q in sql)
        for path, sql in over.items()
    )


def _shows_everything(*, home, story):
    """The pages counted are the richest: nothing was left out to save a query."""
    home, story = parse(home), parse(story)
    assert len(home.xpath("//section[@class='most-read']/ol/li")) == 10
    assert len(home.xpath("//section[@class='rubric-section']")) == 3
    assert len(story.xpath("//nav[@class='rubrics']//a")) == 4
    assert len(story.xpath("//figure[@class='lead-photo']//img")) == 1
    corrections = texts(story, "//p[@class='correction']")
    assert [c.rsplit(": ", 1)[-1] for c in corrections] == ["Ralat 29", "Ralat kedua"]
    assert len(story.xpath("//ul[@class='tags']//a")) == 3
    lines = texts(story, "//p[@class='baca-juga']")
    assert len(lines) >= 3 and "Baca juga: Berita lain" in lines
    assert len(story.xpath("//section[@class='related-stories']//li")) == 4
    # Three writers in the byline, the photographer in the credits below.
    names = set(texts(story, "//article//a[contains(@href, '/penulis/')]"))
    assert len(names) == 4


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
    """The queries reading article rows (not counting them)."""
    return [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].startswith('SELECT "articles_article".')
    ]


def test_a_deep_list_page_walks_ids_only_and_reads_its_rows_by_id(client):
    outlet = make_outlet(slug="arsip")
    for n in range(45):
        make_article(outlet, title=f"Arsip {n:02d}")
    since = timezone.localdate() - timedelta(days=1)

    # A kept list (its length kept by the database) and a filtered one.
    for path, separate in (
        ("/arsip/?page=3", False),
        (f"/arsip/?page=3&date_from={since}", True),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)

        assert response.status_code == 200
        assert "Arsip 00" in response.text and "Arsip 04" in response.text
        assert "Arsip 05" not in response.text
        *ids, rows = _article_queries(queries)
        # The OFFSET walks the ids alone (in a subquery of the rows' query, or first);
        # only the page's rows are read, by id, and of the body only its start, for
        # the summary.
        walk = re.compile(r'SELECT (U0|"articles_article")\."id" AS "pk" FROM ')
        assert len(ids) == separate
        if separate:
            [ids] = ids
            assert walk.match(ids) and "LIMIT 5 OFFSET 40" in ids
            assert "OFFSET" not in rows
            assert re.search(
                r'WHERE "articles_article"\."id" IN \((\d+, ){4}\d+\)', rows
            )
        else:
            assert re.search(
                r'WHERE "articles_article"\."id" IN \(SELECT U0\."id" ', rows
            )
            assert rows.count("OFFSET") == 1 and "LIMIT 5 OFFSET 40)" in rows
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


def test_a_card_summarises_its_lead_or_the_start_of_its_body_in_the_list_query(client):
    """The body's start is read only for a story without a lead; a story with neither
    (an empty body) costs no query of its own."""
    outlet = make_outlet(slug="ringkas")
    make_article(outlet, title="Dengan lead", lead="Lead yang ditulis redaktur.")
    make_article(outlet, title="Tanpa lead", body="<p>Paragraf <b>pembuka</b>.</p>")
    make_article(outlet, title="Kosong", body="")
    client.get("/ringkas/?page=1")  # menus and host map cached

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/ringkas/?page=1")

    assert response.status_code == 200
    [rows] = _article_queries(queries)
    assert re.search(r'CASE WHEN "articles_article"\."lead" = \'\' THEN ', rows)
    page = parse(response)
    summaries = {
        card.xpath("string(.//h2)").strip(): card.xpath(
            "string(.//p[@class='summary'])"
        )
        for card in page.xpath("//article[contains(@class, 'card')]")
    }
    assert summaries == {
        "Dengan lead": "Lead yang ditulis redaktur.",
        "Tanpa lead": "Paragraf pembuka.",
        "Kosong": "",
    }
    # Its length, its rows and their credits: the empty body is not read afresh.
    assert len(queries) == 3, [q["sql"][:120] for q in queries.captured_queries]


def test_cards_and_pages_name_credited_people_in_credit_order(client):
    """Lists, pages and feeds name people in the order the desk gave their credits,
    whatever order they were added in."""
    outlet = make_outlet(slug="urutan")
    article = make_article(outlet, title="Tiga penulis")
    names = {"Cici Ketiga": 2, "Ani Pertama": 0, "Budi Kedua": 1}
    for name, order in names.items():
        ArticleCredit.objects.create(
            article=article, author=make_author(name=name), order=order
        )
    ArticleCredit.objects.create(
        article=article,
        author=make_author(name="Dedi Foto"),
        role=CreditRole.PHOTOGRAPHER,
        order=3,
    )
    make_article(outlet, title="Tanpa kredit")
    in_order = ["Ani Pertama", "Budi Kedua", "Cici Ketiga"]

    listing = client.get("/urutan/?page=1")
    card = parse(listing).xpath("//article[.//a[text()='Tiga penulis']]")[0]
    assert card.xpath("string(.//p[@class='meta'])").endswith(", ".join(in_order))
    story = parse(client.get(article.get_absolute_url()))
    byline = texts(story, "//p[@class='byline']/a")
    assert byline == in_order
    assert texts(story, "//ul[@class='credits']//a") == ["Dedi Foto"]
    # Every credited person, the photographer too; the outlet where nobody is.
    feed = client.get("/urutan/feed/atom/").content.decode()
    assert "<name>Ani Pertama, Budi Kedua, Cici Ketiga, Dedi Foto</name>" in feed
    assert f"<name>{outlet.name}</name>" in feed
