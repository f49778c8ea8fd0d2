"""Fewer clicks on the desk: preselected outlet, save-and-submit, the dashboard queue and
a writer's short menu."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus, EditorRole
from tests.factories import (
    change_form_data,
    make_article,
    make_author,
    make_editor,
    make_outlet,
)

pytestmark = pytest.mark.django_db
ADD = "admin:articles_article_add"


def test_the_outlet_is_preselected_for_a_person_of_one_outlet(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    client.force_login(reporter.user)

    form = client.get(reverse(ADD)).context["adminform"].form

    assert form["outlet"].value() == outlet.pk


def test_no_outlet_is_preselected_for_a_person_of_two(client):
    editor = make_editor(make_outlet())
    editor.outlets.add(make_outlet())
    client.force_login(editor.user)

    form = client.get(reverse(ADD)).context["adminform"].form

    assert form["outlet"].value() is None


def test_save_and_send_to_the_editor_is_one_click_from_the_add_form(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    client.force_login(reporter.user)
    page = client.get(reverse(ADD))
    assert 'name="_submit"' in page.text
    data = change_form_data(
        page, title="Banjir", slug="banjir", body="<p>Air naik.</p>", _submit="1"
    )

    response = client.post(reverse(ADD), data, follow=True)

    article = Article.objects.get()
    assert article.status == ArticleStatus.IN_REVIEW
    assert "Disimpan dan dikirim ke redaktur." in response.text


def test_the_change_form_offers_save_and_send_only_when_submitting_is_open(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    draft = make_article(outlet, status=ArticleStatus.DRAFT, created_by=reporter.user)
    sent = make_article(
        outlet, status=ArticleStatus.IN_REVIEW, created_by=reporter.user
    )
    client.force_login(reporter.user)

    def page(article):
        return client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert 'name="_submit"' in page(draft).text
    assert 'name="_submit"' not in page(sent).text


def test_the_workflow_panel_comes_before_the_form(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=ArticleStatus.IN_REVIEW)
    client.force_login(editor.user)

    text = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert text.index('id="article-desk"') < text.index('id="article_form"')


def test_the_dashboard_shows_the_queue_with_counts_writers_and_waiting(client):
    outlet = make_outlet(name="Pos-Kupang")
    editor = make_editor(outlet)
    waiting = make_article(
        outlet, status=ArticleStatus.IN_REVIEW, authors=[make_author("Maria Bria")]
    )
    Article.objects.filter(pk=waiting.pk).update(
        updated_at=timezone.now() - timedelta(hours=2)
    )
    make_article(outlet, published_at=timezone.now() + timedelta(hours=3))
    client.force_login(editor.user)

    page = client.get(reverse("admin:index")).text

    review = page.split('id="queue-review"')[1].split("</div>")[0]
    assert "(1)" in review
    assert waiting.title in review
    assert "Maria Bria" in review
    assert "Pos-Kupang" in review
    assert "menunggu 2\xa0jam" in review
    assert "(1)" in page.split('id="queue-scheduled"')[1].split("</div>")[0]
    assert "(0)" in page.split('id="queue-sent-back"')[1].split("</div>")[0]


def test_a_writer_sees_only_the_articles_in_the_menu(client):
    reporter = make_editor(make_outlet(), EditorRole.REPORTER)
    client.force_login(reporter.user)

    page = client.get(reverse("admin:index")).text

    assert reverse("admin:articles_article_changelist") in page
    for hidden in ("transition", "revision", "articlecredit", "correction"):
        assert reverse(f"admin:articles_{hidden}_changelist") not in page


def test_an_editor_keeps_the_history_lists_in_the_menu(client):
    editor = make_editor(make_outlet(), EditorRole.EDITOR)
    client.force_login(editor.user)

    page = client.get(reverse("admin:index")).text

    for shown in ("article", "transition", "revision", "articlecredit"):
        assert reverse(f"admin:articles_{shown}_changelist") in page
