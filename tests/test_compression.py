"""Readers' pages, feeds and sitemaps travel gzipped to browsers that accept it; photos
travel as they are."""

import gzip
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from articles.images import make_renditions
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db
GZIP = {"accept-encoding": "gzip, deflate, br"}


def test_a_readers_page_is_gzipped_and_still_revalidates(client, page_cache):
    outlet = make_outlet(slug="kabar")
    make_article(outlet, title="Banjir di Kota Kupang")

    first = client.get("/kabar/", headers=GZIP)
    again = client.get("/kabar/", headers={**GZIP, "if-none-match": first["ETag"]})

    assert first["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in first["Vary"]
    assert "Banjir di Kota Kupang" in gzip.decompress(first.content).decode()
    assert first["ETag"].startswith('W/"')
    assert again.status_code == 304


def test_without_gzip_in_accept_encoding_the_page_is_plain(client):
    outlet = make_outlet(slug="kabar")
    make_article(outlet, title="Banjir di Kota Kupang")

    response = client.get("/kabar/", headers={"accept-encoding": "identity"})

    assert not response.has_header("Content-Encoding")
    assert "Banjir di Kota Kupang" in response.text


def test_feeds_and_sitemaps_are_gzipped_too(client):
    outlet = make_outlet(slug="kabar")
    make_article(outlet)

    for path in ("/kabar/feed/", "/sitemap.xml"):
        response = client.get(path, headers=GZIP)
        assert response["Content-Encoding"] == "gzip", path
        assert gzip.decompress(response.content).startswith(b"<?xml"), path


def test_photos_are_not_compressed_again(client):
    article = make_article(make_outlet(slug="kabar"))
    buffer = BytesIO()
    Image.new("RGB", (900, 600), "#336699").save(buffer, "JPEG")
    article.image.save("foto.jpg", ContentFile(buffer.getvalue()), save=True)
    [small, *_] = make_renditions(article)

    response = client.get(f"/media/{small['webp']}", headers=GZIP)

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
