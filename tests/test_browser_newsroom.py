"""A story's whole life in a real browser: written, reviewed, published, read."""

import os
import re

import pytest

from articles.models import Article, ArticleStatus, EditorRole
from tests.conftest import CHROMIUM
from tests.factories import PASSWORD, make_editor, make_outlet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROME_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; Django's ORM must still work in-thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROME_ARGS
        )
        yield chromium
        chromium.close()


def log_in(browser, live_server, username):
    page = browser.new_context(locale="id-ID").new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_a_reporter_files_an_editor_publishes_and_a_reader_sees_it(
    browser, live_server
):
    outlet = make_outlet(name="Pos-Kupang", slug="pos-kupang")
    reporter = make_editor(outlet, EditorRole.REPORTER)
    editor = make_editor(outlet, EditorRole.EDITOR)
    headline = "Polres Kupang Kota Buka Posko Mudik di Terminal Oebobo"

    # The reporter writes the story in the admin and sends it to review.
    desk = log_in(browser, live_server, reporter.user.username)
    desk.goto(f"{live_server.url}/admin/articles/article/add/")
    desk.select_option("#id_outlet", str(outlet.pk))
    desk.fill("#id_title", headline)
    desk.fill(
        "#id_body",
        "Polres Kupang Kota membuka posko mudik di Terminal Oebobo.\n\n"
        "Posko dijaga personel gabungan selama 24 jam.",
    )
    desk.click("input[name=_continue]")
    desk.wait_for_selector("#move-submit")
    desk.click("#move-submit button")
    desk.wait_for_selector(".messagelist")
    article = Article.objects.get(title=headline)
    assert article.status == ArticleStatus.IN_REVIEW

    # Before approval a reader finds nothing.
    reader = browser.new_context(locale="id-ID").new_page()
    reader.goto(f"{live_server.url}/{outlet.slug}/")
    assert headline not in reader.content()

    # The editor approves and publishes it.
    review = log_in(browser, live_server, editor.user.username)
    review.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    review.click("#move-publish button")
    review.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED

    # The reader sees it on the outlet's home and opens it.
    reader.goto(f"{live_server.url}/{outlet.slug}/")
    reader.click(f"text={headline}")
    reader.wait_for_url(re.compile(rf"/{outlet.slug}/\d{{4}}/\d{{2}}/\d{{2}}/"))
    assert "Posko dijaga personel gabungan selama 24 jam." in reader.content()
