"""Every status change of an article, and who may make it.

This module is the only writer of `Article.status`, `published_at` and the fields that go
with them. Each public function takes the article first and the acting `Editor` as `by=`,
checks the actor's rights for the article's outlet, moves the status under a row lock, logs a
`Transition`, and returns the fresh instance. Refusals raise `TransitionError` (the move is
not allowed from this status, or a required note is missing) or `PermissionDenied` (the
actor may not make it); either way nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import pagecache
from .models import (
    EDITING_ROLES,
    Article,
    ArticleStatus,
    Editor,
    EditorRole,
    Outlet,
    Transition,
    unique_slug,
)

S = ArticleStatus
R = EditorRole
ANY_ROLE = frozenset(EditorRole)


@dataclass(frozen=True)
class Move:
    """One kind of status change: from where, to where, and who may make it."""

    sources: frozenset[str]
    target: str
    roles: frozenset[str]  # roles at the article's outlet that may make it
    own_only: bool = False  # a reporter may make it only on their own work
    live_only: bool = False  # not on an article scheduled for later
    note_required: str = ""  # the refusal when the move is made without a note


# The one table of moves. The allowed transitions, the buttons a person is offered, the
# admin's list actions and every verb's guard below are all derived from it.
MOVES: dict[str, Move] = {
    "submit": Move(
        frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.IN_REVIEW, ANY_ROLE, own_only=True
    ),
    "send_back": Move(
        frozenset({S.IN_REVIEW}),
        S.CHANGES_REQUESTED,
        EDITING_ROLES,
        note_required=gettext_lazy(
            "Say what should change: a note is required to send an article back."
        ),
    ),
    "publish": Move(frozenset({S.IN_REVIEW}), S.PUBLISHED, EDITING_ROLES),
    "schedule": Move(frozenset({S.IN_REVIEW}), S.PUBLISHED, EDITING_ROLES),
    # Unpublishing returns an article (live or scheduled) to the draft desk.
    "unpublish": Move(frozenset({S.PUBLISHED}), S.DRAFT, EDITING_ROLES),
    # A retraction is final: the page stays with its notice, as the press council asks.
    "retract": Move(
        frozenset({S.PUBLISHED}),
        S.RETRACTED,
        frozenset({R.CHIEF}),
        live_only=True,
        note_required=gettext_lazy("A retraction needs a public reason."),
    ),
}

ALLOWED: dict[str, set[str]] = {
    status: {move.target for move in MOVES.values() if status in move.sources}
    for status in S
}


class TransitionError(Exception):
    """The requested move is not allowed from the article's current state."""


def is_own(article: Article, by: Editor) -> bool:
    """Whether the article is the actor's own work (created it, or credited on it)."""
    if article.created_by_id == by.user_id:
        return True
    return Article.objects.own_work(by.user).filter(pk=article.pk).exists()


def check(by: Editor, name: str, article: Article) -> None:
    """Raise PermissionDenied or TransitionError unless `by` may make move `name` now."""
    move = MOVES[name]
    role = by.role_at(article.outlet)
    names = {"who": by, "outlet": article.outlet}
    if role is None:
        raise PermissionDenied(_("%(who)s does not work for %(outlet)s.") % names)
    if role not in move.roles:
        if move.roles == {R.CHIEF}:
            raise PermissionDenied(
                _("Only the outlet's editor-in-chief may retract an article.")
            )
        raise PermissionDenied(_("%(who)s is not an editor of %(outlet)s.") % names)
    if move.own_only and role == R.REPORTER and not is_own(article, by):
        raise PermissionDenied(_("%(who)s may not submit this article.") % names)
    if article.status not in move.sources:
        raise TransitionError(
            _("“%(title)s” cannot go from %(from)s to %(to)s.")
            % {
                "title": article.title,
                "from": S(article.status).label,
                "to": S(move.target).label,
            }
        )
    if move.live_only and article.is_scheduled:
        raise TransitionError(
            _("A scheduled article is not public yet: unpublish it instead.")
        )


