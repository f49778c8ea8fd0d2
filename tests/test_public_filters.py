"""List filters: combinable, kept across pages, and forgiving of bad input."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import (
    make_article,
    make_author,
    make_outlet,
    make_region,
    make_rubric,
    make_tag,
)
from tests.pages import parse, texts

pytestmark = pytest.mark.django_db

WITA = ZoneInfo("Asia/Makassar")


@pytest.fixture
def outlet():
    return make_outlet(slug="kabar")


def _titles(client, url):
    return texts(parse(client.get(url)), "//h2[@class='card-title']")


def _on(day):
    return datetime(2024, 3, day, 10, 0, tzinfo=WITA)


def test_filters_combine_rubric_region_tag_author_dates_and_text(client, outlet):
    hukum, olahraga = make_rubric(outlet, "Hukum"), make_rubric(outlet, "Olahraga")
    belu, tag = make_region(outlet, "Belu"), make_tag(outlet, "Narkoba")
    author = make_author("Maria Bria")
    target = make_article(
        outlet,
        title="Sidang narkoba di Atambua",
        rubric=hukum,
        region=belu,
        tags=[tag],
        authors=[author],
        published_at=_on(10),
    )
    make_article(outlet, title="Sidang lain", rubric=hukum, published_at=_on(10))
    make_article(outlet, title="Bola di Atambua", rubric=olahraga, region=belu)
    make_article(
        outlet,
        title="Sidang narkoba lama",
        rubric=hukum,
        region=belu,
        tags=[tag],
        authors=[author],
        published_at=_on(1),
    )

    query = (
        f"?rubric=hukum&region=belu&tag=narkoba&author={author.slug}"
        "&date_from=2024-03-05&date_to=2024-03-20&q=sidang"
    )

    assert _titles(client, f"/kabar/{query}") == [target.title]
    assert set(_titles(client, "/kabar/?rubric=hukum")) == {
        "Sidang narkoba di Atambua",
        "Sidang lain",
        "Sidang narkoba lama",
    }
    assert _titles(client, "/kabar/?date_to=2024-03-05") == ["Sidang narkoba lama"]
    assert _titles(client, "/kabar/wilayah/belu/?rubric=olahraga") == [
        "Bola di Atambua"
    ]


def test_an_author_with_two_roles_on_one_article_lists_it_once(client, outlet):
    from articles.models import ArticleCredit, CreditRole

    author = make_author("Frans Taek")
    article = make_article(outlet, authors=[author])
    ArticleCredit.objects.create(
        article=article, author=author, role=CreditRole.PHOTOGRAPHER, order=1
    )

    assert _titles(client, f"/kabar/?author={author.slug}") == [article.title]
    assert _titles(client, f"/kabar/penulis/{author.slug}/") == [article.title]


def test_filters_are_kept_in_pagination_links(client, outlet):
    rubric = make_rubric(outlet, "Hukum")
    for n in range(45):
        make_article(outlet, title=f"Hukum {n}", rubric=rubric)

    doc = parse(client.get("/kabar/?rubric=hukum&q=hukum&page=2"))

    assert doc.xpath("//a[@rel='next']/@href") == ["?rubric=hukum&q=hukum&page=3"]
    assert doc.xpath("//a[@rel='prev']/@href") == ["?rubric=hukum&q=hukum&page=1"]
    assert doc.xpath("//select[@name='rubric']/option[@selected]/@value") == ["hukum"]
    assert doc.xpath("//form[@class='filters']//input[@name='q']/@value") == ["hukum"]


@pytest.mark.parametrize(
    "query",
    [
        "?date_from=kemarin",
        "?date_to=2024-13-45",
        "?rubric=tidak-ada",
        "?region=<script>",
        "?tag=a%20b",
        "?author=%00",
    ],
)
def test_invalid_filter_values_give_an_empty_list_and_a_message(client, outlet, query):
    make_article(outlet, title="Ada")

    response = client.get(f"/kabar/{query}")

    assert response.status_code == 200
    doc = parse(response)
    assert texts(doc, "//h2[@class='card-title']") == []
    assert doc.xpath("//div[@class='message' and @role='alert']")


def test_a_day_filter_uses_the_outlet_zone_publication_date(client, outlet):
    # 23:30 WIB on the 9th is already the 10th in WITA, the outlet's zone.
    make_article(
        outlet,
        title="Larut malam",
        published_at=datetime(2024, 3, 9, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta")),
    )

    assert _titles(client, "/kabar/?date_from=2024-03-10&date_to=2024-03-10") == [
        "Larut malam"
    ]


def test_the_form_shows_the_readers_values_and_points_invalid_fields_to_their_error(
    client, outlet
):
    make_rubric(outlet, "Hukum")

    doc = parse(
        client.get(
            "/kabar/?q=banjir&date_from=2024-03-05&date_to=kemarin&rubric=tidak-ada"
            "&region=belu"
        )
    )

    form = doc.xpath("//form[@class='filters']")[0]
    assert form.xpath(".//input[@name='q']/@value") == ["banjir"]
    assert form.xpath(".//input[@name='date_from']/@value") == ["2024-03-05"]
    # The date picker cannot show what a reader typed into the address: left empty.
    assert form.xpath(".//input[@name='date_to']/@value") == []
    assert form.xpath(".//input[@type='hidden' and @name='region']/@value") == ["belu"]
    assert form.xpath(".//select[@name='rubric']/option[@selected]") == []
    assert sorted(form.xpath(".//*[@aria-invalid='true']/@name")) == [
        "date_to",
        "rubric",
    ]
    for error_id in form.xpath(".//*[@aria-invalid='true']/@aria-describedby"):
        assert doc.xpath(f"//div[@role='alert']//li[@id='{error_id}']")
    for field in form.xpath(".//input[@type!='hidden'] | .//select"):
        assert form.xpath(f".//label[@for='{field.get('id')}']"), field.get("name")


def test_an_unfiltered_list_selects_all_rubrics_and_marks_nothing_invalid(
    client, outlet
):
    make_rubric(outlet, "Hukum")

    form = parse(client.get("/kabar/?page=1")).xpath("//form[@class='filters']")[0]

    assert form.xpath(".//select[@name='rubric']/option[@selected]/@value") == [""]
    assert form.xpath(".//select[@name='rubric']/option/@value") == ["", "hukum"]
    assert form.xpath(".//*[@aria-invalid]") == []
    assert form.xpath(".//input[@name='q']/@value") == []
