"""A reader's walk through the sites in real headless Chromium."""

import pytest

from articles.models import OutletStyle
from tests.factories import make_article, make_outlet, make_rubric

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def page(stories, browser):
    page = browser.new_page(locale="id-ID")
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def stories():
    """The site's stories, written before Playwright starts (see conftest's `browser`)."""
    outlet = make_outlet(
        name="Pos-Kupang", slug="pos-kupang", style=OutletStyle.POS_KUPANG
    )
    make_outlet(name="Blitar Update", slug="blitar-update")
    hukum, olahraga = make_rubric(outlet, "Hukum"), make_rubric(outlet, "Olahraga")
    earlier = make_article(outlet, title="Pencurian ternak di Amarasi", rubric=hukum)
    story = make_article(
        outlet,
        title="Sidang perdana kasus ternak",
        rubric=hukum,
        body="".join(f"<p>Paragraf {n} sidang.</p>" for n in range(1, 5)),
    )
    story.related.set([earlier])
    make_article(outlet, title="Bola voli antar desa", rubric=olahraga)
    return earlier.title, story.title


def test_a_reader_browses_filters_reads_follows_baca_juga_and_searches(
    live_server, stories, page
):
    earlier, story = stories

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Pos-Kupang").click()
    page.wait_for_url("**/pos-kupang/")
    assert page.locator("h2.card-title").count() == 3

    filters = page.get_by_role("form", name="Saring berita")
    filters.get_by_label("Rubrik").select_option("hukum")
    filters.get_by_role("button", name="Saring").click()
    page.wait_for_url("**/pos-kupang/?*rubric=hukum*")
    titles = page.locator("h2.card-title").all_inner_texts()
    assert sorted(titles) == sorted([earlier, story])

    page.get_by_role("link", name=story).click()
    assert page.locator("h1").inner_text() == story
    page.locator(".baca-juga a").click()
    assert page.locator("h1").inner_text() == earlier

    page.get_by_role("search").get_by_label("Cari").fill("voli")
    page.get_by_role("search").get_by_role("button", name="Cari").click()
    page.wait_for_url("**/cari/?q=voli")
    assert page.locator("h2.card-title").all_inner_texts() == ["Bola voli antar desa"]
