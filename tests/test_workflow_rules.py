from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from articles import workflow
from articles.models import Article, ArticleStatus, EditorRole, Transition
from tests.factories import make_article, make_editor, make_outlet

pytestmark = pytest.mark.django_db
S = ArticleStatus


def test_a_draft_must_be_reviewed_before_it_is_published():
    article = make_article(status=S.DRAFT)

    with pytest.raises(workflow.TransitionError):
        workflow.publish(article, by=make_editor(article.outlet))
    article.refresh_from_db()
    assert article.status == S.DRAFT


def test_review_then_publish_logs_every_transition():
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT, created_by=reporter.user)

    workflow.submit(article, by=reporter)
    workflow.send_back(article, by=editor, note="Tambahkan kutipan Kapolres.")
    workflow.submit(article, by=reporter)
    article = workflow.publish(article, by=editor)

    assert article.status == S.PUBLISHED
    assert article in Article.objects.published()
    moves = list(
        Transition.objects.filter(article=article)
        .order_by("pk")
        .values_list("to_status", flat=True)
    )
    assert moves == [S.IN_REVIEW, S.CHANGES_REQUESTED, S.IN_REVIEW, S.PUBLISHED]


def test_an_editor_of_another_outlet_cannot_publish():
    article = make_article(status=S.IN_REVIEW)

    with pytest.raises(PermissionDenied):
        workflow.publish(article, by=make_editor(make_outlet()))
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_a_scheduled_article_appears_only_at_its_time():
    outlet = make_outlet()
    article = make_article(outlet, status=S.IN_REVIEW)
    at = timezone.now() + timedelta(hours=3)

    article = workflow.publish(article, by=make_editor(outlet), at=at)

    assert article.is_scheduled
    assert article not in Article.objects.published()


def test_only_the_editor_in_chief_retracts_and_needs_a_reason():
    outlet = make_outlet()
    article = make_article(outlet)

    with pytest.raises(PermissionDenied):
        workflow.retract(article, by=make_editor(outlet), reason="Data keliru.")
    chief = make_editor(outlet, EditorRole.CHIEF)
    with pytest.raises(workflow.TransitionError):
        workflow.retract(article, by=chief, reason=" ")

    article = workflow.retract(
        article, by=chief, reason="Narasumber mencabut pernyataan."
    )

    assert article.status == S.RETRACTED
    assert article.retraction_reason == "Narasumber mencabut pernyataan."
