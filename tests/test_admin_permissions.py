"""The permission matrix of the workflow buttons, driven over HTTP through the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus, EditorRole, Transition
from tests.factories import make_article, make_author, make_editor, make_outlet

pytestmark = pytest.mark.django_db
S = ArticleStatus
R = EditorRole

# move: (status before, status after, form fields)
MOVES = {
    "submit": (S.DRAFT, S.IN_REVIEW, {"note": ""}),
    "send_back": (S.IN_REVIEW, S.CHANGES_REQUESTED, {"note": "Tambah kutipan."}),
    "publish": (S.IN_REVIEW, S.PUBLISHED, {"note": "", "uncredited": "1"}),
    "schedule": (S.IN_REVIEW, S.PUBLISHED, {"note": "", "uncredited": "1"}),
    "unpublish": (S.PUBLISHED, S.DRAFT, {"note": ""}),
    "retract": (S.PUBLISHED, S.RETRACTED, {"reason": "Narasumber keliru."}),
}


def allowed(role, move, own, same_outlet):
    if not same_outlet:
        return False
    if move == "submit":
        return own or role != R.REPORTER
    if move == "retract":
        return role == R.CHIEF
    return role in (R.EDITOR, R.CHIEF)


@pytest.mark.parametrize(
    "same_outlet", [True, False], ids=["my-outlet", "other-outlet"]
)
@pytest.mark.parametrize("own", [True, False], ids=["own", "others"])
@pytest.mark.parametrize("move", list(MOVES))
@pytest.mark.parametrize("role", [R.REPORTER, R.EDITOR, R.CHIEF])
def test_workflow_buttons_follow_the_permission_matrix(
    client, role, move, own, same_outlet
):
    mine = make_outlet()
    outlet = mine if same_outlet else make_outlet()
    actor = make_editor(mine, role)
    writer = actor if own else make_editor(outlet, R.REPORTER)
    before, after, fields = MOVES[move]
    article = make_article(outlet, status=before, created_by=writer.user)
    if move == "schedule":
        at = timezone.localtime(timezone.now(), outlet.zone) + timedelta(hours=2)
        fields = {**fields, "at": at.strftime("%Y-%m-%dT%H:%M")}
    client.force_login(actor.user)

    response = client.post(
        reverse("admin:articles_article_move", args=[article.pk, move]), fields
    )

    article.refresh_from_db()
    logged = Transition.objects.filter(article=article).exists()
    if allowed(role, move, own, same_outlet):
        assert response.status_code == 302
        assert article.status == after
        assert logged
        assert article.is_scheduled == (move == "schedule")
    else:
        assert response.status_code in (302, 403, 404)
        assert article.status == before
        assert not logged


def test_a_refused_move_shows_why(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, R.REPORTER)
    article = make_article(outlet, status=S.IN_REVIEW, created_by=reporter.user)
    client.force_login(reporter.user)

    response = client.post(
        reverse("admin:articles_article_move", args=[article.pk, "publish"]),
        follow=True,
    )

    assert "bukan redaktur" in response.text
    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_an_illegal_move_is_refused_with_a_message(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.DRAFT)
    client.force_login(editor.user)

    response = client.post(
        reverse("admin:articles_article_move", args=[article.pk, "publish"]),
        follow=True,
    )

    assert article.title in response.text
    article.refresh_from_db()
    assert article.status == S.DRAFT
    assert not Transition.objects.filter(article=article).exists()


def test_sending_back_needs_a_note(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.IN_REVIEW)
    client.force_login(editor.user)

    client.post(
        reverse("admin:articles_article_move", args=[article.pk, "send_back"]),
        {"note": ""},
    )

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_scheduling_in_the_past_is_refused(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(outlet, status=S.IN_REVIEW)
    client.force_login(editor.user)
    at = timezone.localtime(timezone.now(), outlet.zone) - timedelta(hours=2)

    client.post(
        reverse("admin:articles_article_move", args=[article.pk, "schedule"]),
        {"at": at.strftime("%Y-%m-%dT%H:%M")},
    )

    article.refresh_from_db()
    assert article.status == S.IN_REVIEW


def test_list_actions_apply_workflow_per_article(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    ready = make_article(outlet, status=S.IN_REVIEW, authors=[make_author()])
    draft = make_article(outlet, status=S.DRAFT)
    client.force_login(editor.user)

    response = client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_selected", "_selected_action": [ready.pk, draft.pk]},
        follow=True,
    )

    ready.refresh_from_db()
    draft.refresh_from_db()
    assert ready.status == S.PUBLISHED
    assert draft.status == S.DRAFT
    assert "1" in response.text


def test_an_imported_article_in_review_offers_publication_on_its_source_date(client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from django.urls import reverse

    outlet = make_outlet()
    editor = make_editor(outlet)
    article = make_article(
        outlet,
        status=ArticleStatus.IN_REVIEW,
        source_file="arsip/002.txt",
        published_at=datetime(2023, 8, 22, tzinfo=ZoneInfo("Asia/Makassar")),
        published_on=None,
    )
    client.force_login(editor.user)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))

    assert "Setujui dan terbitkan pada tanggal sumbernya (22 Agustus 2023)" in page.text
