"""The public URL contract: every page answers, hidden articles stay hidden."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.text import Truncator

from articles.models import (
    ArticleCredit,
    ArticleStatus,
    ArticleType,
    Correction,
    CreditRole,
    OutletStyle,
)
from articles.site.jinja import FIRST_WORDS_CHARS, first_words, plain_text
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
    make_user,
)
from tests.pages import by_class, parse, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet():
    return make_outlet(
        name="Pos-Kupang",
        slug="pos-kupang",
        style=OutletStyle.POS_KUPANG,
        brand_label="POS-KUPANG.COM",
        hostnames="poskupang.localhost www.poskupang.test",
    )


def test_the_network_front_page_lists_every_outlet_with_its_latest_stories(client):
    first, second = make_outlet(name="Satu"), make_outlet(name="Dua")
    old = make_article(
        first, title="Lama", published_at=timezone.now() - timedelta(days=9)
    )
    for n in range(5):
        make_article(first, title=f"Baru {n}")
    make_article(second, title="Kabar Dua")
    make_article(second, title="Draf Dua", status=ArticleStatus.DRAFT)

    doc = parse(client.get("/"))

    assert texts(doc, "//h2") == ["Dua", "Satu"]
    headlines = texts(doc, "//section//h3[@class='card-title']/a")
    assert "Kabar Dua" in headlines and "Baru 4" in headlines
    assert old.title not in headlines and "Draf Dua" not in headlines


def test_the_outlet_home_lists_only_its_published_stories_paginated(client, outlet):
    for n in range(25):
        make_article(outlet, title=f"Cerita {n:02d}")
    make_article(outlet, title="Draf rahasia", status=ArticleStatus.DRAFT)
    make_article(
        outlet, title="Terjadwal", published_at=timezone.now() + timedelta(hours=3)
    )
    make_article(title="Media lain")

    first = parse(client.get("/pos-kupang/?page=1"))
    second = parse(client.get("/pos-kupang/?page=2"))

    titles = texts(first, "//h2[@class='card-title']") + texts(
        second, "//h2[@class='card-title']"
    )
    assert len(titles) == 25
    assert not {"Draf rahasia", "Terjadwal", "Media lain"} & set(titles)
    assert first.xpath("//a[@rel='next']/@href") == ["?page=2"]
    assert texts(first, "//nav[@class='pagination']//a[not(@rel)]") == ["1", "2"]


def test_rubric_region_tag_and_author_pages_list_their_stories(client, outlet):
    rubric, region, tag = (
        make_rubric(outlet, "Hukum"),
        make_region(outlet, "Belu"),
        make_tag(outlet),
    )
    author = make_author("Yosef Kolo")
    match = make_article(
        outlet,
        title="Cocok",
        rubric=rubric,
        region=region,
        tags=[tag],
        authors=[author],
    )
    make_article(outlet, title="Lain")

    for path, heading in (
        [
            "/pos-kupang/rubrik/hukum/",
            "Hukum",
        ],
        ["/pos-kupang/wilayah/belu/", "Wilayah: Belu"],
        [
            "/pos-kupang/tag/kamtibmas/",
            "Tag: Kamtibmas",
        ],
        [f"/pos-kupang/penulis/{author.slug}/", "Berita oleh Yosef Kolo"],
    ):
        doc = parse(client.get(path))
        assert text(doc, "//h1") == heading
        assert texts(doc, "//h2[@class='card-title']") == [match.title], path


def test_unknown_outlets_and_subjects_are_404(client, outlet):
    assert client.get("/tidak-ada/").status_code == 404
    assert client.get("/pos-kupang/rubrik/tidak-ada/").status_code == 404
    assert client.get("/pos-kupang/tag/tidak-ada/").status_code == 404


def test_an_article_page_shows_its_story_photo_credits_links_and_type(client, outlet):
    writer = make_author("Lodovikus Lasi")
    related = make_article(outlet, title="Berita Terkait")
    hidden = make_article(outlet, title="Draf Terkait", status=ArticleStatus.DRAFT)
    article = make_article(
        outlet,
        title="Judul Utama",
        authors=[writer],
        article_type=ArticleType.OPINION,
        tags=[make_tag(outlet, "Pilkada")],
        content_modified_at=timezone.now(),
    )
    photographer = make_author("Yosef Kolo")
    ArticleCredit.objects.create(
        article=article, author=photographer, role=CreditRole.PHOTOGRAPHER, order=1
    )
    article.related.set([related, hidden])
    Correction.objects.create(article=article, note="Nama camat diperbaiki.")

    response = client.get(article.get_absolute_url())
    doc = parse(response)

    assert text(doc, by_class("type-label")) == "Opini"
    assert "Diperbarui" in text(doc, by_class("stamp"))
    # The byline names the writer; the closing credits name only who it did not.
    assert "Lodovikus Lasi" in text(doc, by_class("byline"))
    assert texts(doc, "//ul[@class='credits']/li") == ["Fotografer: Yosef Kolo"]
    assert doc.xpath("//ul[@class='credits']//a/@href") == [
        f"/pos-kupang/penulis/{photographer.slug}/"
    ]
    baca_juga = texts(doc, by_class("baca-juga"))
    assert baca_juga == ["Baca juga: Berita Terkait"]
    assert texts(doc, by_class("correction"))[0].startswith("Ralat (")
    assert "Nama camat diperbaiki." in texts(doc, by_class("correction"))[0]
    assert texts(doc, "//ul[@class='tags']//a") == ["#Pilkada"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"status": ArticleStatus.DRAFT, "published_on": timezone.localdate()},
        {"status": ArticleStatus.IN_REVIEW, "published_on": timezone.localdate()},
        {"published_at": timezone.now() + timedelta(days=1)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_drafts_and_scheduled_articles_are_404_for_the_public(
    client, outlet, overrides
):
    article = make_article(outlet, **overrides)

    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_retracted_article_shows_the_notice_and_reason_instead_of_its_body(
    client, outlet
):
    article = make_article(
        outlet,
        status=ArticleStatus.RETRACTED,
        body="<p>Isi yang keliru sekali.</p>",
        retraction_reason="Sumber tidak dapat diverifikasi.",
        retracted_at=timezone.now(),
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    doc = parse(response)
    assert text(doc, "//section[@class='retraction']/h2") == "Berita ini telah dicabut"
    assert (
        text(doc, by_class("retraction-reason")) == "Sumber tidak dapat diverifikasi."
    )
    assert "Isi yang keliru" not in response.text


def _jsonld(client, article, kind="NewsArticle"):
    doc = parse(client.get(article.get_absolute_url()))
    scripts = doc.xpath("//script[@type='application/ld+json']/text()")
    [data] = [d for d in map(json.loads, scripts) if d["@type"] == kind]
    return data


def test_json_ld_names_each_person_once_and_the_outlet_when_nobody_is_credited(
    client, outlet
):
    person = make_author("Dionisius Rebon")
    credited = make_article(outlet, authors=[person])
    ArticleCredit.objects.create(
        article=credited, author=person, role=CreditRole.REPORTER, order=1
    )
    uncredited = make_article(outlet, authors=[])

    assert [a["name"] for a in _jsonld(client, credited)["author"]] == [
        "Dionisius Rebon"
    ]
    assert _jsonld(client, uncredited)["author"] == [
        {
            "@type": "Organization",
            "name": "Pos-Kupang",
            "url": "http://testserver/pos-kupang/",
        }
    ]


def test_a_list_summary_keeps_a_space_between_paragraphs(client, outlet):
    make_article(
        outlet, lead="", body="<p>Warga di perbatasan.</p><p>Patroli berjalan.</p>"
    )

    home = client.get("/pos-kupang/").text

    assert "perbatasan. Patroli" in home
    assert "perbatasan.Patroli" not in home


def test_a_summary_reads_the_same_words_from_any_start_of_a_body():
    """`first_words` reads a cut of the body first: whatever the cut splits (a word, a
    tag, an entity, a paragraph's end), its words are those of the whole start."""
    paragraph = (
        "<p>Kapolres Belu AKBP I Gede &amp; tim&nbsp;patroli tiba di <b>Atambua</b>"
        ' pukul 09.00 WITA.<br>Warga menyambut <a href="/x?a=1&amp;b=2">mereka</a>'
        " dengan tarian &quot;likurai&quot; &#8211; tradisi setempat.</p>"
        '<figure><img src="/f.jpg" alt="foto"><figcaption>Foto: Humas</figcaption>'
        "</figure><blockquote>Kami siap, kata warga.</blockquote>"
    )
    # Words as long as the cut allows each: cuts holding just `count` words.
    long_words = "<p>" + " ".join(["a" * (FIRST_WORDS_CHARS - 1)] * 80) + "</p>"
    for markup in (paragraph * 4, long_words, paragraph + long_words):
        # Shifted, so that the cuts (multiples of FIRST_WORDS_CHARS) fall everywhere.
        for shift in range(FIRST_WORDS_CHARS):
            body = f"<p>{'x' * shift}</p>{markup}"
            for count in range(1, 61):
                for start in (body, body[: count * FIRST_WORDS_CHARS + 3]):
                    expected = Truncator(plain_text(start)).words(count)
                    assert first_words(start, count) == expected, (shift, count)


def test_article_metadata_json_ld_open_graph_canonical_and_feed_links(client, outlet):
    writer = make_author("Ermalinda Manu")
    article = make_article(outlet, title="Judul <Berita>", authors=[writer])

    doc = parse(client.get(article.get_absolute_url()))

    data = _jsonld(client, article)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Judul <Berita>"
    assert data["datePublished"].endswith("+08:00")
    assert data["author"] == [
        {
            "@type": "Person",
            "name": "Ermalinda Manu",
            "url": f"http://testserver/pos-kupang/penulis/{writer.slug}/",
        }
    ]
    assert data["publisher"]["name"] == "Pos-Kupang"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/")
    # No photo: the outlet's logo stands in, so every story carries an image.
    assert data["image"] == [data["publisher"]["logo"]["url"]]
    # The outlet has its own host: that is the address search engines should keep.
    bare = article.get_absolute_url().removeprefix("/pos-kupang")
    canonical = f"http://poskupang.localhost{bare}"
    assert data["mainEntityOfPage"] == canonical
    assert doc.xpath("//link[@rel='canonical']/@href") == [canonical]
    assert doc.xpath("//meta[@property='og:url']/@content") == [canonical]
    assert doc.xpath("//meta[@property='og:title']/@content") == ["Judul <Berita>"]
    assert doc.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
    assert doc.xpath("//link[@rel='alternate']/@href") == [
        "/pos-kupang/feed/",
        "/pos-kupang/feed/atom/",
    ]


def test_the_page_is_indonesian_accessible_and_has_unique_ids(client, outlet):
    article = make_article(outlet)

    doc = parse(client.get(article.get_absolute_url()))

    assert doc.xpath("/html/@lang") == ["id"]
    assert doc.xpath("//a[@class='skip-link']/@href") == ["#main"]
    assert doc.xpath("//main/@id") == ["main"]
    assert len(doc.xpath("//h1")) == 1
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids))
    for control in doc.xpath("//input[not(@type='hidden')]|//select"):
        assert doc.xpath(f"//label[@for='{control.get('id')}']"), control.get("name")


