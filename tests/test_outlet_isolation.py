"""One install, many outlets: nobody reaches into an outlet where they hold no such role.

The three attacks found on the demo are replayed over HTTP, the permission matrix covers
people with two memberships, and every admin address of an article answers 404 exactly
when the desk would not list it.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import revisions
from articles.models import (
    Article,
    ArticleStatus,
    EditorRole,
    Membership,
    Region,
    Revision,
    Tag,
    Transition,
)
from tests.factories import (
    change_form_data,
    grant,
    make_article,
    make_editor,
    make_outlet,
    make_region,
    make_tag,
)

pytestmark = pytest.mark.django_db
S = ArticleStatus
R = EditorRole


# --- The three attacks -------------------------------------------------------------


def test_a_chief_cannot_make_anyone_chief_of_another_outlet(client):
    pos_kupang, inews = make_outlet(slug="pos-kupang"), make_outlet(slug="inews-ttu")
    chief = make_editor(pos_kupang, R.CHIEF)
    both = make_editor(pos_kupang, R.REPORTER)
    grant(both, inews, R.REPORTER)
    inews_story = make_article(inews, status=S.IN_REVIEW)
    client.force_login(chief.user)
    change = reverse("admin:articles_editor_change", args=[both.pk])
    form = change_form_data(client.get(change))
    inews_membership = Membership.objects.get(editor=both, outlet=inews)

    # The old attack: a role field on the person.
    client.post(change, {**form, "role": R.CHIEF})
    # A smuggled row for the other outlet's membership, and a new row for that outlet.
    client.post(
        change,
        {
            **form,
            "memberships-0-id": inews_membership.pk,
            "memberships-0-role": R.CHIEF,
        },
    )
    client.post(
        change,
        {
            **form,
            "memberships-TOTAL_FORMS": "2",
            "memberships-1-outlet": inews.pk,
            "memberships-1-role": R.CHIEF,
            "memberships-1-editor": both.pk,
        },
    )

    both.refresh_from_db()
    assert both.role_at(inews) == R.REPORTER
    assert both.role_at(pos_kupang) == R.REPORTER
    client.force_login(both.user)
    client.post(
        reverse("admin:articles_article_move", args=[inews_story.pk, "publish"]),
        {"note": ""},
    )
    inews_story.refresh_from_db()
    assert inews_story.status == S.IN_REVIEW


def test_a_chief_cannot_raise_their_own_role(client):
    outlet = make_outlet()
    chief = make_editor(outlet, R.EDITOR)
    other = make_outlet()
    grant(chief, other, R.CHIEF)
    client.force_login(chief.user)
    change = reverse("admin:articles_editor_change", args=[chief.pk])

    page = client.get(change)
    client.post(change, {**change_form_data(page), "memberships-0-role": R.CHIEF})

    assert chief.__class__.objects.get(pk=chief.pk).role_at(outlet) == R.EDITOR


def test_an_editor_cannot_rename_another_outlets_region_or_tag(client):
    pos_kupang, bernas = make_outlet(slug="pos-kupang"), make_outlet(slug="bernas")
    editor = make_editor(pos_kupang, R.EDITOR)
    region, tag = make_region(bernas, "Sanggau"), make_tag(bernas, "Pilkada")
    client.force_login(editor.user)

    for model, obj in (("region", region), ("tag", tag)):
        change = reverse(f"admin:articles_{model}_change", args=[obj.pk])
        assert client.get(change).status_code in (302, 404)
        response = client.post(
            change, {"outlet": pos_kupang.pk, "name": "Diganti", "slug": obj.slug}
        )
        assert response.status_code in (302, 404)
        listing = client.get(reverse(f"admin:articles_{model}_changelist"))
        assert obj.name not in listing.text

    assert Region.objects.get(pk=region.pk).name == "Sanggau"
    assert Tag.objects.get(pk=tag.pk).name == "Pilkada"


def test_a_region_of_the_same_name_is_each_outlets_own(client):
    pos_kupang, bernas = make_outlet(slug="pos-kupang"), make_outlet(slug="bernas")
    editor = make_editor(pos_kupang, R.EDITOR)
    own, theirs = make_region(pos_kupang, "Belu"), make_region(bernas, "Belu")
    client.force_login(editor.user)

    response = client.post(
        reverse("admin:articles_region_change", args=[own.pk]),
        {"outlet": pos_kupang.pk, "name": "Belu Terkini", "slug": "belu"},
    )

    assert response.status_code == 302
    assert Region.objects.get(pk=own.pk).name == "Belu Terkini"
    assert Region.objects.get(pk=theirs.pk).name == "Belu"


def test_a_reporter_cannot_preview_a_colleagues_draft(client):
    outlet = make_outlet()
    reporter, colleague = (
        make_editor(outlet, R.REPORTER),
        make_editor(outlet, R.REPORTER),
    )
    draft = make_article(
        outlet,
        status=S.DRAFT,
        created_by=colleague.user,
        body="<p>Isi rahasia yang belum terbit.</p>",
    )
    client.force_login(reporter.user)

    response = client.get(reverse("articles:preview", kwargs={"pk": draft.pk}))

    assert response.status_code == 404
    assert "Isi rahasia" not in response.text
    client.force_login(colleague.user)
    assert (
        client.get(reverse("articles:preview", kwargs={"pk": draft.pk})).status_code
        == 200
    )


# --- The permission matrix, for people with two memberships -------------------------

# Written by hand from the newsroom's rules, never derived from workflow.MOVES:
# role at the article's outlet -> move -> (on own work, on a colleague's work).
EXPECTED = {
    None: {
        "submit": (False, False),
        "send_back": (False, False),
        "publish": (False, False),
        "schedule": (False, False),
        "unpublish": (False, False),
        "retract": (False, False),
    },
    R.REPORTER: {
        "submit": (True, False),
        "send_back": (False, False),
        "publish": (False, False),
        "schedule": (False, False),
        "unpublish": (False, False),
        "retract": (False, False),
    },
    R.EDITOR: {
        "submit": (True, True),
        "send_back": (True, True),
        "publish": (True, True),
        "schedule": (True, True),
        "unpublish": (True, True),
        "retract": (False, False),
    },
    R.CHIEF: {
        "submit": (True, True),
        "send_back": (True, True),
        "publish": (True, True),
        "schedule": (True, True),
        "unpublish": (True, True),
        "retract": (True, True),
    },
}
# move: (status before, status after, form fields)
MOVES = {
    "submit": (S.DRAFT, S.IN_REVIEW, {"note": ""}),
    "send_back": (S.IN_REVIEW, S.CHANGES_REQUESTED, {"note": "Tambah kutipan."}),
    # "uncredited": the confirmation an article without a byline needs to go out.
    "publish": (S.IN_REVIEW, S.PUBLISHED, {"note": "", "uncredited": "1"}),
    "schedule": (S.IN_REVIEW, S.PUBLISHED, {"note": "", "uncredited": "1"}),
    "unpublish": (S.PUBLISHED, S.DRAFT, {"note": ""}),
    "retract": (S.PUBLISHED, S.RETRACTED, {"reason": "Narasumber keliru."}),
}
ROLES = [R.REPORTER, R.EDITOR, R.CHIEF]


@pytest.mark.parametrize("where", ["this", "other", "none"])
@pytest.mark.parametrize("other_role", [None, *ROLES], ids=lambda r: f"other-{r}")
@pytest.mark.parametrize("role", ROLES)
def test_moves_follow_the_role_at_the_articles_outlet(client, role, other_role, where):
    this, other, unrelated = make_outlet(), make_outlet(), make_outlet()
    person = make_editor(this, role)
    if other_role:
        grant(person, other, other_role)
    outlet, role_there = {
        "this": (this, role),
        "other": (other, other_role),
        "none": (unrelated, None),
    }[where]
    colleague = make_editor(outlet, R.REPORTER)
    client.force_login(person.user)

    wrong = []
    for move, (before, after, fields) in MOVES.items():
        for own in (True, False):
            writer = person if own else colleague
            article = make_article(outlet, status=before, created_by=writer.user)
            if move == "schedule":
                at = timezone.localtime(timezone.now(), outlet.zone) + timedelta(
                    hours=2
                )
                fields = {**fields, "at": at.strftime("%Y-%m-%dT%H:%M")}
            response = client.post(
                reverse("admin:articles_article_move", args=[article.pk, move]), fields
            )
            article.refresh_from_db()
            logged = Transition.objects.filter(article=article).exists()
            expected = EXPECTED[role_there][move][0 if own else 1]
            done = article.status == after and logged
            refused = article.status == before and not logged
            if (expected and not done) or (not expected and not refused):
                wrong.append(
                    (move, "own" if own else "colleague's", response.status_code)
                )
    assert wrong == []


# --- Every admin address of an article: 404 exactly when the desk does not list it ---


def _addresses(article):
    pk = article.pk
    return {
        "change": ("get", reverse("admin:articles_article_change", args=[pk])),
        "history": ("get", reverse("admin:articles_article_history", args=[pk])),
        "preview": ("get", reverse("articles:preview", kwargs={"pk": pk})),
        "revisions": ("get", reverse("admin:articles_article_diff", args=[pk])),
        "restore": (
            "post",
            reverse("admin:articles_article_restore", args=[pk, 1]),
        ),
        "note": ("post", reverse("admin:articles_article_note", args=[pk])),
        **{
            f"move {move}": (
                "post",
                reverse("admin:articles_article_move", args=[pk, move]),
            )
            for move in MOVES
        },
    }


def test_every_admin_address_of_an_article_is_404_exactly_off_the_desk(client):
    here, there = make_outlet(), make_outlet()
    reporter = make_editor(here, R.REPORTER)
    grant(reporter, there, R.EDITOR)
    colleague = make_editor(here, R.REPORTER)
    stranger = make_outlet()
    articles = [
        make_article(here, status=status, created_by=writer.user)
        for status in S
        for writer in (reporter, colleague)
    ] + [make_article(there, status=status) for status in S]
    articles += [make_article(stranger, status=status) for status in S]
    for article in articles:  # so that "restore version 1" exists wherever it is asked
        Revision.objects.create(
            article=article, version=1, snapshot=revisions.snapshot(article)
        )
    client.force_login(reporter.user)
    desk = set(Article.objects.on_desk(reporter.user).values_list("pk", flat=True))

    assert desk  # the reporter's own work and the outlet they edit
    mismatches = []
    for article in articles:
        for name, (method, url) in _addresses(article).items():
            status = getattr(client, method)(
                url, {"note": "x", "text": "x"}
            ).status_code
            if (status == 404) == (article.pk in desk):
                mismatches.append((article.outlet.slug, article.status, name, status))
    assert mismatches == []
