"""Responsive renditions of an article's photo, made once with Pillow when it is saved.

Call `make_renditions(article)` after saving a new image (the admin does); pages only
read `article.image_renditions` and never touch Pillow.
"""

from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageOps

WIDTHS = (480, 800, 1200)
FORMATS = {"webp": ("WEBP", {"quality": 80}), "jpeg": ("JPEG", {"quality": 82})}


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
                name = f"{folder}/{stem}-{width}.{'jpg' if key == 'jpeg' else key}"
                buffer = BytesIO()
                resized.save(buffer, pil_format, **options)
                if default_storage.exists(name):
                    default_storage.delete(name)
                entry[key] = default_storage.save(name, ContentFile(buffer.getvalue()))
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
