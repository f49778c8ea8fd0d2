"""Photo uploads (article image, outlet logo, author photo): one check, one re-encode."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from articles import images
from articles.models import Article, ArticleStatus, Author, Outlet
from tests.factories import change_form_data, make_article, make_editor, make_outlet

pytestmark = pytest.mark.django_db

NOT_A_PHOTO = "bukan foto yang dapat dipakai"


def _encoded(fmt="JPEG", size=(64, 48), **options) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "#0b2e59").save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` (as a decompression bomb does)."""
    data = bytearray(_encoded("PNG", (1, 1)))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


def _gif_js_polyglot() -> bytes:
    """A GIF that is also a script: `GIF89a/*...*/=alert(1);` after the trailer."""
    gif = bytearray(_encoded("GIF", (8, 8)))
    return bytes(gif) + b"*/=alert(document.domain);"


def _gps_jpeg() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (10.0, 9.0, 30.0)
    return _encoded("JPEG", (640, 480), exif=exif)


def _upload(name, content, content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# Every model's photo column, through the form the admin builds for it.
PHOTO_FORMS = [(Article, "image"), (Outlet, "logo"), (Author, "photo")]


def _field_errors(model, field, upload):
    form_class = modelform_factory(model, fields=[field])
    form = form_class(data={}, files={field: upload})
    form.is_valid()
    return " ".join(form.errors.get(field, []))


@pytest.mark.parametrize(("model", "field"), PHOTO_FORMS)
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("rusak.jpg", _encoded("JPEG", (800, 600))[:1500]),
        ("poliglot.gif", _gif_js_polyglot()),
        ("poliglot.pdf", _gif_js_polyglot()),
        ("catatan.jpg", b"bukan gambar, hanya teks"),
        (
            "gambar.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>1</script></svg>',
        ),
        ("dokumen.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("bom.png", _png_claiming(13000, 13000)),
        ("foto.bmp", _encoded("BMP")),
        ("foto.tiff", _encoded("TIFF")),
    ],
)
def test_what_is_not_a_plain_photo_is_a_form_error(
    settings, model, field, name, content
):
    settings.LANGUAGE_CODE = "id"

    errors = _field_errors(model, field, _upload(name, content))

    assert errors, name
    assert "Traceback" not in errors


def test_the_error_says_why_in_indonesian():
    errors = _field_errors(Article, "image", _upload("rusak.jpg", b"teks"))
    assert NOT_A_PHOTO in errors

    errors = _field_errors(
        Article, "image", _upload("bom.png", _png_claiming(13000, 13000))
    )
    assert "13000×13000" in errors and "megapiksel" in errors


def test_a_file_over_the_byte_limit_is_refused(monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1024 * 1024)

    errors = _field_errors(
        Outlet, "logo", _upload("besar.jpg", b"\xff" * (1024 * 1024 + 1))
    )

    assert "lebih besar dari 1 MB" in errors


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
@pytest.mark.parametrize(("model", "field"), PHOTO_FORMS)
def test_every_allowed_format_is_accepted(model, field, fmt):
    name = f"foto.{fmt.lower()}"

    assert _field_errors(model, field, _upload(name, _encoded(fmt))) == ""


def test_no_exif_location_survives_anywhere_under_media(client, settings):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor.user)
    page = client.get(url)

    response = client.post(
        url, change_form_data(page, image=_upload("lokasi.jpg", _gps_jpeg()))
    )

    assert response.status_code == 302
    stored = [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()]
    assert len(stored) >= 3  # the original and its renditions
    for path in stored:
        raw = path.read_bytes()
        assert b"Exif" not in raw and b"KameraPonsel" not in raw, path
        with Image.open(path) as opened:
            assert not opened.getexif(), path


def test_a_save_that_fails_leaves_no_file_behind(client, settings, monkeypatch):
    from articles.admin import articles as article_admin

    def broken(article):
        raise RuntimeError("renditions failed")

    monkeypatch.setattr(article_admin, "make_renditions", broken)
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor.user)
    page = client.get(url)
    client.raise_request_exception = False

    response = client.post(
        url, change_form_data(page, image=_upload("foto.jpg", _encoded()))
    )

    assert response.status_code == 500
    article.refresh_from_db()
    assert not article.image
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_a_refused_upload_is_a_form_error_in_the_admin(client, settings):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=ArticleStatus.DRAFT, created_by=editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor.user)
    page = client.get(url)

    response = client.post(
        url,
        change_form_data(page, image=_upload("poliglot.pdf", _gif_js_polyglot())),
    )

    assert response.status_code == 200
    assert NOT_A_PHOTO in response.text
    assert not settings.MEDIA_ROOT.exists() or not any(
        p.is_file() for p in settings.MEDIA_ROOT.rglob("*")
    )


def test_a_photo_saved_outside_any_form_is_checked_and_re_encoded(settings):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    article = make_article()

    article.image.save("lokasi.jpg", ContentFile(_gps_jpeg()), save=True)

    raw = article.image.read()
    assert b"Exif" not in raw and b"KameraPonsel" not in raw
    with pytest.raises(ValidationError):
        article.image.save("poliglot.gif", ContentFile(_gif_js_polyglot()))
    assert [p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == [
        article.image.name.rsplit("/", 1)[-1]
    ]
