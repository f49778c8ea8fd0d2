"""The outlet as a news portal: front page, most read and its view counts, the
newsroom's own pages, and the article page's breadcrumbs, sharing and related stories."""

import json
from datetime import timedelta
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.base import ContentFile
from django.core.paginator import Paginator
from django.utils import timezone
from PIL import Image

from articles.models import ArticleStatus, ArticleViews, EditorRole, OutletPage
from articles.site import portal
from articles.site.jinja import page_numbers
from tests.factories import (
    make_article,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)
from tests.pages import by_class, parse, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet():
    return make_outlet(name="Pos-Kupang", slug="pos-kupang")


def _beacon(client, article, **extra):
    return client.post(
        f"/{article.outlet.slug}/baca/{article.pk}/", REMOTE_ADDR="10.0.0.1", **extra
    )


def test_the_beacon_counts_a_view_in_this_hours_bucket_once_per_reader(client, outlet):
    article = make_article(outlet)

    first = _beacon(client, article)
    again = _beacon(client, article)
    client.post(f"/pos-kupang/baca/{article.pk}/", REMOTE_ADDR="10.0.0.2")

    assert (first.status_code, again.status_code) == (204, 204)
    [bucket] = ArticleViews.objects.filter(article=article)
    assert bucket.count == 2
    assert (bucket.hour.minute, bucket.hour.second) == (0, 0)
    assert not first.cookies


def test_the_beacon_counts_only_published_stories_and_only_by_post(client, outlet):
    draft = make_article(outlet, status=ArticleStatus.DRAFT, published_on=None)
    published = make_article(outlet)

    _beacon(client, draft)
    refused = client.get(f"/pos-kupang/baca/{published.pk}/")

    assert refused.status_code == 405
    assert not ArticleViews.objects.exists()


def test_reading_the_article_page_writes_nothing(
    client, outlet, django_assert_max_num_queries
):
    article = make_article(outlet)

    with django_assert_max_num_queries(6) as queries:
        page = client.get(article.get_absolute_url())

    assert not any(
        q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE"))
        for q in queries.captured_queries
    )
    doc = parse(page)
    assert doc.xpath("//article/@data-read-url") == [f"/pos-kupang/baca/{article.pk}/"]
    assert doc.xpath("//script/@src")[-1].endswith("js/reader.js")


def test_the_front_page_has_lead_latest_sections_and_most_read(
    client, outlet, django_assert_max_num_queries
):
    hukum = make_rubric(outlet, "Hukum")
    now = timezone.now()
    stories = [
        make_article(
            outlet,
            title=f"Berita {n}",
            rubric=hukum if n % 2 else None,
            published_at=now - timedelta(hours=n + 1),
        )
        for n in range(12)
    ]
    portal.count_view(stories[5].pk, at=now)
    portal.count_view(stories[5].pk, at=now)
    portal.count_view(stories[7].pk, at=now - timedelta(days=3))
    for _ in range(5):
        portal.count_view(stories[7].pk, at=now - timedelta(days=3))

    with django_assert_max_num_queries(6):
        doc = parse(client.get("/pos-kupang/"))

    assert text(doc, "//h2[@class='lead-story-title']") == "Berita 0"
    latest = texts(doc, "//section[@class='latest']//h3[@class='card-title']")
    assert latest == [f"Berita {n}" for n in range(1, 9)]
    assert texts(doc, "//section[@class='rubric-section']//h3") == [
        "Berita 1",
        "Berita 3",
        "Berita 5",
        "Berita 7",
    ]
    day, week = doc.xpath("//section[@class='most-read']/ol")
    assert texts(day, "./li/a") == ["Berita 5"]
    assert texts(week, "./li/a") == ["Berita 7", "Berita 5"]
    assert texts(doc, "//nav[@class='rubrics']//a") == ["Beranda", "Hukum"]


