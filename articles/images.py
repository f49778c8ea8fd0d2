"""Every image the newsroom stores: uploads checked and re-encoded, and article renditions.

Uploads (article photo, outlet logo, author photo) go through `PhotoField`: its form field
runs `clean_upload`, which refuses what is not a plain photo and re-encodes the rest, so
no metadata (EXIF location) reaches storage. Call `make_renditions(article)` after saving
a new article image (the admin does); pages only read `article.image_renditions` and never
touch Pillow.
"""

import contextvars
import hashlib
import re
import struct
import warnings
from contextlib import contextmanager
from functools import partial
from io import BytesIO
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.validators import FileExtensionValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# Far below Pillow's own bomb limit (89 MP): a 40 MP photo is already a large original,
# and decoding one takes about 160 MB.
MAX_PIXELS = 40_000_000
MAX_BYTES = 15 * 1024 * 1024
# Pillow format -> the extension it is stored under, and how it is re-encoded.
UPLOAD_FORMATS = {
    "JPEG": ("jpg", {"quality": 90}),
    "PNG": ("png", {"optimize": True}),
    "WEBP": ("webp", {"quality": 90}),
    "GIF": ("gif", {}),
}
UPLOAD_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]

# 320 for thumbnails on phones, 800 and 1200 for the lead photo on phones and wider.
WIDTHS = (320, 480, 800, 1200)
FORMATS = {"webp": ("WEBP", {"quality": 80}), "jpeg": ("JPEG", {"quality": 82})}
DIGEST_LENGTH = 12
_RENDITION_NAME = re.compile(
    rf"^renditions/[0-9]+/[^/]+-[0-9]+\.[0-9a-f]{{{DIGEST_LENGTH}}}\.(?:webp|jpg)$"
)


def make_renditions(article, widths=WIDTHS) -> list[dict]:
    """Write WebP and JPEG copies of `article.image` at `widths` and record them on the row.

    Widths larger than the original are skipped (the original width is used instead when
    the photo is smaller than all of them). Returns the stored list,
    `[{"width", "height", "webp", "jpeg"}, ...]` with storage names, narrowest first.
    """
    if not article.image:
        article.image_renditions, article.image_width, article.image_height = (
            [],
            None,
            None,
        )
    else:
        with article.image.open("rb") as source, Image.open(source) as opened:
            original = ImageOps.exif_transpose(opened).convert("RGB")
        stem = PurePosixPath(article.image.name).stem
        folder = f"renditions/{article.pk}"
        fitting = sorted({w for w in widths if w <= original.width} or {original.width})
        renditions = []
        for width in fitting:
            height = round(original.height * width / original.width)
            resized = original.resize((width, height), Image.Resampling.LANCZOS)
            entry = {"width": width, "height": height}
            for key, (pil_format, options) in FORMATS.items():
                buffer = BytesIO()
                resized.save(buffer, pil_format, **options)
                data = buffer.getvalue()
                # Named after its bytes: an address never shows other bytes, so
                # browsers and CDNs may keep a rendition for good (see is_rendition).
                digest = hashlib.sha256(data).hexdigest()[:DIGEST_LENGTH]
                extension = "jpg" if key == "jpeg" else key
                name = f"{folder}/{stem}-{width}.{digest}.{extension}"
                if default_storage.exists(name):
                    default_storage.delete(name)
                entry[key] = default_storage.save(name, ContentFile(data))
                _remember(entry[key], partial(_names_rendition, article, entry[key]))
            renditions.append(entry)
        article.image_renditions = renditions
        article.image_width, article.image_height = original.width, original.height
    if article.pk:
        type(article).objects.filter(pk=article.pk).update(
            image_renditions=article.image_renditions,
            image_width=article.image_width,
            image_height=article.image_height,
            updated_at=timezone.now(),
        )
    return article.image_renditions


def is_rendition(name: str) -> bool:
    """Whether storage name `name` is a rendition named after its bytes (never rewritten
    with other content), as `make_renditions` names them."""
    return _RENDITION_NAME.match(name) is not None


# How long browsers and CDNs keep an upload: a rendition is named after its bytes, so for
# good; an original (logo, author's photo) is never overwritten either, but a name freed
# by a deletion could come back with other bytes, so a day.
RENDITION_MAX_AGE = 365 * 24 * 3600
UPLOAD_MAX_AGE = 24 * 3600


def cache_control(name: str) -> str:
    """The `Cache-Control` of the stored file `name`, wherever it is served from: the
    media view (files on disk) or the bucket (newsroom.storage)."""
    if is_rendition(name):
        return f"public, max-age={RENDITION_MAX_AGE}, immutable"
    return f"public, max-age={UPLOAD_MAX_AGE}"


def _names_rendition(article, name: str) -> bool:
    """Whether the article's stored row still lists rendition `name`."""
    rows = type(article).objects.filter(pk=article.pk)
    listed = rows.values_list("image_renditions", flat=True).first() or []
    return any(name in entry.values() for entry in listed)