def may(by: Editor | None, name: str, article: Article) -> bool:
    """Whether `by` may make move `name` on the article now (buttons, actions, verbs)."""
    if by is None:
        return False
    try:
        check(by, name, article)
    except (PermissionDenied, TransitionError):
        return False
    return True


def available_moves(article: Article, by: Editor | None) -> list[str]:
    """Names of the moves this person may make on the article now, in table order."""
    return [name for name in MOVES if may(by, name, article)]


def offers(by: Editor | None, name: str) -> bool:
    """Whether `by` holds, at some outlet, a role that may make move `name`."""
    return by is not None and bool(by.roles() & MOVES[name].roles)


def may_edit(article: Article, by: Editor | None) -> bool:
    """Whether the actor may change the article's text now."""
    if by is None or article.status == S.RETRACTED:
        return False
    if by.role_at(article.outlet) in EDITING_ROLES:
        return True
    # A reporter edits what they may still submit: their own unfinished work.
    return may(by, "submit", article)


def keeps_source_date(article: Article) -> bool:
    """An imported archive article approved without a time keeps the date its outlet printed."""
    return bool(article.source_file and article.published_at)


def queue(user: AbstractBaseUser) -> dict[str, QuerySet[Article]]:
    """A staff member's queue: reviews awaiting them, own articles sent back, scheduled."""
    articles = Article.objects.on_desk(user).select_related("outlet")
    return {
        "review": articles.filter(
            status=S.IN_REVIEW, outlet__in=Outlet.objects.edited_by(user)
        ).order_by("updated_at"),
        "sent_back": articles.filter(status=S.CHANGES_REQUESTED)
        .filter(pk__in=Article.objects.own_work(user).values("pk"))
        .order_by("updated_at"),
        "scheduled": articles.scheduled().order_by("published_at"),
    }


def submit(article: Article, *, by: Editor, note: str = "") -> Article:
    """Send a draft (or an article sent back) to the review queue."""
    return _move(article, "submit", by=by, note=note)


def send_back(article: Article, *, by: Editor, note: str) -> Article:
    """Return an article in review to its writer with a note on what to change."""
    return _move(article, "send_back", by=by, note=note)


def publish(
    article: Article, *, by: Editor, at: datetime | None = None, note: str = ""
) -> Article:
    """Approve and publish now, or schedule for `at` (visibility is computed at query time).

    An imported archive article approved without a time keeps the date its outlet printed.
    """
    if at is None and keeps_source_date(article):
        return _move(
            article,
            "publish",
            by=by,
            note=note,
            published_at=article.published_at,
            published_date_only=article.published_date_only,
            published_by=by,
        )
    when = at or timezone.now()
    if timezone.is_naive(when):
        raise TransitionError(_("The publication time needs a time zone."))
    return _move(
        article,
        "schedule" if at else "publish",
        by=by,
        note=note,
        published_at=when,
        published_by=by,
    )


def unpublish(article: Article, *, by: Editor, note: str = "") -> Article:
    """Take a published or scheduled article off the site, back to the drafts."""
    return _move(
        article, "unpublish", by=by, note=note, published_at=None, published_by=None
    )


def retract(article: Article, *, by: Editor, reason: str) -> Article:
    """Retract a published article: its page stays and shows the public reason."""
    return _move(
        article,
        "retract",
        by=by,
        note=reason,
        retracted_at=timezone.now(),
        retraction_reason=reason.strip(),
    )


def _bulk_create(objs: list[Model]) -> None:
    if objs:
        type(objs[0])._default_manager.bulk_create(objs)