def test_most_read_ranks_each_period_by_its_own_reads_then_recency(outlet):
    now = timezone.now()
    stories = [
        make_article(outlet, title=f"Berita {n}", published_at=now - timedelta(days=n))
        for n in range(9)
    ]
    reads = {  # story: (reads in the last hour, reads four days ago)
        0: (1, 0),
        1: (3, 0),
        2: (1, 9),
        3: (0, 4),
        4: (0, 4),
        5: (2, 1),
        6: (0, 2),
        7: (0, 1),
        8: (1, 0),
    }
    for n, (today, earlier) in reads.items():
        for _ in range(today):
            portal.count_view(stories[n].pk, at=now)
        for _ in range(earlier):
            portal.count_view(stories[n].pk, at=now - timedelta(days=4))
    elsewhere = make_article(make_outlet(), published_at=now - timedelta(days=1))
    for _ in range(20):
        portal.count_view(elsewhere.pk, at=now)
    retracted = make_article(outlet, status=ArticleStatus.RETRACTED)
    for _ in range(20):
        portal.count_view(retracted.pk, at=now)
    old = make_article(outlet, published_at=now - timedelta(days=30))
    portal.count_view(old.pk, at=now - timedelta(days=8))

    day, week = portal.most_read(outlet, now=now)

    # A tie goes to the newer story; the day list has only stories read today.
    assert [s.title for s in day] == [
        "Berita 1",
        "Berita 5",
        "Berita 0",
        "Berita 2",
        "Berita 8",
    ]
    assert [s.title for s in week] == [
        "Berita 2",
        "Berita 3",
        "Berita 4",
        "Berita 1",
        "Berita 5",
    ]
    assert [s.reads for s in day] == [3, 2, 1, 1, 1]
    assert [s.reads for s in week] == [10, 4, 4, 3, 3]
    assert day[0].get_absolute_url() == stories[1].get_absolute_url()


def test_every_outlet_page_carries_the_rubric_menu_and_the_newsroom_pages(
    client, outlet
):
    make_rubric(outlet, "Hukum")
    article = make_article(outlet)

    for path in (
        "/pos-kupang/",
        "/pos-kupang/?page=1",
        "/pos-kupang/rubrik/hukum/",
        "/pos-kupang/cari/?q=berita",
        article.get_absolute_url(),
        "/pos-kupang/redaksi/",
    ):
        doc = parse(client.get(path))
        assert "Hukum" in texts(doc, "//nav[@class='rubrics']//a"), path
        assert texts(doc, "//nav[@class='footer-pages']//a")[:5] == [
            "Tentang Kami",
            "Redaksi",
            "Kontak",
            "Pedoman Media Siber",
            "Disclaimer",
        ], path


def test_redaksi_lists_the_staff_who_chose_to_appear_chief_first(client, outlet):
    reporter = make_editor(outlet, EditorRole.REPORTER, credit_name="Lodovikus Lasi")
    chief = make_editor(outlet, EditorRole.CHIEF, credit_name="Benediktus Tefa")
    hidden = make_editor(outlet, EditorRole.EDITOR, credit_name="Tidak Tampil")
    reporter.memberships.update(on_masthead=True)
    chief.memberships.update(on_masthead=True, masthead_title="Pemimpin Umum")
    hidden.memberships.update(on_masthead=False)

    doc = parse(client.get("/pos-kupang/redaksi/"))

    assert texts(doc, "//dl[@class='masthead-list']//dt") == [
        "Pemimpin Umum",
        "Wartawan",
    ]
    assert texts(doc, "//dl[@class='masthead-list']//dd") == [
        "Benediktus Tefa",
        "Lodovikus Lasi",
    ]


def test_the_guideline_page_names_the_press_council_text_until_the_chief_publishes_it(
    client, outlet
):
    default = parse(client.get("/pos-kupang/pedoman-media-siber/"))
    OutletPage.objects.create(
        outlet=outlet, kind="pedoman-media-siber", body="Teks resmi.\n\nBagian dua."
    )
    written = parse(client.get("/pos-kupang/pedoman-media-siber/"))

    body = text(default, by_class("newsroom-page"))
    assert "Pedoman Pemberitaan Media Siber" in body and "Dewan Pers" in body
    assert texts(written, f"{by_class('newsroom-page')}/p") == [
        "Teks resmi.",
        "Bagian dua.",
    ]
    assert client.get("/pos-kupang/halaman-lain/").status_code == 404


