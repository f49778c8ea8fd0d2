"""Every status change of an article, and who may make it.

This module is the only writer of `Article.status`, `published_at` and the fields that go
with them. Each public function takes the article first and the acting `Editor` as `by=`,
checks the actor's rights for the article's outlet, moves the status under a row lock, logs a
`Transition`, and returns the fresh instance. Refusals raise `TransitionError` (the move is
not allowed from this status, or a required note is missing) or `PermissionDenied` (the
actor may not make it); either way nothing changes.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from . import pagecache
from .models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Editor,
    EditorRole,
    Outlet,
    Transition,
    unique_slug,
)

S = ArticleStatus

ALLOWED: dict[str, set[str]] = {
    S.DRAFT: {S.IN_REVIEW},
    S.IN_REVIEW: {S.CHANGES_REQUESTED, S.PUBLISHED},
    S.CHANGES_REQUESTED: {S.IN_REVIEW},
    # Unpublishing returns an article (live or scheduled) to the draft desk.
    S.PUBLISHED: {S.DRAFT, S.RETRACTED},
    # A retraction is final: the page stays with its notice, as the press council asks.
    S.RETRACTED: set(),
}


class TransitionError(Exception):
    """The requested move is not allowed from the article's current state."""


def is_own(article: Article, by: Editor) -> bool:
    """Whether the article is the actor's own work (created it, or credited on it)."""
    if article.created_by_id == by.user_id:
        return True
    return article.credits.filter(author__user_id=by.user_id).exists()


def may_edit(article: Article, by: Editor) -> bool:
    """Whether the actor may change the article's text now."""
    if article.status == S.RETRACTED:
        return False
    if by.edits(article.outlet):
        return True
    return (
        by.works_for(article.outlet)
        and article.status in (S.DRAFT, S.CHANGES_REQUESTED)
        and is_own(article, by)
    )


def outlets_of(user: AbstractBaseUser) -> QuerySet[Outlet]:
    """Outlets a staff member files for: all of them for a superuser."""
    if user.is_superuser:
        return Outlet.objects.all()
    editor = getattr(user, "editor", None)
    if editor is None:
        return Outlet.objects.none()
    return editor.outlets.all()


def desk(user: AbstractBaseUser) -> QuerySet[Article]:
    """Articles a staff member works with in the admin: their outlets' articles."""
    # A reporter sees a colleague's work only once it has left the drafts.
    articles = Article.objects.all()
    if user.is_superuser:
        return articles
    editor = getattr(user, "editor", None)
    if editor is None:
        return articles.none()
    articles = articles.filter(outlet__in=editor.outlets.all())
    if editor.role in (EditorRole.EDITOR, EditorRole.CHIEF):
        return articles
    return articles.filter(
        _own_work(user) | ~Q(status__in=[S.DRAFT, S.CHANGES_REQUESTED])
    )


def queue(user: AbstractBaseUser) -> dict[str, QuerySet[Article]]:
    """A staff member's queue: reviews awaiting them, own articles sent back, scheduled."""
    articles = desk(user).select_related("outlet")
    editor = getattr(user, "editor", None)
    reviews = (
        articles.filter(status=S.IN_REVIEW)
        if user.is_superuser
        or (editor and editor.role in (EditorRole.EDITOR, EditorRole.CHIEF))
        else articles.none()
    )
    return {
        "review": reviews.order_by("updated_at"),
        "sent_back": articles.filter(
            _own_work(user), status=S.CHANGES_REQUESTED
        ).order_by("updated_at"),
        "scheduled": articles.scheduled().order_by("published_at"),
    }


def _own_work(user: AbstractBaseUser) -> Q:
    # The queryset form of is_own(): created by the user, or credited to them.
    credited = ArticleCredit.objects.filter(author__user=user).values("article")
    return Q(created_by=user) | Q(pk__in=credited)


def available_moves(article: Article, by: Editor) -> list[str]:
    """Names of the workflow functions this actor may apply to the article now."""
    checks = {
        "submit": lambda: (
            article.status in (S.DRAFT, S.CHANGES_REQUESTED) and may_edit(article, by)
        ),
        "send_back": lambda: article.status == S.IN_REVIEW and by.edits(article.outlet),
        "publish": lambda: article.status == S.IN_REVIEW and by.edits(article.outlet),
        "unpublish": lambda: article.status == S.PUBLISHED and by.edits(article.outlet),
        "retract": lambda: (
            article.status == S.PUBLISHED
            and not article.is_scheduled
            and by.leads(article.outlet)
        ),
    }
    return [name for name, allowed in checks.items() if allowed()]


