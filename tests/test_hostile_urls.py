"""Hostile addresses and query strings: a 404 or 400, never a 500."""

import pytest

from tests.factories import make_article, make_outlet

pytestmark = pytest.mark.django_db

HUGE = "9" * 20

HOSTILE_URLS = [
    f"/kabar/{HUGE}/01/01/x/",
    "/kabar/0000/01/01/x/",
    "/kabar/2024/13/01/x/",
    "/kabar/2024/02/30/x/",
    "/kabar/2024/00/00/x/",
    f"/pratinjau/{HUGE}/",
    f"/kabar/?page={HUGE}",
    "/kabar/?page=-1",
    "/kabar/?page=abc",
    "/kabar/?page=1e9",
    f"/kabar/cari/?q=berita&page={HUGE}",
    f"/kabar/?date_from={HUGE}-01-01",
    "/kabar/?date_from=2024-99-99",
    "/kabar/?date_from=0000-01-01&date_to=9999-12-31",
    f"/kabar/?date_to={HUGE}",
    "/kabar/?rubric=%00",
    "/kabar/?tag=x%00y",
    "/kabar/?author=" + "a" * 5000,
    "/kabar/cari/?q=%00",
    "/sitemap-nothing.xml",
    f"/sitemap-articles.xml?p={HUGE}",
    "/sitemap-articles.xml?p=-1",
    "/sitemap-articles.xml?p=abc",
    f"/sitemap.xml?p={HUGE}",
    f"/kabar/feed/?page={HUGE}",
    f"/kabar/rubrik/x/?page={HUGE}",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_address_is_refused_without_a_server_error(client, url):
    outlet = make_outlet(slug="kabar")
    make_article(outlet)

    response = client.get(url)

    assert response.status_code < 500, response.status_code


@pytest.mark.parametrize("url", [f"/pratinjau/{HUGE}/", f"/pratinjau/{HUGE * 5}/"])
def test_staff_preview_of_a_huge_number_is_not_found(client, url):
    from tests.factories import make_user

    client.force_login(make_user(is_superuser=True))

    assert client.get(url).status_code == 404


DESK_URLS = [
    f"/admin/articles/article/{HUGE}/change/",
    "/admin/articles/article/abc/change/",
    f"/admin/articles/article/{HUGE}/revisions/",
    "/admin/articles/article/{pk}/revisions/?a=" + HUGE + "&b=-" + HUGE,
    "/admin/articles/article/{pk}/revisions/?a=x&b=%00",
    "/admin/articles/article/{pk}/revisions/" + HUGE + "/restore/",
    f"/admin/articles/article/?p={HUGE}",
    "/admin/articles/article/?published_at__gte=" + HUGE,
    "/admin/articles/article/?o=" + HUGE,
    f"/admin/articles/outlet/{HUGE}/change/",
    f"/admin/articles/editor/{HUGE}/change/",
]


@pytest.mark.parametrize("url", DESK_URLS)
def test_hostile_desk_address_is_refused_without_a_server_error(client, url):
    from tests.factories import make_user

    article = make_article(make_outlet(slug="kabar"))
    client.force_login(make_user(is_superuser=True))

    response = client.get(url.format(pk=article.pk))

    assert response.status_code < 500, response.status_code