def clean_upload(upload):
    """A checked, re-encoded copy of an uploaded photo, or a ValidationError saying why not.

    Checks size and pixel count before decoding, decodes the whole image (a truncated file
    fails here, not later while making renditions), refuses bytes hidden after the image
    (a GIF/JS polyglot), and writes a fresh file without metadata.
    """
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB."),
            code="too_large",
            params={"limit": MAX_BYTES // (1024 * 1024)},
        )
    upload.seek(0)
    data = upload.read()
    try:
        with warnings.catch_warnings():
            # The pixel count is refused below, with a message, far under Pillow's limit.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            opened = Image.open(BytesIO(data))
        with opened:
            if opened.format not in UPLOAD_FORMATS:
                raise ValidationError(_NOT_A_PHOTO, code="format")
            width, height = opened.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The image is %(width)d×%(height)d pixels; at most %(limit)d "
                        "megapixels are accepted."
                    ),
                    code="too_many_pixels",
                    params={
                        "width": width,
                        "height": height,
                        "limit": MAX_PIXELS // 1_000_000,
                    },
                )
            opened.load()
            pil_format = opened.format
            if _has_trailing_bytes(pil_format, data):
                raise ValidationError(_NOT_A_PHOTO, code="trailing_data")
            extension, options = UPLOAD_FORMATS[pil_format]
            photo = ImageOps.exif_transpose(opened)
            icc_profile = opened.info.get("icc_profile")
    except ValidationError:
        raise
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        # Pillow's word for a broken file: UnidentifiedImageError, "image file is
        # truncated", a bad header.
        raise ValidationError(_NOT_A_PHOTO, code="invalid") from exc
    if pil_format == "JPEG" and photo.mode not in ("RGB", "L"):
        photo = photo.convert("RGB")
    photo.info = {}  # comments, XMP and EXIF stay behind
    if icc_profile and pil_format != "GIF":
        options = {**options, "icc_profile": icc_profile}
    buffer = BytesIO()
    photo.save(buffer, pil_format, **options)
    stem = PurePosixPath(upload.name or "foto").stem or "foto"
    cleaned = ContentFile(buffer.getvalue(), name=f"{stem}.{extension}")
    cleaned.is_cleaned_photo = (
        True  # not re-encoded a second time on its way to storage
    )
    return cleaned


_NOT_A_PHOTO = _(
    "This file is not a usable photo: upload a complete JPEG, PNG, WebP or GIF image."
)


def _has_trailing_bytes(pil_format: str, data: bytes) -> bool:
    """Whether anything follows the image's own end (a script riding along, say).

    JPEG is let through: phones append their own data after the image, and re-encoding
    drops it anyway.
    """
    if pil_format == "PNG":
        end = data.rfind(b"IEND")
        return end == -1 or len(data) > end + 8
    if pil_format == "WEBP":
        (size,) = struct.unpack("<I", data[4:8])
        return len(data) > 8 + size + (size & 1)
    if pil_format == "GIF":
        return len(data) > _gif_end(data)
    return False


def _gif_end(data: bytes) -> int:
    """The offset just past a GIF's trailer byte, walking its blocks."""
    position = 13
    packed = data[10]
    if packed & 0x80:
        position += 3 * 2 ** ((packed & 7) + 1)
    while position < len(data):
        block = data[position]
        if block == 0x3B:  # trailer
            return position + 1
        if block == 0x21:  # extension: label, then sub-blocks
            position = _skip_sub_blocks(data, position + 2)
        elif block == 0x2C:  # image descriptor, local colour table, LZW code size
            packed = data[position + 9]
            position += 10
            if packed & 0x80:
                position += 3 * 2 ** ((packed & 7) + 1)
            position = _skip_sub_blocks(data, position + 1)
        else:
            return position
    return position


def _skip_sub_blocks(data: bytes, position: int) -> int:
    while position < len(data) and data[position]:
        position += data[position] + 1
    return position + 1


class PhotoFormField(forms.FileField):
    """A photo upload, checked and re-encoded by `clean_upload`."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.ClearableFileInput(
                attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else clean_upload(upload)


# Files stored during the current request, as (storage name, "is a row still naming
# it?"); see `discard_rolled_back_uploads`.
_stored_files = contextvars.ContextVar("stored_files", default=None)


def _remember(name: str, is_kept) -> None:
    stored = _stored_files.get()
    if stored is not None:
        stored.append((name, is_kept))


class PhotoFieldFile(models.fields.files.ImageFieldFile):
    def save(self, name, content, save=True):
        # Whatever path stores a photo (the admin, a shell, a future import), it is
        # checked and re-encoded first, so no original with its metadata reaches storage.
        if not getattr(content, "is_cleaned_photo", False):
            content.name = name
            content = clean_upload(content)
            name = content.name
        super().save(name, content, save)


class PhotoField(models.ImageField):
    """An image column whose uploads go through `clean_upload`."""

    attr_class = PhotoFieldFile

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [FileExtensionValidator(UPLOAD_EXTENSIONS)])
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PhotoFormField, **kwargs})

    def pre_save(self, model_instance, add):
        file = getattr(model_instance, self.attname)
        fresh = bool(file) and not file._committed
        file = super().pre_save(model_instance, add)
        if fresh:
            rows = type(model_instance)._default_manager.filter(
                **{self.name: file.name}
            )
            _remember(file.name, rows.exists)
        return file


@contextmanager
def discard_rolled_back_uploads():
    """Delete the files (uploads, renditions) stored inside the block that no row names.

    A file is written while its row is saved, inside the request's transaction; when
    that transaction rolls back, the file would stay in storage with nothing naming it.
    """
    stored = []
    token = _stored_files.set(stored)
    try:
        yield
    finally:
        _stored_files.reset(token)
        for name, is_kept in stored:
            if not is_kept():
                default_storage.delete(name)


class UploadRollbackMiddleware:
    """Runs every request inside `discard_rolled_back_uploads`."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with discard_rolled_back_uploads():
            return self.get_response(request)
