"""A story's whole life in a real browser: written, reviewed, published, read."""

import re

import pytest

from articles.models import EditorRole
from tests.factories import PASSWORD, make_editor, make_outlet

# serialized_rollback: the role groups' permissions come from a data migration, which
# an earlier transactional test's flush removes.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADLINE = "Polres Kupang Kota Buka Posko Mudik di Terminal Oebobo"


@pytest.fixture
def newsroom():
    """An outlet with a reporter and an editor, made before Playwright starts."""
    outlet = make_outlet(name="Pos-Kupang", slug="pos-kupang")
    reporter = make_editor(outlet, EditorRole.REPORTER)
    editor = make_editor(outlet, EditorRole.EDITOR)
    return outlet.pk, reporter.user.username, editor.user.username


def log_in(browser, live_server, username):
    page = browser.new_context(locale="id-ID").new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def test_a_reporter_files_an_editor_publishes_and_a_reader_sees_it(
    live_server, newsroom, browser
):
    outlet_pk, reporter, editor = newsroom
    home = f"{live_server.url}/pos-kupang/"

    # The reporter writes the story in the admin and sends it to review.
    desk = log_in(browser, live_server, reporter)
    desk.goto(f"{live_server.url}/admin/articles/article/add/")
    desk.select_option("#id_outlet", str(outlet_pk))
    desk.fill("#id_title", HEADLINE)
    body = desk.locator(".prose-editor .tiptap")
    body.click()
    body.press_sequentially(
        "Polres Kupang Kota membuka posko mudik di Terminal Oebobo."
    )
    body.press("Enter")
    body.press_sequentially("Posko dijaga personel gabungan selama 24 jam.")
    desk.click("input[name=_continue]")
    change_url = desk.url
    desk.click("#move-submit button")
    assert (
        desk.locator(".messagelist li.success").inner_text()
        == "Dikirim untuk diperiksa."
    )

    # Before approval a reader finds nothing.
    reader = browser.new_context(locale="id-ID").new_page()
    reader.goto(home)
    assert HEADLINE not in reader.content()

    # The editor approves and publishes it.
    review = log_in(browser, live_server, editor)
    review.goto(change_url)
    review.click("#move-publish button")
    assert review.locator(".messagelist li.success").inner_text() == "Diterbitkan."

    # The reader sees it on the outlet's home and opens it.
    reader.goto(home)
    reader.get_by_role("link", name=HEADLINE).click()
    reader.wait_for_url(re.compile(r"/pos-kupang/\d{4}/\d{2}/\d{2}/"))
    assert "Posko dijaga personel gabungan selama 24 jam." in reader.content()