# No savepoint: the importer already wraps every call in a transaction of its own.
@transaction.atomic(savepoint=False)
def record_imports(
    imports: list[tuple[Article, str, date | datetime | None]],
    *,
    insert: Callable[[list[Model]], object] = _bulk_create,
) -> list[Article]:
    """Save new imported articles with their first statuses, logged as imports, in bulk.

    `published` is the source's publication time, or only its day (a `date`). `insert`
    writes a list of new rows of one model and sets their ids (the importer passes a
    faster equivalent of `bulk_create`).
    """
    articles = []
    for article, status, published in imports:
        if article.pk is not None:
            raise TransitionError(
                "Only a new, unsaved article can be recorded as imported."
            )
        if status not in (S.PUBLISHED, S.IN_REVIEW, S.DRAFT):
            raise TransitionError(f"An import cannot create a {status} article.")
        if status == S.PUBLISHED and published is None:
            raise TransitionError(
                "An article without a date cannot be imported as published."
            )
        article.status = status
        if published is not None:
            # Kept for the review queue too, so approval can publish on the source's date.
            article.published_date_only = not isinstance(published, datetime)
            article.published_at = _moment(published, article.outlet)
        if status == S.PUBLISHED:
            article.published_on = article.published_at.astimezone(
                article.outlet.zone
            ).date()
        articles.append(article)
    _settle_slugs(articles)
    insert(articles)
    insert(
        [
            Transition(article=article, to_status=article.status, note="import")
            for article in articles
        ]
    )
    pagecache.outlets_changed({article.outlet.slug for article in articles})
    return articles


def _moment(published: date | datetime, outlet) -> datetime:
    """A stamp's own time, or a bare date's midnight in the outlet's zone.

    Midnight, not noon: the day is all the source states, the article's URL date is the
    outlet-local day, and an article dated today is public at once, not later that day.
    """
    if isinstance(published, datetime):
        return published
    return datetime.combine(published, time.min, tzinfo=outlet.zone)


def _settle_slugs(articles: list[Article]) -> None:
    """Number the slugs that clash on an outlet's day (`-2`, `-3`…), one query for the lot."""
    dated = [a for a in articles if a.published_on is not None]
    if not dated:
        return
    # The unique constraint's index leads with the slug, so this is one probe per slug.
    taken = set(
        Article.objects.filter(slug__in={a.slug for a in dated})
        .order_by()
        .values_list("outlet_id", "published_on", "slug")
    )
    for article in dated:
        day = (article.outlet_id, article.published_on)
        if (*day, article.slug) in taken:
            # Rare: try `-2`, `-3`… against the rows of that day and this group.
            same_day = Article.objects.filter(outlet_id=day[0], published_on=day[1])
            base, n, candidate = article.slug[:245], 1, article.slug
            while (*day, candidate) in taken or same_day.filter(
                slug=candidate
            ).exists():
                n += 1
                candidate = f"{base}-{n}"
            article.slug = candidate
        taken.add((*day, article.slug))


def _publication_fields(article: Article, when: datetime | None) -> dict:
    if when is None:
        return {
            "published_at": None,
            "published_date_only": False,
            "published_on": None,
        }
    day = when.astimezone(article.outlet.zone).date()
    same_day = Article.objects.filter(outlet=article.outlet, published_on=day).exclude(
        pk=article.pk
    )
    return {
        "published_at": when,
        "published_date_only": False,
        "published_on": day,
        # Two stories with one headline on one day: the later one gets a numbered slug.
        "slug": unique_slug(same_day, article.slug, max_length=250),
    }


@transaction.atomic
def _move(
    article: Article, name: str, *, by: Editor, note: str = "", **fields
) -> Article:
    # Lock the row so two editors cannot move the same article at once, and judge the
    # move on the row as it is now, not as the caller last saw it.
    current = (
        Article.objects.select_for_update().select_related("outlet").get(pk=article.pk)
    )
    check(by, name, current)
    if MOVES[name].note_required and not note.strip():
        raise TransitionError(MOVES[name].note_required)
    if "published_at" in fields:
        date_only = fields.pop("published_date_only", False)
        fields.update(_publication_fields(current, fields.pop("published_at")))
        fields["published_date_only"] = date_only and fields["published_at"] is not None
    source = current.status
    fields["status"] = MOVES[name].target
    for field, value in fields.items():
        setattr(current, field, value)
    current.save(update_fields=[*fields, "updated_at"])
    Transition.objects.create(
        article=current,
        actor=by.user,
        from_status=source,
        to_status=current.status,
        note=note.strip(),
    )
    pagecache.article_changed(current)
    return current
