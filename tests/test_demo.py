import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article, ArticleViews, Author, Editor, Outlet

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Outlet, Editor, Author, Article, get_user_model())
    }


def test_demo_has_the_five_launch_outlets_with_their_zones(capsys):
    call_command("load_demo", stories=0)

    zones = dict(Outlet.objects.values_list("slug", "time_zone"))
    assert zones == {
        "tribratanews-ntt": "Asia/Makassar",
        "inews-ttu": "Asia/Makassar",
        "pos-kupang": "Asia/Makassar",
        "blitar-update": "Asia/Jakarta",
        "beritanasional": "Asia/Jakarta",
    }
    assert Outlet.objects.get(slug="pos-kupang").brand_label == "POS-KUPANG.COM"


def test_the_demo_archive_fills_every_page_type_with_photos(client):
    call_command("load_demo", stdout=io.StringIO())

    now = timezone.now()
    for outlet in Outlet.objects.all():
        published = Article.objects.published().filter(outlet=outlet)
        assert published.count() >= 60, outlet
        oldest = published.order_by("published_at").first().published_at
        assert now - oldest > timedelta(days=600), outlet
        assert outlet.logo, outlet
        with_photo = published.exclude(image="").exclude(image_renditions=[])
        assert with_photo.count() >= 60, outlet
        article = with_photo.filter(tags__isnull=False, region__isnull=False).first()
        tag, region = article.tags.first(), article.region
        prefix = f"/{outlet.slug}"
        for path in (
            f"{prefix}/",
            f"{prefix}/?page=2",
            f"{prefix}/rubrik/{article.rubric.slug}/",
            f"{prefix}/wilayah/{region.slug}/",
            f"{prefix}/tag/{tag.slug}/",
            article.get_absolute_url(),
            f"{prefix}/redaksi/",
        ):
            assert client.get(path).status_code == 200, path
    assert ArticleViews.objects.exists()


def test_loading_the_demo_twice_creates_nothing_new():
    call_command("load_demo", stories=6)
    first = _counts()

    call_command("load_demo", stories=6)

    assert _counts() == first


def test_every_printed_demo_account_logs_in_to_the_admin(client, capsys):
    call_command("load_demo", stories=0)
    printed = capsys.readouterr().out
    accounts = [
        line.split()[:2]
        for line in printed.split("Demo accounts")[1].splitlines()[1:]
        if line.strip()
    ]

    assert len(accounts) == 16
    for username, password in accounts:
        # Through the login form: django-axes needs the request to count attempts.
        response = client.post(
            "/admin/login/",
            {"username": username, "password": password, "next": "/admin/"},
        )
        assert response.status_code == 302, username
        assert client.get("/admin/").status_code == 200, username
        client.logout()