def test_the_public_site_speaks_indonesian_whatever_the_browser_asks(client, outlet):
    article = make_article(outlet, status=ArticleStatus.RETRACTED)

    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en")
    home = client.get("/pos-kupang/", HTTP_ACCEPT_LANGUAGE="en")

    assert "Berita ini telah dicabut" in response.text
    assert "This article has been retracted" not in response.text
    assert 'lang="id"' in home.text
    assert "Latest news" not in home.text
    assert "accept-language" not in response.get("Vary", "").lower()


def test_the_admin_speaks_indonesian_whatever_the_browser_language(client):
    # English on the desk is only a person's own choice (issue 12; Editor.language).
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")

    assert 'lang="id"' in response.text


def test_host_routing_serves_the_outlet_without_its_prefix(client, outlet, settings):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost", ".test"]
    article = make_article(outlet, title="Di Host Sendiri")
    path = article.get_absolute_url()
    bare = path.removeprefix("/pos-kupang")

    home = parse(client.get("/", HTTP_HOST="poskupang.localhost"))
    page = client.get(bare, HTTP_HOST="www.poskupang.test")

    assert texts(home, "//h2[@class='lead-story-title']/a") == ["Di Host Sendiri"]
    assert home.xpath("//h2[@class='lead-story-title']/a/@href") == [bare]
    assert parse(page).xpath("//link[@rel='canonical']/@href") == [
        f"http://www.poskupang.test{bare}"
    ]
    assert (
        client.get("/cari/?q=host", HTTP_HOST="poskupang.localhost").status_code == 200
    )
    assert client.get("/feed/", HTTP_HOST="poskupang.localhost").status_code == 200
    old_link = client.get(f"{path}?utm=x", HTTP_HOST="poskupang.localhost")
    assert (old_link.status_code, old_link["Location"]) == (301, f"{bare}?utm=x")
    # The network host keeps the prefixed addresses.
    assert client.get(path).status_code == 200
    assert client.get(bare).status_code == 404
    # Cards link each page's own way, whichever host the last request was for.
    cards = "//h2[@class='card-title']/a/@href"
    lists = (
        ("poskupang.localhost", "/?page=1", bare),
        ("testserver", "/pos-kupang/?page=1", path),
    )
    for host, address, expected in lists * 2:
        listed = parse(client.get(address, HTTP_HOST=host))
        assert listed.xpath(cards) == [expected], host