def test_the_article_page_has_breadcrumbs_share_links_and_related_stories(
    client, outlet
):
    hukum = make_rubric(outlet, "Hukum")
    tag = make_tag(outlet, "Pilkada")
    region = make_region(outlet, "Belu")
    article = make_article(outlet, title="Sidang Utama", rubric=hukum, tags=[tag])
    same_rubric = make_article(outlet, title="Sidang Lain", rubric=hukum)
    same_tag = make_article(outlet, title="Pilkada Lain", tags=[tag])
    same_region = make_article(outlet, title="Di Belu", region=region)
    make_article(outlet, title="Tidak Terkait")
    linked = make_article(outlet, title="Baca Ini")
    article.related.set([linked])
    article.region = region
    article.save()

    doc = parse(client.get(article.get_absolute_url()))

    assert texts(doc, "//nav[@class='breadcrumbs']//a") == [
        "Beranda",
        "Hukum",
        "Sidang Utama",
    ]
    scripts = map(json.loads, doc.xpath("//script[@type='application/ld+json']/text()"))
    [crumbs] = [s for s in scripts if s["@type"] == "BreadcrumbList"]
    assert [i["name"] for i in crumbs["itemListElement"]] == [
        "Pos-Kupang",
        "Hukum",
        "Sidang Utama",
    ]
    related = texts(doc, "//section[@class='related-stories']//h3")
    assert sorted(related) == sorted(
        [same_rubric.title, same_tag.title, same_region.title]
    )
    assert texts(doc, "//aside[@class='related']//a") == ["Baca Ini"]
    shares = dict(
        zip(
            texts(doc, "//div[@class='share']//a"),
            doc.xpath("//div[@class='share']//a/@href"),
            strict=True,
        )
    )
    assert set(shares) == {"WhatsApp", "Facebook", "X", "Telegram"}
    whatsapp = parse_qs(urlsplit(shares["WhatsApp"]).query)["text"][0]
    assert whatsapp.endswith(article.get_absolute_url())
    assert doc.xpath("//button[@data-copy-url]/@data-copy-url")[0].endswith(
        article.get_absolute_url()
    )


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (1, [1, 2, 3, None, 10]),
        (5, [1, None, 3, 4, 5, 6, 7, None, 10]),
        (10, [1, None, 8, 9, 10]),
    ],
)
def test_pagination_numbers_first_nearby_and_last(current, expected):
    page = Paginator(range(100), 10).page(current)

    assert page_numbers(page) == expected


def test_only_the_outlets_chief_writes_its_newsroom_pages_in_the_admin(client, outlet):
    chief = make_editor(outlet, EditorRole.CHIEF)
    editor = make_editor(outlet, EditorRole.EDITOR)
    other_chief = make_editor(make_outlet(), EditorRole.CHIEF)
    data = {"outlet": outlet.pk, "kind": "kontak", "body": "Jl. Kupang No. 1"}

    for person in (editor, other_chief):
        client.force_login(person.user)
        client.post("/admin/articles/outletpage/add/", data)
    client.force_login(chief.user)
    added = client.post("/admin/articles/outletpage/add/", data)

    assert added.status_code == 302
    assert list(OutletPage.objects.values_list("body", flat=True)) == [
        "Jl. Kupang No. 1"
    ]
    assert "Jl. Kupang No. 1" in client.get("/pos-kupang/kontak/").text


def test_one_address_counts_only_so_many_views_an_hour(client, outlet, monkeypatch):
    monkeypatch.setattr("articles.site.views.READS_PER_ADDRESS_HOUR", 2)
    articles = [make_article(outlet) for _ in range(4)]

    for article in articles:
        _beacon(client, article)

    assert ArticleViews.objects.count() == 2


def test_json_ld_carries_the_photo_and_the_outlets_own_logo(client, outlet):
    buffer = BytesIO()
    Image.new("RGB", (300, 60), "#00457c").save(buffer, "PNG")
    outlet.logo.save("logo.png", ContentFile(buffer.getvalue()), save=True)
    article = make_article(outlet)
    buffer = BytesIO()
    Image.new("RGB", (1200, 800), "#336699").save(buffer, "JPEG")
    article.image.save("foto.jpg", ContentFile(buffer.getvalue()), save=True)

    doc = parse(client.get(article.get_absolute_url()))
    scripts = map(json.loads, doc.xpath("//script[@type='application/ld+json']/text()"))
    [data] = [s for s in scripts if s["@type"] == "NewsArticle"]

    assert data["image"] == [f"http://testserver{article.image.url}"]
    assert data["publisher"]["logo"]["url"] == f"http://testserver{outlet.logo.url}"
    [logo] = doc.xpath("//a[@class='brand']/img")
    assert (logo.get("width"), logo.get("height"), logo.get("alt")) == (
        "300",
        "60",
        "Pos-Kupang",
    )


def test_a_rubric_added_in_the_admin_is_in_the_menu_at_once(
    client, outlet, django_capture_on_commit_callbacks
):
    make_rubric(outlet, "Hukum")
    assert "Ekonomi" not in texts(parse(client.get("/pos-kupang/")), "//nav//a")
    client.force_login(make_editor(outlet, EditorRole.CHIEF).user)

    with django_capture_on_commit_callbacks(execute=True):
        added = client.post(
            "/admin/articles/rubric/add/",
            {"outlet": outlet.pk, "name": "Ekonomi", "slug": "ekonomi"},
        )
    client.logout()

    assert added.status_code == 302
    menu = texts(parse(client.get("/pos-kupang/")), "//nav[@class='rubrics']//a")
    assert menu == ["Beranda", "Ekonomi", "Hukum"]
