"""Branded Indonesian error pages; the 500 page is pre-rendered and needs no database."""

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client

from articles.site import errors
from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db


@pytest.fixture
def outlet():
    return make_outlet(
        slug="kabar",
        name="Kabar Timor",
        primary_colour="#0b2e59",
        hostnames="kabartimor.example",
    )


@pytest.fixture
def static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.ALLOWED_HOSTS = ["testserver", "kabartimor.example"]
    return settings.STATIC_ROOT


def test_a_missing_page_is_the_outlets_own_indonesian_404(client, outlet):
    response = client.get("/kabar/tidak-ada/")

    assert response.status_code == 404
    assert '<html lang="id">' in response.text
    assert "Halaman tidak ditemukan" in response.text
    assert "Kabar Timor" in response.text
    assert "--brand:#0b2e59" in response.text
    assert 'href="/kabar/">Kembali ke beranda Kabar Timor</a>' in response.text


def test_a_missing_page_on_the_outlets_host_links_its_bare_home(
    client, settings, outlet
):
    settings.ALLOWED_HOSTS = ["kabartimor.example"]

    response = client.get("/tidak-ada/", HTTP_HOST="kabartimor.example")

    assert response.status_code == 404
    assert 'href="/">Kembali ke beranda Kabar Timor</a>' in response.text


def test_a_missing_page_off_any_outlet_is_the_networks_404(client):
    response = client.get("/tidak/ada/sama/sekali/")

    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.text
    assert 'href="/">Kembali ke beranda</a>' in response.text


def test_collectstatic_renders_each_outlets_500_page(static_root, outlet):
    call_command("collectstatic", "--noinput", verbosity=0)

    page = (static_root / "errors" / "500-kabar.html").read_text()
    assert '<html lang="id">' in page
    assert "Terjadi gangguan" in page and "Kabar Timor" in page
    assert "--brand:#0b2e59" in page
    assert 'href="//kabartimor.example/"' in page
    assert (static_root / "errors" / "500-network.html").exists()


class _DatabaseGone:
    """Lets the first `allowed` queries through, then fails every one after."""

    def __init__(self, allowed=0):
        self.allowed = allowed

    def __call__(self, execute, sql, params, many, context):
        if self.allowed <= 0:
            raise OperationalError("server closed the connection unexpectedly")
        self.allowed -= 1
        return execute(sql, params, many, context)


def _request_while_the_database_goes(url, allowed=0, **extra):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(_DatabaseGone(allowed)):
        return client.get(url, **extra)


@pytest.mark.parametrize("allowed", [0, 1, 2])
def test_a_database_that_goes_away_gives_the_outlets_503_page(
    static_root, outlet, allowed
):
    article = make_article(outlet)
    errors.render_error_pages()

    response = _request_while_the_database_goes(
        f"/kabar{article.get_absolute_url().removeprefix('/kabar')}", allowed
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Terjadi gangguan" in response.text and "Kabar Timor" in response.text
    assert "Traceback" not in response.text and "OperationalError" not in response.text


def test_the_500_page_is_picked_by_the_outlets_host_without_a_query(
    static_root, outlet
):
    errors.render_error_pages()

    response = _request_while_the_database_goes(
        "/apa-saja/", HTTP_HOST="kabartimor.example"
    )

    assert response.status_code == 503
    assert "Kabar Timor" in response.text


def test_the_500_pages_inline_style_passes_the_csp(static_root, outlet):
    errors.render_error_pages()

    response = _request_while_the_database_goes("/kabar/")

    [hash_] = errors.json.loads((static_root / "errors" / "index.json").read_text())[
        "pages"
    ]["kabar"]["style_hashes"]
    assert hash_ in response["Content-Security-Policy"]


def test_without_rendered_pages_the_500_is_still_indonesian(static_root):
    response = _request_while_the_database_goes("/")

    assert response.status_code == 503
    assert "Terjadi gangguan" in response.text


def test_a_crash_that_is_not_the_database_is_a_500(static_root, outlet, monkeypatch):
    from articles.site import views

    article = make_article(outlet)
    errors.render_error_pages()

    def crash(self, *args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(views.ArticleDetailView, "load", crash)
    client = Client(raise_request_exception=False)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 500
    assert "Kabar Timor" in response.text


def test_djangos_own_error_views_render_the_pages_without_their_context(rf):
    # A URLconf without the newsroom's handlers (the benchmark's) falls back to these.
    from django.views import defaults

    not_found = defaults.page_not_found(rf.get("/tidak-ada/"), Exception())
    error = defaults.server_error(rf.get("/"))

    assert not_found.status_code == 404
    assert "Halaman tidak ditemukan" in not_found.content.decode()
    assert error.status_code == 500
    assert "Newsroom" in error.content.decode()