def test_staff_preview_shows_a_draft_with_banner_and_noindex(client, outlet):
    editor = make_editor(outlet)
    draft = make_article(outlet, title="Masih Draf", status=ArticleStatus.DRAFT)
    client.force_login(editor.user)

    response = client.get(f"/pratinjau/{draft.pk}/")

    doc = parse(response)
    assert text(doc, by_class("preview-banner")).startswith("Pratinjau")
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert response["X-Robots-Tag"] == "noindex"
    assert text(doc, "//h1") == "Masih Draf"


def test_preview_refuses_the_anonymous_and_other_outlets_staff(client, outlet):
    draft = make_article(outlet, status=ArticleStatus.DRAFT)

    anonymous = client.get(f"/pratinjau/{draft.pk}/")
    client.force_login(make_editor(make_outlet()).user)
    stranger = client.get(f"/pratinjau/{draft.pk}/")
    client.force_login(make_user(is_staff=False))
    reader = client.get(f"/pratinjau/{draft.pk}/")

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert stranger.status_code == 404
    assert reader.status_code == 404


def test_a_repeat_visit_gets_304(client, outlet):
    article = make_article(outlet)
    url = article.get_absolute_url()

    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    home = client.get("/pos-kupang/")
    home_again = client.get("/pos-kupang/", HTTP_IF_NONE_MATCH=home["ETag"])

    assert first.status_code == 200
    assert by_etag.status_code == 304
    assert by_date.status_code == 304
    assert home_again.status_code == 304


def test_robots_txt_points_at_the_sitemaps(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    # The index lists the news sitemap whenever it has entries.
    assert "Disallow: /pratinjau/" in response.text


def test_an_outlet_without_its_own_host_is_canonical_on_the_network_host(client):
    article = make_article(make_outlet(slug="tanpa-host"))

    doc = parse(client.get(article.get_absolute_url()))
    home = parse(client.get("/tanpa-host/?page=1"))

    assert doc.xpath("//link[@rel='canonical']/@href") == [
        f"http://testserver{article.get_absolute_url()}"
    ]
    assert home.xpath("//link[@rel='canonical']/@href") == [
        "http://testserver/tanpa-host/?page=1"
    ]
