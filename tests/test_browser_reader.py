"""A reader's walk through the sites in real headless Chromium."""

from urllib.parse import quote, unquote, urlsplit

import pytest

from articles.models import EditorRole, OutletStyle
from tests.factories import make_article, make_editor, make_outlet, make_rubric

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
        published_at=earlier.published_at,
        rubric=hukum,
        body="".join(f"<p>Paragraf {n} sidang.</p>" for n in range(1, 5)),
    )
    story.related.set([earlier])
    make_article(outlet, title="Bola voli antar desa", rubric=olahraga)
    editor = make_editor(outlet, EditorRole.CHIEF, credit_name="Benediktus Tefa")
    editor.memberships.update(on_masthead=True)
    return earlier.title, story.title


def test_a_reader_browses_filters_reads_follows_baca_juga_and_searches(
    live_server, stories, page
):
    earlier, story = stories

    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Pos-Kupang").click()
    page.wait_for_url("**/pos-kupang/")
    assert page.locator(".lead-story-title").inner_text() == "Bola voli antar desa"

    page.get_by_role("link", name="Indeks berita").click()
    page.wait_for_url("**/pos-kupang/?page=1")
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


def test_a_phone_reader_opens_the_lead_story_browses_a_rubric_shares_and_finds_redaksi(
    live_server, stories, browser
):
    earlier, story = stories
    phone = browser.new_page(
        viewport={"width": 390, "height": 844}, locale="id-ID", has_touch=True
    )
    phone.set_default_timeout(10_000)

    phone.goto(live_server.url + "/")
    phone.get_by_role("link", name="Pos-Kupang").click()
    phone.wait_for_url("**/pos-kupang/")
    lead = phone.locator(".lead-story-title a")
    lead_title = lead.inner_text()
    lead.tap()
    assert phone.locator("h1").inner_text() == lead_title

    menu = phone.get_by_role("navigation", name="Rubrik")
    menu.get_by_role("link", name="Hukum").tap()
    phone.wait_for_url("**/pos-kupang/rubrik/hukum/")
    assert sorted(phone.locator("h2.card-title").all_inner_texts()) == sorted(
        [earlier, story]
    )
    phone.get_by_role("link", name=story).tap()
    assert phone.locator("h1").inner_text() == story
    article_url = phone.url
    phone.locator(".baca-juga a").tap()
    assert phone.locator("h1").inner_text() == earlier
    phone.go_back()

    whatsapp = phone.get_by_role("link", name="WhatsApp")
    href = whatsapp.get_attribute("href")
    assert href.startswith("https://wa.me/?text=")
    assert quote(urlsplit(article_url).path, safe="") in href or (
        urlsplit(article_url).path in unquote(href)
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("link", name="Redaksi").tap()
    phone.wait_for_url("**/pos-kupang/redaksi/")
    assert phone.locator("h1").inner_text() == "Redaksi"
    assert "Benediktus Tefa" in phone.locator(".masthead-list").inner_text()
