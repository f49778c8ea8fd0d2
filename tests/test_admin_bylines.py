"""Bylines on the desk: the writer is credited from the start, publishing uncredited asks."""

import pytest
from django.urls import reverse

from articles.models import (
    Article,
    ArticleStatus,
    Author,
    CreditRole,
    EditorRole,
)
from tests.factories import (
    change_form_data,
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_user,
)

pytestmark = pytest.mark.django_db
ADD = "admin:articles_article_add"


def _add(client, outlet, **overrides):
    page = client.get(reverse(ADD))
    data = change_form_data(
        page,
        outlet=outlet.pk,
        title="Banjir di Kupang",
        slug="banjir-di-kupang",
        body="<p>Air naik.</p>",
        article_type="berita",
        **overrides,
    )
    return client.post(reverse(ADD), data)


def test_a_new_article_credits_its_writer_through_their_linked_byline(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER, credit_name="Yohanes Seo")
    client.force_login(reporter.user)

    assert _add(client, outlet).status_code == 302

    credit = Article.objects.get().credits.get()
    assert credit.author.name == "Yohanes Seo"
    assert credit.author.user == reporter.user
    assert credit.role == CreditRole.WRITER
    assert outlet in credit.author.outlets.all()


def test_an_existing_byline_is_used_and_the_credit_can_be_changed(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    mine = Author.objects.byline_of(reporter.user)
    other = make_author("Kontributor Lain")
    authors = Author.objects.count()
    client.force_login(reporter.user)
    page = client.get(reverse(ADD))

    credit_form = page.context["inline_admin_formsets"][0].formset.forms[0]
    assert credit_form["author"].value() == mine.pk
    response = _add(
        client,
        outlet,
        **{"credits-0-author": other.pk, "credits-0-role": CreditRole.CONTRIBUTOR},
    )

    assert response.status_code == 302
    credit = Article.objects.get().credits.get()
    assert (credit.author, credit.role) == (other, CreditRole.CONTRIBUTOR)
    assert Author.objects.count() == authors


def test_another_persons_byline_of_the_same_name_is_not_taken(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER, credit_name="Nama Sama")
    Author.objects.filter(user=reporter.user).delete()  # a login without its byline
    taken = make_author("Nama Sama")
    taken.user = make_user()
    taken.save()
    client.force_login(reporter.user)

    assert _add(client, outlet).status_code == 302
    assert not Article.objects.get().credits.exists()


def _move_url(article, move):
    return reverse("admin:articles_article_move", args=[article.pk, move])


def test_publishing_without_a_credit_needs_a_confirmation(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(outlet, status=ArticleStatus.IN_REVIEW)
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="uncredited"' in page.text
    client.post(_move_url(article, "publish"), {"note": ""})
    article.refresh_from_db()
    assert article.status == ArticleStatus.IN_REVIEW

    client.post(_move_url(article, "publish"), {"note": "", "uncredited": "1"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED


def test_a_credited_article_publishes_without_a_question(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    article = make_article(
        outlet, status=ArticleStatus.IN_REVIEW, authors=[make_author()]
    )
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert 'name="uncredited"' not in page.text
    client.post(_move_url(article, "publish"), {"note": ""})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED


def test_the_publish_action_leaves_uncredited_articles_for_a_confirmation(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    credited = make_article(
        outlet, status=ArticleStatus.IN_REVIEW, authors=[make_author()]
    )
    uncredited = make_article(outlet, status=ArticleStatus.IN_REVIEW)
    client.force_login(editor.user)

    client.post(
        reverse("admin:articles_article_changelist"),
        {
            "action": "publish_selected",
            "_selected_action": [credited.pk, uncredited.pk],
        },
    )

    credited.refresh_from_db()
    uncredited.refresh_from_db()
    assert credited.status == ArticleStatus.PUBLISHED
    assert uncredited.status == ArticleStatus.IN_REVIEW
