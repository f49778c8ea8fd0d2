"""The desk in a real browser: a reporter writes with the rich-text editor and submits
in one click; an editor schedules it from the dashboard in WITA; readers see that time."""

import os
import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from articles.models import EditorRole, OutletZone
from tests.factories import PASSWORD, make_editor, make_outlet

# serialized_rollback: the role groups' permissions come from a data migration, which
# an earlier transactional test's flush removes.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADLINE = "Warga Kupang Gotong Royong Bersihkan Saluran Air"
# A list as Google Docs puts it on the clipboard.
PASTED_LIST = (
    '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
    '<ul style="margin-top:0"><li dir="ltr" style="list-style-type:disc">'
    '<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt">Kelurahan Oebobo'
    '</span></p></li><li dir="ltr"><p dir="ltr"><span style="font-size:11pt">Kelurahan '
    "Fatululi</span></p></li></ul></b>"
)


@pytest.fixture
def newsroom():
    """A WITA outlet with a reporter and an editor, made before Playwright starts."""
    outlet = make_outlet(
        name="Pos-Kupang", slug="pos-kupang", time_zone=OutletZone.WITA
    )
    reporter = make_editor(outlet, EditorRole.REPORTER, credit_name="Maria Bria")
    editor = make_editor(outlet, EditorRole.EDITOR)
    return reporter.user.username, editor.user.username


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def log_in(browser, live_server, username):
    # An English browser: the desk answers in Indonesian all the same.
    page = browser.new_context(
        locale="en-US", viewport={"width": 1280, "height": 900}
    ).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def write_story(desk):
    body = desk.locator(".prose-editor .tiptap")
    body.click()
    body.press_sequentially("Warga membersihkan saluran air ")
    desk.keyboard.press("Control+b")
    body.press_sequentially("sejak pagi")
    desk.keyboard.press("Control+b")
    body.press_sequentially(" bersama ")
    body.press_sequentially("lurah")
    for _ in range(5):
        desk.keyboard.press("Shift+ArrowLeft")
    # The menu enables the link button once it has seen the selection.
    desk.click(".prose-menubar button[data-name=link]:not(.disabled)")
    dialog = desk.locator("dialog[open]")
    dialog.wait_for()
    dialog.locator("input").first.fill("https://kupangkota.go.id/")
    dialog.locator("button[type=submit]").click()
    # The link is set once the dialog has closed; only then leave the selection.
    body.locator("a").wait_for()
    desk.locator("dialog[open]").wait_for(state="detached")
    # The editor gives the linked word back selected: collapse the selection before
    # typing on, or Enter would replace the word (and its link).
    body.focus()
    desk.keyboard.press("ArrowRight")
    desk.wait_for_function("() => window.getSelection().isCollapsed")
    desk.keyboard.press("Control+End")
    desk.keyboard.press("Enter")
    body.press_sequentially("Lokasi:")
    desk.keyboard.press("Enter")
    body.evaluate(
        """(element, html) => {
            const data = new DataTransfer();
            data.setData("text/html", html);
            data.setData("text/plain", "Kelurahan Oebobo\\nKelurahan Fatululi");
            element.dispatchEvent(new ClipboardEvent("paste", {
                clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        PASTED_LIST,
    )


def test_a_reporter_writes_and_submits_an_editor_schedules_in_wita_readers_see_it(
    live_server, newsroom, browser, shots
):
    reporter, editor = newsroom

    # The reporter writes with the editor: bold, a link, a pasted list; one click.
    desk = log_in(browser, live_server, reporter)
    desk.goto(f"{live_server.url}/admin/articles/article/add/")
    desk.fill("#id_title", HEADLINE)
    write_story(desk)
    assert desk.locator(".tiptap strong").inner_text().strip() == "sejak pagi"
    assert (
        desk.locator(".tiptap a").get_attribute("href") == "https://kupangkota.go.id/"
    )
    assert desk.locator(".tiptap ul li").count() == 2
    desk.click("input[name=_submit]")
    assert (
        desk.locator(".messagelist li.success").inner_text()
        == "Disimpan dan dikirim ke redaktur."
    )
    credits = desk.locator("#credits-group").inner_text()
    assert "Maria Bria" in credits
    assert "Penulis" in credits

    # The editor finds it on the dashboard and schedules it for tomorrow 9.00 WITA.
    review = log_in(browser, live_server, editor)
    queue = review.locator("#queue-review")
    assert "(1)" in queue.locator("h2").inner_text()
    assert "Maria Bria" in queue.inner_text()
    assert "Pos-Kupang" in queue.inner_text()
    review.screenshot(path=shots / "dashboard.png", full_page=True)
    queue.get_by_role("link", name=HEADLINE).click()
    wita = ZoneInfo(OutletZone.WITA)
    day = (timezone.localtime(timezone.now(), wita) + timedelta(days=1)).date()
    review.wait_for_selector(".prose-editor .tiptap")
    review.screenshot(path=shots / "change_form.png", full_page=True)
    review.fill("#id_schedule_at", f"{day:%Y-%m-%d}T09:00")
    review.click("#move-schedule button")
    assert review.locator(".messagelist li.success").inner_text() == "Dijadwalkan."
    state = review.locator("#article-state").inner_text()
    assert "9.00 WITA" in state

    # Once its time has come, the reader's page shows that same time.
    due = datetime.combine(day, datetime.min.time()).replace(
        hour=9, minute=5, tzinfo=wita
    )
    with time_machine.travel(due, tick=True):
        reader = browser.new_context(locale="id-ID").new_page()
        reader.goto(f"{live_server.url}/pos-kupang/")
        reader.get_by_role("link", name=HEADLINE).click()
        reader.wait_for_url(re.compile(r"/pos-kupang/\d{4}/\d{2}/\d{2}/"))
        stamp = reader.locator("p.stamp time").first.inner_text()
        assert "09:00 WITA" in stamp
        assert str(day.day) in stamp
        assert reader.locator("article strong", has_text="sejak pagi").count() == 1
        assert (
            reader.locator('article a[href="https://kupangkota.go.id/"]').count() == 1
        )
        assert reader.locator("article li", has_text="Kelurahan Fatululi").count() == 1
