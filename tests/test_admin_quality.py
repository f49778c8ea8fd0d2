"""The desk's pages are valid HTML (W3C Nu) and pass axe-core (no serious or critical
violations), with the rich-text editor loaded."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import workflow
from articles.models import ArticleStatus, EditorRole
from tests.factories import (
    PASSWORD,
    change_form_data,
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_tag,
)
from tests.quality import axe_violations, nu_errors_many

S = ArticleStatus


def _desk():
    """A chief with one article in every status, one of them with two revisions."""
    outlet = make_outlet(name="Pos-Kupang", slug="pos-kupang")
    chief = make_editor(outlet, EditorRole.CHIEF)
    reporter = make_editor(outlet, EditorRole.REPORTER)
    author = make_author("Maria Bria", outlet)
    make_tag(outlet, "Kamtibmas")
    articles = {}
    for status in (S.DRAFT, S.IN_REVIEW, S.CHANGES_REQUESTED, S.PUBLISHED, S.RETRACTED):
        articles[status] = make_article(
            outlet,
            status=status,
            created_by=reporter.user,
            authors=[author],
            title=f"Berita {status}",
        )
    articles["scheduled"] = make_article(
        outlet,
        title="Berita terjadwal",
        authors=[author],
        published_at=timezone.now() + timedelta(hours=3),
    )
    articles["uncredited"] = make_article(
        outlet, status=S.IN_REVIEW, title="Tanpa kredit"
    )
    workflow.submit(articles[S.DRAFT], by=reporter)  # a status history row
    articles[S.DRAFT].refresh_from_db()
    return chief, reporter, articles


def _pages(chief, reporter, articles) -> dict[str, str]:
    """Page name -> path, for the chief (and the reporter's own views)."""
    change = "admin:articles_article_change"
    pages = {
        "dashboard": reverse("admin:index"),
        "article list": reverse("admin:articles_article_changelist"),
        "add form": reverse("admin:articles_article_add"),
        "queue": reverse("admin:articles_article_queue"),
        "language": reverse("admin:desk_language"),
        "transitions": reverse("admin:articles_transition_changelist"),
        "revisions list": reverse("admin:articles_revision_changelist"),
    }
    for key, article in articles.items():
        pages[f"change form ({key})"] = reverse(change, args=[article.pk])
    first = articles[S.IN_REVIEW]
    pages["revisions"] = reverse("admin:articles_article_diff", args=[first.pk])
    pages["diff"] = pages["revisions"] + "?a=1&b=2"
    return pages


def _two_revisions(client, article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    for title in ("Versi satu", "Versi dua"):
        client.post(url, change_form_data(client.get(url), title=title))


@pytest.mark.django_db
def test_the_desk_pages_are_valid_html():
    chief, reporter, articles = _desk()
    client = Client()
    texts = {"login": client.get(reverse("admin:login")).text}
    client.force_login(chief.user)
    _two_revisions(client, articles[S.IN_REVIEW])
    for name, path in _pages(chief, reporter, articles).items():
        response = client.get(path)
        assert response.status_code == 200, name
        texts[name] = response.text
    reporter_client = Client()
    reporter_client.force_login(reporter.user)
    texts["reporter dashboard"] = reporter_client.get(reverse("admin:index")).text
    texts["reporter add form"] = reporter_client.get(
        reverse("admin:articles_article_add")
    ).text

    errors = {name: found for name, found in nu_errors_many(texts).items() if found}

    assert not errors, "\n".join(f"{name}: {found}" for name, found in errors.items())


@pytest.fixture
def desk_paths():
    """The desk's pages for a chief and a reporter, made before Playwright starts."""
    chief, reporter, articles = _desk()
    client = Client()
    client.force_login(chief.user)
    _two_revisions(client, articles[S.IN_REVIEW])
    return (
        chief.user.username,
        reporter.user.username,
        _pages(chief, reporter, articles),
    )


def _log_in(browser, live_server, username):
    page = browser.new_context(locale="en-US").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_desk_pages_pass_axe_with_the_editor_loaded(
    live_server, desk_paths, browser
):
    chief, reporter, paths = desk_paths
    found = {}
    login = browser.new_context(locale="en-US").new_page()
    login.goto(f"{live_server.url}{reverse('admin:login')}")
    found["login"] = axe_violations(login)
    page = _log_in(browser, live_server, chief)
    for name, path in paths.items():
        page.goto(f"{live_server.url}{path}")
        if page.locator("[data-body-editor]").count():
            page.wait_for_selector(".prose-editor .tiptap")
        found[name] = axe_violations(page)
    writer = _log_in(browser, live_server, reporter)
    found["reporter dashboard"] = axe_violations(writer)
    writer.goto(f"{live_server.url}{reverse('admin:articles_article_add')}")
    writer.wait_for_selector(".prose-editor .tiptap")
    found["reporter add form"] = axe_violations(writer)

    failing = {name: violations for name, violations in found.items() if violations}
    assert not failing, "\n".join(f"{name}: {v}" for name, v in failing.items())
