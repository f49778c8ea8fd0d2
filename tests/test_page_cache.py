"""The readers' page cache: kept for anonymous readers, fresh at once after every change."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleStatus, EditorRole, Outlet
from tests.factories import (
    change_form_data,
    make_article,
    make_editor,
    make_outlet,
    make_rubric,
)
from tests.pages import parse, texts

pytestmark = pytest.mark.django_db
S = ArticleStatus


def home(outlet):
    return reverse("articles:outlet", kwargs={"outlet": outlet.slug})


def behind_the_cache(article, **fields):
    """Change a row without telling the cache, to show a page came from it."""
    Article.objects.filter(pk=article.pk).update(**fields)


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what the cache does at commit (tests run inside one transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_readers_page_is_served_from_the_cache_with_cdn_headers(client, page_cache):
    outlet = make_outlet()
    article = make_article(outlet, title="Judul pertama")
    first = client.get(home(outlet))
    behind_the_cache(article, title="Judul diam-diam")

    again = client.get(home(outlet))

    assert "Judul pertama" in again.text
    assert "Judul diam-diam" not in again.text
    assert again["ETag"] == first["ETag"]
    control = again["Cache-Control"]
    assert "public" in control and "s-maxage=30" in control
    assert client.get(home(outlet), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_an_edit_in_the_admin_shows_on_cached_pages_at_once(
    client, page_cache, committing
):
    outlet = make_outlet()
    article = make_article(outlet, title="Korban tiga orang")
    pages = [home(outlet), article.get_absolute_url(), reverse("articles:network")]
    for page in pages:
        assert "Korban tiga orang" in client.get(page).text
    editor = make_editor(outlet)
    client.force_login(editor.user)
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = client.get(url)

    with committing():
        saved = client.post(
            url,
            change_form_data(
                form, title="Korban empat orang", correction_note="Jumlah korban."
            ),
        )
    client.logout()

    assert saved.status_code == 302
    for page in pages:
        text = client.get(page).text
        assert "Korban empat orang" in text
        assert "Korban tiga orang" not in text


def test_publishing_and_unpublishing_show_on_cached_pages_at_once(
    client, page_cache, committing
):
    outlet = make_outlet()
    make_article(outlet, title="Berita lama")
    article = make_article(outlet, status=S.IN_REVIEW, title="Berita baru")
    editor = make_editor(outlet)
    assert "Berita baru" not in client.get(home(outlet)).text

    with committing():
        article = workflow.publish(article, by=editor)

    assert "Berita baru" in client.get(home(outlet)).text
    assert client.get(article.get_absolute_url()).status_code == 200

    with committing():
        workflow.unpublish(article, by=editor)

    assert "Berita baru" not in client.get(home(outlet)).text
    assert client.get(article.get_absolute_url()).status_code == 404


def test_a_retraction_shows_on_the_cached_article_page_at_once(
    client, page_cache, committing
):
    outlet = make_outlet()
    article = make_article(outlet, title="Kabar keliru")
    chief = make_editor(outlet, EditorRole.CHIEF)
    assert "retraction" not in client.get(article.get_absolute_url()).text

    with committing():
        workflow.retract(article, by=chief, reason="Sumber tidak dapat dipastikan.")

    assert (
        "Sumber tidak dapat dipastikan." in client.get(article.get_absolute_url()).text
    )


def test_a_change_at_one_outlet_keeps_the_other_outlets_pages_cached(
    client, page_cache, committing
):
    changed, other = make_outlet(), make_outlet()
    article = make_article(changed, status=S.IN_REVIEW)
    kept = make_article(other, title="Judul tetap")
    client.get(home(other))
    behind_the_cache(kept, title="Judul diam-diam")

    with committing():
        workflow.publish(article, by=make_editor(changed))

    assert "Judul tetap" in client.get(home(other)).text


def test_an_outlets_settings_change_shows_at_once(client, page_cache, committing):
    outlet = make_outlet(name="Kabar Lama")
    make_article(outlet)
    assert "Kabar Lama" in client.get(home(outlet)).text
    admin = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(admin)
    url = reverse("admin:articles_outlet_change", args=[outlet.pk])
    form = client.get(url)
    data = change_form_data(form, name="Kabar Baru")

    with committing():
        assert client.post(url, data).status_code == 302
    client.logout()

    assert Outlet.objects.get(pk=outlet.pk).name == "Kabar Baru"
    assert "Kabar Baru" in client.get(home(outlet)).text


def test_an_outlets_new_host_and_rubric_show_at_once(
    client, page_cache, committing, settings
):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    outlet = make_outlet(slug="kabar", hostnames="lama.localhost")
    make_rubric(outlet, "Hukum")
    make_article(outlet)
    old_host = parse(client.get("/", HTTP_HOST="lama.localhost"))
    assert texts(old_host, "//nav[@class='rubrics']//a") == ["Beranda", "Hukum"]
    admin = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(admin)
    url = reverse("admin:articles_outlet_change", args=[outlet.pk])
    data = change_form_data(client.get(url), hostnames="baru.localhost")

    with committing():
        assert client.post(url, data).status_code == 302
        added = client.post(
            reverse("admin:articles_rubric_add"),
            {"outlet": outlet.pk, "name": "Politik", "slug": "politik"},
        )
        assert added.status_code == 302
    client.logout()

    new_host = parse(client.get("/", HTTP_HOST="baru.localhost"))
    assert texts(new_host, "//nav[@class='rubrics']//a") == [
        "Beranda",
        "Hukum",
        "Politik",
    ]
    # The old host is no outlet's any more: it serves the network's front page.
    left = parse(client.get("/", HTTP_HOST="lama.localhost"))
    assert not left.xpath("//nav[@class='rubrics']")
    assert client.get("/rubrik/politik/", HTTP_HOST="lama.localhost").status_code == 404


def test_a_deleted_outlets_host_is_nobodys_at_once(
    client, page_cache, committing, settings
):
    settings.ALLOWED_HOSTS = ["testserver", ".localhost"]
    outlet = make_outlet(slug="tutup", hostnames="tutup.localhost")
    assert client.get("/feed/", HTTP_HOST="tutup.localhost").status_code == 200
    admin = get_user_model().objects.create_superuser("chief", password="x")
    client.force_login(admin)

    with committing():
        url = reverse("admin:articles_outlet_delete", args=[outlet.pk])
        assert client.post(url, {"post": "yes"}).status_code == 302
    client.logout()

    assert client.get("/feed/", HTTP_HOST="tutup.localhost").status_code == 404
    assert client.get("/tutup/", HTTP_HOST="testserver").status_code == 404


def test_a_cached_page_ends_at_the_next_scheduled_publication(
    client, page_cache, committing
):
    outlet = make_outlet()
    make_article(outlet, title="Berita pagi")
    article = make_article(outlet, status=S.IN_REVIEW, title="Berita terjadwal")
    start = datetime(2026, 3, 2, 6, 0, tzinfo=outlet.zone)
    with time_machine.travel(start, tick=False), committing():
        workflow.publish(
            article, by=make_editor(outlet), at=start + timedelta(seconds=20)
        )

    with time_machine.travel(start, tick=False):
        page = client.get(home(outlet))
        assert "Berita terjadwal" not in page.text
        # A CDN too may keep it only until the publication.
        assert "s-maxage=20" in page["Cache-Control"]

    with time_machine.travel(start + timedelta(seconds=21), tick=False):
        assert "Berita terjadwal" in client.get(home(outlet)).text


def test_staff_never_see_cached_pages_nor_fill_the_cache(client, page_cache):
    outlet = make_outlet()
    article = make_article(outlet, title="Judul pertama")
    client.get(home(outlet))  # cached for readers
    behind_the_cache(article, title="Judul kedua")
    client.force_login(make_editor(outlet).user)

    staff_page = client.get(home(outlet))

    assert "Judul kedua" in staff_page.text
    assert "private" in staff_page["Cache-Control"]
    page_cache.clear()
    behind_the_cache(article, title="Judul ketiga")
    client.get(home(outlet))  # a staff request: must not fill the cache
    client.logout()
    assert "Judul ketiga" in client.get(home(outlet)).text


def test_the_page_cache_is_off_with_zero_seconds(client, page_cache, settings):
    settings.PAGE_CACHE_SECONDS = 0
    outlet = make_outlet()
    article = make_article(outlet, title="Judul pertama")
    client.get(home(outlet))
    behind_the_cache(article, title="Judul kedua")

    assert "Judul kedua" in client.get(home(outlet)).text


def test_with_a_replica_a_page_is_kept_only_once_the_replica_can_have_caught_up(
    client, page_cache, committing, monkeypatch, settings
):
    from newsroom import db

    monkeypatch.setattr(db, "has_replica", lambda: True)
    outlet = make_outlet()
    article = make_article(outlet, status=S.IN_REVIEW, title="Berita baru")
    start = datetime(2026, 3, 2, 6, 0, tzinfo=outlet.zone)
    with time_machine.travel(start, tick=False), committing():
        workflow.publish(article, by=make_editor(outlet))

    with time_machine.travel(start + timedelta(seconds=1), tick=False):
        client.get(home(outlet))  # may have come from a lagging replica: not kept
        behind_the_cache(article, title="Berita dibetulkan")
        assert "Berita dibetulkan" in client.get(home(outlet)).text

    lag_over = start + timedelta(seconds=settings.REPLICA_LAG_SECONDS + 1)
    with time_machine.travel(lag_over, tick=False):
        client.get(home(outlet))
        behind_the_cache(article, title="Berita diam-diam")
        assert "Berita dibetulkan" in client.get(home(outlet)).text


def test_an_imported_article_shows_on_cached_pages_at_once(
    client, page_cache, committing
):
    outlet = make_outlet()
    make_article(outlet, title="Berita lama")
    assert "Berita impor" not in client.get(home(outlet)).text
    imported = Article(
        outlet=outlet, title="Berita impor", slug="berita-impor", body="<p>Isi.</p>"
    )

    with committing():
        workflow.record_imports(
            [(imported, S.PUBLISHED, timezone.now() - timedelta(hours=2))]
        )

    assert "Berita impor" in client.get(home(outlet)).text
