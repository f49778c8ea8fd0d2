"""The public pages' Jinja2 templates: escaping, Indonesian strings, inline styles the CSP
allows, and addresses that follow the host a page is served on."""

import base64
import hashlib
from datetime import UTC, datetime

import pytest
from django.template import engines
from django.urls import reverse, set_urlconf

from articles.site.jinja import url
from articles.site.routing import host_urlconf
from tests.factories import make_article, make_outlet, make_rubric
from tests.pages import parse, text

pytestmark = pytest.mark.django_db


def _digest(css: str) -> str:
    return base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()


def test_a_headline_with_markup_is_printed_as_text_on_every_page(client):
    outlet = make_outlet(slug="kabar")
    article = make_article(outlet, title='<b>Banjir</b> & "hujan" di Kupang')

    for path in ["/", "/kabar/", "/kabar/?page=1", article.get_absolute_url()]:
        response = client.get(path)

        assert b"<b>Banjir</b>" not in response.content, path
        assert '<b>Banjir</b> & "hujan" di Kupang' in parse(response).text_content()


def test_public_strings_are_indonesian_whatever_the_browser_asks(client):
    make_outlet(slug="kabar")

    doc = parse(client.get("/kabar/?page=1", HTTP_ACCEPT_LANGUAGE="en"))

    assert text(doc, "//a[@class='skip-link']") == "Langsung ke konten"
    assert text(doc, "//form[@role='search']//button") == "Cari"


def test_each_inline_style_is_allowed_by_the_hash_of_its_own_text(client):
    make_outlet(slug="kabar", primary_colour="#0b2e59")
    make_outlet(slug="timor", primary_colour="#ffff00")

    for path in ["/", "/kabar/", "/timor/?page=1"]:
        response = client.get(path)
        styles = parse(response).xpath("//style/text()")

        assert styles, path
        for css in styles:
            assert f"'sha256-{_digest(css)}'" in response["Content-Security-Policy"]


def test_an_inline_style_records_its_hash_on_the_request():
    class Request:
        pass

    request = Request()
    template = engines["jinja2"].from_string(
        "{% call inline_style() %}:root{ --brand:#000000; }{% endcall %}"
    )

    html = template.render({"request": request})

    assert html == "<style>:root{ --brand:#000000; }</style>"
    assert request.csp_style_hashes == [
        f"'sha256-{_digest(':root{ --brand:#000000; }')}'"
    ]


def test_template_addresses_follow_the_host_they_are_printed_for():
    kabar, timor = make_outlet(slug="kabar"), make_outlet(slug="timor")
    rubric = make_rubric(kabar, "Hukum")
    names = [
        ("articles:outlet", {"outlet": "kabar"}),
        ("articles:rubric", {"outlet": "kabar", "slug": rubric.slug}),
        ("articles:outlet", {"outlet": "timor"}),
        ("articles:network", {}),
    ]
    try:
        for urlconf in [None, host_urlconf(kabar.slug), host_urlconf(timor.slug)]:
            set_urlconf(urlconf)
            for name, kwargs in names:
                # Twice: the second answer comes from the memo.
                assert url(name, **kwargs) == reverse(name, kwargs=kwargs)
                assert url(name, **kwargs) == reverse(name, kwargs=kwargs)
    finally:
        set_urlconf(None)

    set_urlconf(host_urlconf(kabar.slug))
    try:
        assert url("articles:outlet", outlet="kabar") == "/"
        assert url("articles:outlet", outlet="timor") == "/timor/"
    finally:
        set_urlconf(None)
    assert url("articles:outlet", outlet="kabar") == "/kabar/"


def test_a_story_address_is_the_detail_route_on_every_host():
    kabar, timor = make_outlet(slug="kabar"), make_outlet(slug="timor")
    stories = [
        make_article(kabar, published_at=datetime(2024, 3, 9, 23, 30, tzinfo=UTC)),
        make_article(timor, published_at=datetime(999, 1, 2, 3, 4, tzinfo=UTC)),
    ]
    try:
        for urlconf in [None, host_urlconf(kabar.slug), host_urlconf(timor.slug)]:
            set_urlconf(urlconf)
            for story in stories:
                day = story.published_on
                expected = reverse(
                    "articles:detail",
                    kwargs={
                        "outlet": story.outlet.slug,
                        "year": day.year,
                        "month": day.month,
                        "day": day.day,
                        "slug": story.slug,
                    },
                )

                assert story.get_absolute_url() == expected
                assert story.outlet.get_absolute_url() == reverse(
                    "articles:outlet", kwargs={"outlet": story.outlet.slug}
                )
    finally:
        set_urlconf(None)


def test_a_summary_shows_the_text_as_written_not_its_html_entities(client):
    outlet = make_outlet(slug="kabar")
    article = make_article(
        outlet, lead="", body="<p>Koperasi Tani &amp; Nelayan &lt;Maju&gt; dibuka.</p>"
    )

    listed = parse(client.get("/kabar/?page=1"))
    page = parse(client.get(article.get_absolute_url()))
    feed = client.get("/kabar/feed/").content.decode()

    written = "Koperasi Tani & Nelayan <Maju> dibuka."
    assert text(listed, "//p[@class='summary']") == written
    assert page.xpath("//meta[@name='description']/@content") == [written]
    assert "Koperasi Tani &amp; Nelayan &lt;Maju&gt; dibuka." in feed
