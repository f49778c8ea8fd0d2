"""The Content-Security-Policy holds in a real browser: no page it serves breaks it.

To check another page (the rich-text editor of issue 12, say), add its path to
`DESK_PAGES` or `PUBLIC_PAGES`, or call `csp_violations(page, url)` from its own test.
"""

import re

import pytest

from articles.models import ArticleStatus
from tests.factories import PASSWORD, make_article, make_outlet, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Collects every violation the page reports, from the first script on.
_LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile}:${event.lineNumber})`
  );
});
"""

PUBLIC_PAGES = [
    "/",
    "/kabar/",
    "{article}",
    "/kabar/cari/?q=patroli",
    "/kabar/?date_from=tanggal-rusak",
    "/halaman-yang-tidak-ada/",
]
DESK_PAGES = [
    "/admin/",
    "/admin/articles/article/",
    "/admin/articles/article/add/",
    "/admin/articles/article/{pk}/change/",
    "/admin/articles/article/{pk}/revisions/",
    "/admin/articles/article/queue/",
    "/admin/articles/outlet/{outlet_pk}/change/",
    "/admin/articles/author/add/",
    "/admin/articles/editor/",
    "/admin/axes/accessattempt/",
    "/pratinjau/{pk}/",
]


def csp_violations(page, url: str) -> list[str]:
    """Load `url` and return what the browser reported against the page's CSP."""
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    response = page.goto(url)
    assert response is not None
    assert "content-security-policy" in response.headers, url
    page.wait_for_load_state("load")
    return [*page.evaluate("window.__cspViolations"), *console]


@pytest.fixture
def newsroom():
    """An outlet with a published article and a superuser, made before Playwright starts.

    A superuser, not a role: an earlier transactional test flushes the role groups.
    """
    outlet = make_outlet(slug="kabar", name="Kabar Timor")
    admin = make_user(is_superuser=True)
    article = make_article(
        outlet,
        title="Patroli malam di Kupang",
        status=ArticleStatus.PUBLISHED,
        created_by=admin,
    )
    return {
        "article": article.get_absolute_url(),
        "pk": article.pk,
        "outlet_pk": outlet.pk,
        "username": admin.username,
    }


def _new_page(browser):
    context = browser.new_context(locale="id-ID")
    context.add_init_script(_LISTEN)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_public_pages_break_no_csp_rule(live_server, newsroom, browser):
    page = _new_page(browser)

    for path in PUBLIC_PAGES:
        url = live_server.url + path.format(**newsroom)
        assert csp_violations(page, url) == [], url


def test_the_desk_breaks_no_csp_rule(live_server, newsroom, browser):
    page = _new_page(browser)
    assert csp_violations(page, f"{live_server.url}/admin/login/") == []
    page.fill("#id_username", newsroom["username"])
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))

    for path in DESK_PAGES:
        url = live_server.url + path.format(**newsroom)
        assert csp_violations(page, url) == [], url