def submit(article: Article, *, by: Editor, note: str = "") -> Article:
    """Send a draft (or an article sent back) to the review queue."""
    if not may_edit(article, by):
        raise PermissionDenied(_("%(who)s may not submit this article.") % {"who": by})
    return _move(article, S.IN_REVIEW, by=by, note=note)


def send_back(article: Article, *, by: Editor, note: str) -> Article:
    """Return an article in review to its writer with a note on what to change."""
    _require_editor(article, by)
    if not note.strip():
        raise TransitionError(
            _("Say what should change: a note is required to send an article back.")
        )
    return _move(article, S.CHANGES_REQUESTED, by=by, note=note)


def publish(
    article: Article, *, by: Editor, at: datetime | None = None, note: str = ""
) -> Article:
    """Approve and publish now, or schedule for `at` (visibility is computed at query time).

    An imported archive article approved without a time keeps the date its outlet printed.
    """
    _require_editor(article, by)
    if at is None and article.source_file and article.published_at:
        return _move(
            article,
            S.PUBLISHED,
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
        article, S.PUBLISHED, by=by, note=note, published_at=when, published_by=by
    )


def unpublish(article: Article, *, by: Editor, note: str = "") -> Article:
    """Take a published or scheduled article off the site, back to the drafts."""
    _require_editor(article, by)
    return _move(
        article, S.DRAFT, by=by, note=note, published_at=None, published_by=None
    )


def retract(article: Article, *, by: Editor, reason: str) -> Article:
    """Retract a published article: its page stays and shows the public reason."""
    if not by.leads(article.outlet):
        raise PermissionDenied(
            _("Only the outlet's editor-in-chief may retract an article.")
        )
    if not reason.strip():
        raise TransitionError(_("A retraction needs a public reason."))
    if article.is_scheduled:
        raise TransitionError(
            _("A scheduled article is not public yet: unpublish it instead.")
        )
    return _move(
        article,
        S.RETRACTED,
        by=by,
        note=reason,
        retracted_at=timezone.now(),
        retraction_reason=reason.strip(),
    )


# No savepoint: the importer already wraps every call in a transaction of its own.
@transaction.atomic(savepoint=False)
def record_imports(
    imports: list[tuple[Article, str, date | datetime | None]],
) -> list[Article]:
    """Save new imported articles with their first statuses, logged as imports, in bulk.

    `published` is the source's publication time, or only its day (a `date`).
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
    Article.objects.bulk_create(articles)
    Transition.objects.bulk_create(
        Transition(article=article, to_status=article.status, note="import")
        for article in articles
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


def _require_editor(article: Article, by: Editor) -> None:
    if not by.edits(article.outlet):
        raise PermissionDenied(
            _("%(who)s is not an editor of %(outlet)s.")
            % {"who": by, "outlet": article.outlet}
        )


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
    article: Article, target: str, *, by: Editor, note: str = "", **fields
) -> Article:
    # Lock the row so two editors cannot move the same article at once.
    current = (
        Article.objects.select_for_update().select_related("outlet").get(pk=article.pk)
    )
    if target not in ALLOWED[current.status]:
        raise TransitionError(
            _("“%(title)s” cannot go from %(from)s to %(to)s.")
            % {
                "title": current.title,
                "from": S(current.status).label,
                "to": S(target).label,
            }
        )
    if "published_at" in fields:
        date_only = fields.pop("published_date_only", False)
        fields.update(_publication_fields(current, fields.pop("published_at")))
        fields["published_date_only"] = date_only and fields["published_at"] is not None
    source = current.status
    fields["status"] = target
    for name, value in fields.items():
        setattr(current, name, value)
    current.save(update_fields=[*fields, "updated_at"])
    Transition.objects.create(
        article=current,
        actor=by.user,
        from_status=source,
        to_status=target,
        note=note.strip(),
    )
    pagecache.article_changed(current)
    return current
