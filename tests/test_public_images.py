"""Photos: renditions made once with Pillow, served as a responsive <picture>."""

import hashlib
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.images import is_rendition, make_renditions
from articles.models import Article
from tests.factories import make_article, make_outlet
from tests.pages import parse

pytestmark = pytest.mark.django_db


def _photo(width=1600, height=900) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), "#336699").save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="foto.jpg")


def _article_with_photo(**overrides):
    article = make_article(
        make_outlet(slug="kabar"),
        image_caption="Kapolres meninjau lokasi.",
        image_credit="Yosef Kolo",
        **overrides,
    )
    article.image.save("foto.jpg", _photo(), save=True)
    return article


def test_make_renditions_writes_webp_and_jpeg_at_each_width():
    article = _article_with_photo()

    renditions = make_renditions(article)

    assert [r["width"] for r in renditions] == [320, 480, 800, 1200]
    assert [r["height"] for r in renditions] == [180, 270, 450, 675]
    for rendition in renditions:
        with default_storage.open(rendition["webp"]) as f, Image.open(f) as webp:
            assert (webp.format, webp.width) == ("WEBP", rendition["width"])
        with default_storage.open(rendition["jpeg"]) as f, Image.open(f) as jpeg:
            assert (jpeg.format, jpeg.width) == ("JPEG", rendition["width"])
    stored = Article.objects.get(pk=article.pk)
    assert stored.image_renditions == renditions
    assert (stored.image_width, stored.image_height) == (1600, 900)


def test_a_small_photo_is_not_enlarged():
    article = make_article()
    article.image.save("kecil.jpg", _photo(300, 200), save=True)

    renditions = make_renditions(article)

    assert [(r["width"], r["height"]) for r in renditions] == [(300, 200)]


def test_the_article_page_serves_a_responsive_picture_eagerly_and_first(client):
    article = _article_with_photo()
    make_renditions(article)

    doc = parse(client.get(article.get_absolute_url()))

    [picture] = doc.xpath("//figure[@class='lead-photo']/picture")
    # libxml2 does not know <source> is void, so the <img> ends up inside it.
    [source] = picture.xpath(".//source")
    [img] = picture.xpath(".//img")
    assert source.get("type") == "image/webp"
    assert source.get("srcset").count(".webp ") == 4
    assert "320w" in source.get("srcset") and "1200w" in source.get("srcset")
    # Without WebP, one mid-sized JPEG: the widths are listed once per picture.
    assert img.get("srcset") is None
    assert img.get("src").startswith("/media/renditions/")
    assert img.get("src").endswith(".jpg") and "-800." in img.get("src")
    assert (img.get("width"), img.get("height")) == ("1200", "675")
    assert img.get("alt") == "Kapolres meninjau lokasi."
    assert img.get("loading") is None
    # The photo is what a phone shows first: fetched ahead of other images.
    assert img.get("fetchpriority") == "high"
    caption = " ".join(doc.xpath("//figcaption")[0].text_content().split())
    assert caption == "Kapolres meninjau lokasi. (Foto: Yosef Kolo)"


def test_list_thumbnails_load_lazily_after_the_first(client):
    first = _article_with_photo()
    second = make_article(first.outlet, published_at=first.published_at)
    second.image.save("foto2.jpg", _photo(), save=True)
    for article in (first, second):
        make_renditions(article)

    doc = parse(client.get("/kabar/?page=1"))

    cards = doc.xpath("//article[@class='card']//img")
    assert [img.get("loading") for img in cards] == [None, "lazy"]
    assert [img.get("fetchpriority") for img in cards] == ["high", None]


def test_the_outlet_home_leads_with_a_large_eager_photo_and_thumbnails(client):
    lead = _article_with_photo(title="Berita utama")
    older = make_article(lead.outlet, published_at=lead.published_at.replace(year=2020))
    older.image.save("lama.jpg", _photo(), save=True)
    for article in (lead, older):
        make_renditions(article)

    doc = parse(client.get("/kabar/"))

    [lead_img] = doc.xpath("//article[@class='lead-story']//img")
    assert lead_img.get("loading") is None
    assert lead_img.get("fetchpriority") == "high"
    assert (lead_img.get("width"), lead_img.get("height")) == ("1200", "675")
    [card_img] = doc.xpath("//section[@class='latest']//article[@class='card']//img")
    assert card_img.get("loading") == "lazy"
    assert card_img.get("fetchpriority") is None
    assert doc.xpath("//img[@fetchpriority]") == [lead_img]


def test_renditions_are_named_after_their_bytes():
    article = _article_with_photo()

    renditions = make_renditions(article)

    for rendition in renditions:
        for key in ("webp", "jpeg"):
            name = rendition[key]
            with default_storage.open(name) as f:
                digest = hashlib.sha256(f.read()).hexdigest()
            assert name.split(".")[-2] == digest[:12]
            assert is_rendition(name)
    assert not is_rendition(article.image.name)


def test_photos_on_disk_are_served_with_how_long_to_keep_them(client):
    article = _article_with_photo()
    [small, *_] = make_renditions(article)

    rendition = client.get(default_storage.url(small["webp"]))
    original = client.get(article.image.url)
    missing = client.get(default_storage.url("renditions/0/nothing-480.webp"))

    assert rendition.status_code == 200
    assert rendition["Content-Type"] == "image/webp"
    assert _directives(rendition) == {
        "public",
        "max-age=31536000",
        "immutable",
    }
    assert original.status_code == 200
    assert _directives(original) == {"public", "max-age=86400"}
    assert missing.status_code == 404


def test_an_unchanged_photo_is_answered_304(client):
    article = _article_with_photo()
    [small, *_] = make_renditions(article)
    url = default_storage.url(small["jpeg"])
    first = client.get(url)

    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 304


def _directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_card_photos_follow_the_media_address(client, settings):
    # Rendition addresses are remembered per process (articles.site.jinja): a new
    # media address must still reach the next page.
    article = _article_with_photo()
    make_renditions(article)

    def card_addresses():
        doc = parse(client.get("/kabar/?page=1"))
        [source] = doc.xpath("//article[@class='card']//source")
        [img] = doc.xpath("//article[@class='card']//img")
        return [part.split()[0] for part in source.get("srcset").split(", ")], img

    srcset, img = card_addresses()
    assert [url.split("/")[1] for url in srcset] == ["media"] * 4
    assert img.get("src").startswith("/media/renditions/")

    settings.MEDIA_URL = "https://foto.example/media/"
    srcset, img = card_addresses()
    assert all(
        url.startswith("https://foto.example/media/renditions/") for url in srcset
    )
    assert img.get("src").startswith("https://foto.example/media/renditions/")
    assert img.get("src").endswith(".jpg") and "-800." in img.get("src")
