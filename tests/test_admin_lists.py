"""The admin lists per role, the "my queue" view, and people management per outlet."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleStatus, Editor, EditorRole
from tests.factories import (
    change_form_data,
    grant,
    make_article,
    make_author,
    make_editor,
    make_outlet,
    make_rubric,
)

pytestmark = pytest.mark.django_db
S = ArticleStatus
LIST = "admin:articles_article_changelist"


def listed(client, **params):
    response = client.get(reverse(LIST), params)
    assert response.status_code == 200
    return {article.pk for article in response.context["cl"].result_list}


def desk():
    outlet, elsewhere = make_outlet(), make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    colleague = make_editor(outlet, EditorRole.REPORTER)
    articles = {
        "own_draft": make_article(outlet, status=S.DRAFT, created_by=reporter.user),
        "colleague_draft": make_article(
            outlet, status=S.DRAFT, created_by=colleague.user
        ),
        "colleague_review": make_article(
            outlet, status=S.IN_REVIEW, created_by=colleague.user
        ),
        "published": make_article(outlet),
        "elsewhere_draft": make_article(elsewhere, status=S.DRAFT),
        "elsewhere_published": make_article(elsewhere),
    }
    return outlet, reporter, {name: a.pk for name, a in articles.items()}


def test_a_reporter_lists_own_work_and_the_outlets_work_past_the_drafts(client):
    _, reporter, pks = desk()
    client.force_login(reporter.user)

    assert listed(client) == {
        pks["own_draft"],
        pks["colleague_review"],
        pks["published"],
    }


def test_an_editor_lists_all_of_their_outlets_articles_only(client):
    outlet, _, pks = desk()
    editor = make_editor(outlet, EditorRole.EDITOR)
    client.force_login(editor.user)

    assert listed(client) == {
        pks["own_draft"],
        pks["colleague_draft"],
        pks["colleague_review"],
        pks["published"],
    }


def test_a_superuser_lists_every_outlet(client, admin_user):
    _, _, pks = desk()
    client.force_login(admin_user)

    assert listed(client) == set(pks.values())


def test_the_list_filters_by_status_rubric_and_search(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    rubric = make_rubric(outlet)
    crime = make_article(outlet, status=S.IN_REVIEW, rubric=rubric, title="Pencurian")
    other = make_article(outlet, title="Festival")
    client.force_login(editor.user)

    assert listed(client, status=S.IN_REVIEW) == {crime.pk}
    assert listed(client, rubric__id__exact=rubric.pk) == {crime.pk}
    assert listed(client, q="Festival") == {other.pk}


def test_my_queue_shows_reviews_sent_back_drafts_and_time_left(client):
    outlet = make_outlet()
    editor = make_editor(outlet)
    reporter = make_editor(outlet, EditorRole.REPORTER)
    waiting = make_article(outlet, status=S.IN_REVIEW, title="Menunggu periksa")
    sent_back = make_article(
        outlet,
        status=S.CHANGES_REQUESTED,
        created_by=reporter.user,
        title="Dikembalikan",
    )
    make_article(
        outlet,
        status=S.PUBLISHED,
        published_at=timezone.now() + timedelta(hours=3, minutes=1),
        title="Terjadwal nanti",
    )
    make_article(make_outlet(), status=S.IN_REVIEW, title="Outlet lain")
    queue = reverse("admin:articles_article_queue")

    client.force_login(editor.user)
    page = client.get(queue).text
    assert waiting.title in page
    assert "Outlet lain" not in page
    assert "Terjadwal nanti" in page
    assert "dalam 3\xa0jam" in page.split("Terjadwal nanti")[1].split("</li>")[0]

    client.force_login(reporter.user)
    page = client.get(queue).text
    assert sent_back.title in page
    assert waiting.title not in page.split('id="queue-review"')[1].split("</div>")[0]


def test_a_chief_manages_only_their_outlets_people(client):
    outlet, elsewhere = make_outlet(), make_outlet()
    chief = make_editor(outlet, EditorRole.CHIEF)
    ours = make_editor(outlet, EditorRole.REPORTER)
    theirs = make_editor(elsewhere, EditorRole.REPORTER)
    author_here = make_author(outlet=outlet)
    author_there = make_author(outlet=elsewhere)
    client.force_login(chief.user)

    editors = client.get(reverse("admin:articles_editor_changelist"))
    authors = client.get(reverse("admin:articles_author_changelist"))

    assert {e.pk for e in editors.context["cl"].result_list} == {chief.pk, ours.pk}
    # The outlet's bylines: its authors and its staff's own, none of elsewhere's.
    assert {a.pk for a in authors.context["cl"].result_list} == {
        author_here.pk,
        chief.byline.pk,
        ours.byline.pk,
    }
    change = reverse("admin:articles_editor_change", args=[ours.pk])
    assert client.get(change).status_code == 200
    assert (
        client.get(
            reverse("admin:articles_editor_change", args=[theirs.pk])
        ).status_code
        == 302  # the admin's "no such object" redirect
    )
    assert (
        client.get(
            reverse("admin:articles_author_change", args=[author_there.pk])
        ).status_code
        == 302
    )


def test_an_editor_does_not_manage_people(client):
    outlet = make_outlet()
    editor = make_editor(outlet, EditorRole.EDITOR)
    reporter = make_editor(outlet, EditorRole.REPORTER)
    client.force_login(editor.user)

    response = client.post(
        reverse("admin:articles_editor_change", args=[reporter.pk]),
        {"credit_name": "Diganti", "role": EditorRole.CHIEF},
    )

    assert response.status_code == 403
    assert Editor.objects.get(pk=reporter.pk).role_at(outlet) == EditorRole.REPORTER


def test_only_superusers_change_outlets(client, admin_user):
    outlet = make_outlet()
    chief = make_editor(outlet, EditorRole.CHIEF)
    change = reverse("admin:articles_outlet_change", args=[outlet.pk])

    client.force_login(chief.user)
    assert client.post(change, {"name": "Baru"}).status_code == 403

    client.force_login(admin_user)
    assert client.get(change).status_code == 200


def test_a_chief_changes_a_reporters_role_and_its_permissions_follow(client):
    outlet, elsewhere = make_outlet(), make_outlet()
    chief = make_editor(outlet, EditorRole.CHIEF)
    reporter = make_editor(outlet, EditorRole.REPORTER)
    grant(reporter, elsewhere, EditorRole.REPORTER)
    client.force_login(chief.user)
    change = reverse("admin:articles_editor_change", args=[reporter.pk])

    response = client.post(
        change, change_form_data(client.get(change), **{"memberships-0-role": "editor"})
    )

    assert response.status_code == 302
    reporter = Editor.objects.get(pk=reporter.pk)
    assert reporter.role_at(outlet) == EditorRole.EDITOR
    assert (
        reporter.role_at(elsewhere) == EditorRole.REPORTER
    )  # not the chief's to change
    assert set(reporter.user.groups.values_list("name", flat=True)) == {
        "Redaktur",
        "Wartawan",
    }


def test_a_credited_reporter_finds_the_article_sent_back_in_their_queue(client):
    outlet = make_outlet()
    reporter = make_editor(outlet, EditorRole.REPORTER)
    author = reporter.byline
    make_article(
        outlet, status=S.CHANGES_REQUESTED, authors=[author], title="Kiriman desa"
    )
    client.force_login(reporter.user)

    page = client.get(reverse("admin:articles_article_queue")).text

    assert "Kiriman desa" in page.split('id="queue-sent-back"')[1]


def test_history_lists_show_only_the_desks_articles_and_are_read_only(client):
    from articles import workflow as wf

    outlet, other = make_outlet(), make_outlet()
    editor = make_editor(outlet)
    mine = make_article(outlet, status=ArticleStatus.DRAFT, title="Berita desa kami")
    theirs = make_article(
        other, status=ArticleStatus.DRAFT, title="Rahasia redaksi lain"
    )
    wf.submit(mine, by=editor)
    wf.submit(theirs, by=make_editor(other))
    client.force_login(editor.user)

    listing = client.get(reverse("admin:articles_transition_changelist"))

    assert listing.status_code == 200
    assert "Berita desa kami" in listing.text
    assert "Rahasia redaksi lain" not in listing.text
    assert client.get(reverse("admin:articles_transition_add")).status_code == 403
