"""Photos on S3-compatible object storage (django-storages), against moto's S3 server.

scripts/with-services.sh starts `moto_server`; production points the same settings at
AWS S3 or MinIO.
"""

import json
import os
import uuid
from io import BytesIO

import boto3
import pytest
import requests
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from articles.images import make_renditions
from articles.models import Article
from newsroom.settings import media_storage
from tests.factories import make_article, make_outlet

pytestmark = [pytest.mark.needs("s3"), pytest.mark.django_db]


def public_read(bucket: str) -> dict:
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{bucket}/*",
            }
        ],
    }


@pytest.fixture
def s3_media(settings, monkeypatch):
    """STORAGES as settings make them from the environment, on a fresh moto bucket."""
    endpoint = os.environ["TEST_S3_ENDPOINT_URL"]
    environ = {
        "MEDIA_S3_BUCKET": f"foto-{uuid.uuid4().hex[:12]}",
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
    }
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.setenv(name, "uji")
    bucket = environ["MEDIA_S3_BUCKET"]
    s3 = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1")
    s3.create_bucket(Bucket=bucket)
    # Photos are public: the bucket lets anyone read them (README, Scaling).
    s3.put_bucket_policy(Bucket=bucket, Policy=json.dumps(public_read(bucket)))
    settings.STORAGES = {**settings.STORAGES, "default": media_storage(environ)}
    return environ


def test_a_photos_renditions_are_stored_in_the_bucket_and_served_from_it(s3_media):
    article = make_article(make_outlet())
    buffer = BytesIO()
    Image.new("RGB", (1000, 500), "#336699").save(buffer, "JPEG")
    article.image.save("foto.jpg", ContentFile(buffer.getvalue()), save=True)

    renditions = make_renditions(article)

    assert [r["width"] for r in renditions] == [320, 480, 800]
    stored = Article.objects.get(pk=article.pk)
    assert stored.image_renditions == renditions
    for rendition in renditions:
        url = default_storage.url(rendition["webp"])
        assert url.startswith(f"{s3_media['AWS_S3_ENDPOINT_URL']}/")
        response = requests.get(url, timeout=10)
        assert response.status_code == 200
        with Image.open(BytesIO(response.content)) as webp:
            assert (webp.format, webp.width) == ("WEBP", rendition["width"])
        # Kept for good by browsers and a CDN: its name is its bytes'.
        assert response.headers["Cache-Control"] == (
            "public, max-age=31536000, immutable"
        )
    original = requests.get(stored.image.url, timeout=10)
    # The original is stored re-encoded (articles.images.clean_upload), not byte for byte.
    with Image.open(BytesIO(original.content)) as photo:
        assert (photo.format, photo.size) == ("JPEG", (1000, 500))
    # A day: a name freed by a deletion could come back with other bytes.
    assert original.headers["Cache-Control"] == "public, max-age=86400"
