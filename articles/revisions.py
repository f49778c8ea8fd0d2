"""Article revisions: a snapshot after every save, diffs between two, and restoring one.

Every saved edit moves `Article.version` up by one and keeps a `Revision` of that version.
Two rules guard a save, from the change form and from a restore alike: the edit must start
from the current version (optimistic locking), and a change to the text of a public article
needs a correction note, which becomes a public `Correction`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import pagecache
from .models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Author,
    Correction,
    Editor,
    Region,
    Revision,
    Rubric,
    Tag,
)

# Editable fields kept in a snapshot; tags and credits are added as lists.
FIELDS = (
    "title",
    "slug",
    "lead",
    "body",
    "article_type",
    "rubric",
    "region",
    "editor",
    "dateline_place",
    "image_caption",
    "image_credit",
    "flag",
)
RELATED = {"rubric": Rubric, "region": Region, "editor": Editor}
# A change to these on a public article is a correction readers are told about.
TEXT_FIELDS = ("title", "lead", "body")


class EditConflict(Exception):
    """The edit started from an older version than the one now saved."""

    def __init__(self, current: Article, changes: list[Change]):
        self.current = current
        self.changes = changes
        super().__init__(
            _(
                "Someone else saved this article (now version %(version)s) after you "
                "opened it. Their changes are shown; your input is kept below. Open "
                "the article again to edit the latest version."
            )
            % {"version": current.version}
        )


class CorrectionRequired(Exception):
    """The text of a public article changed without a correction note."""

    def __init__(self):
        super().__init__(
            _(
                "This article is public: changing its title, lead or body needs a "
                "correction note for readers."
            )
        )


@dataclass(frozen=True)
class Change:
    field: str
    label: str
    old: str
    new: str

    def html_table(self) -> str:
        """A side-by-side diff table of the two values, as difflib renders it."""
        table = difflib.HtmlDiff(wrapcolumn=70).make_table(
            _lines(self.old), _lines(self.new), context=True, numlines=2
        )
        # Prose reads better with plain spaces; the template keeps them with pre-wrap.
        # difflib's presentational attributes are obsolete HTML: CSS does their work.
        for obsolete in (
            ' cellspacing="0"',
            ' cellpadding="0"',
            ' rules="groups"',
            ' nowrap="nowrap"',
        ):
            table = table.replace(obsolete, "")
        return table.replace("&nbsp;", " ")


def snapshot(article: Article) -> dict:
    """The article's editable fields, tags and credits, as JSON-ready values."""
    data = {}
    for name in FIELDS:
        if name in RELATED:
            related = getattr(article, name)
            data[name] = related and [related.pk, str(related)]
        else:
            data[name] = getattr(article, name)
    data["tags"] = [[tag.pk, tag.name] for tag in article.tags.order_by("pk")]
    data["credits"] = [
        [credit.author_id, credit.author.name, credit.role, credit.order]
        for credit in article.credits.select_related("author")
    ]
    return data


def changes(old: dict, new: dict) -> list[Change]:
    """The fields that differ between two snapshots, with readable before and after."""
    found = []
    for name in (*FIELDS, "tags", "credits"):
        before, after = old.get(name), new.get(name)
        if _key(name, before) != _key(name, after):
            found.append(
                Change(name, _label(name), _text(name, before), _text(name, after))
            )
    return found


def is_public(article: Article) -> bool:
    return article.status == ArticleStatus.PUBLISHED and not article.is_scheduled


def check(
    article: Article, *, opened_version: int | None, text: dict, correction_note: str
) -> Article:
    """Lock the saved row and refuse an edit from an old version, or a silent correction.

    Returns the saved (locked) article as it was before the edit.
    """
    current = Article.objects.select_for_update().get(pk=article.pk)
    if opened_version is not None and opened_version != current.version:
        raise EditConflict(current, changes_since(current, opened_version))
    if needs_correction(current, text) and not correction_note.strip():
        raise CorrectionRequired
    return current


def needs_correction(current: Article, text: dict) -> bool:
    """Whether new values of title, lead or body change a public article's text."""
    return is_public(current) and any(
        name in text and text[name] != getattr(current, name) for name in TEXT_FIELDS
    )


def changes_since(current: Article, version: int) -> list[Change]:
    """What was changed between `version` and the article as saved now."""
    opened = current.revisions.filter(version=version).first()
    if opened is None:
        return []
    return changes(opened.snapshot, snapshot(current))


def record(
    article: Article,
    *,
    by,
    before: Article | None = None,
    before_snapshot: dict | None = None,
    correction_note: str = "",
) -> Revision:
    """Keep a revision of the article just saved, bump its version, log a correction.

    `before` is the row as it was before this edit (None for a new article), and
    `before_snapshot` its snapshot, taken before tags and credits were saved.
    """
    after = snapshot(article)
    if before is None:
        version, changed = (
            article.version,
            [name for name, value in after.items() if value],
        )
    else:
        # Articles from before revisions (or imports) get their first state kept too.
        Revision.objects.get_or_create(
            article=article,
            version=before.version,
            defaults={"snapshot": before_snapshot, "at": before.updated_at},
        )
        version = before.version + 1
        changed = [change.field for change in changes(before_snapshot, after)]
    fields = {"version": version}
    text_changed = any(name in changed for name in TEXT_FIELDS)
    if before is not None and is_public(before) and text_changed:
        now = timezone.now()
        Correction.objects.create(
            article=article, note=correction_note.strip(), by=by, at=now
        )
        fields["content_modified_at"] = now
    Article.objects.filter(pk=article.pk).update(**fields)
    for name, value in fields.items():
        setattr(article, name, value)
    pagecache.article_changed(article)
    return Revision.objects.create(
        article=article,
        author=by,
        version=version,
        snapshot=after,
        changed_fields=changed,
    )


@transaction.atomic
def restore(
    article: Article,
    revision: Revision,
    *,
    by,
    opened_version: int | None,
    correction_note: str = "",
) -> Revision:
    """Bring back a revision's fields, tags and credits as a new revision."""
    data = revision.snapshot
    current = check(
        article,
        opened_version=opened_version,
        text={name: data.get(name, "") for name in TEXT_FIELDS},
        correction_note=correction_note,
    )
    before_snapshot = snapshot(current)
    restored = Article.objects.get(pk=current.pk)
    for name in FIELDS:
        if name not in data:
            continue
        if name == "slug" and restored.published_on is not None:
            continue  # A public URL stays as it is.
        if name in RELATED:
            pk = data[name] and data[name][0]
            exists = pk and RELATED[name].objects.filter(pk=pk).exists()
            setattr(restored, f"{name}_id", pk if exists else None)
        else:
            setattr(restored, name, data[name])
    restored.save(update_fields=[*FIELDS, "updated_at"])
    tag_pks = [pk for pk, _tag in data.get("tags", [])]
    restored.tags.set(Tag.objects.filter(pk__in=tag_pks))
    restored.credits.all().delete()
    credits = data.get("credits", [])
    # An author deleted since the revision cannot be credited again.
    existing = set(
        Author.objects.filter(pk__in=[c[0] for c in credits]).values_list(
            "pk", flat=True
        )
    )
    ArticleCredit.objects.bulk_create(
        ArticleCredit(article=restored, author_id=author_id, role=role, order=order)
        for author_id, _name, role, order in credits
        if author_id in existing
    )
    return record(
        restored,
        by=by,
        before=current,
        before_snapshot=before_snapshot,
        correction_note=correction_note,
    )


def _key(name: str, value):
    if name in RELATED:
        return value and value[0]
    if name == "tags":
        return [pk for pk, _tag in value or []]
    if name == "credits":
        return [(author, role, order) for author, _name, role, order in value or []]
    return value or ""


def _text(name: str, value) -> str:
    if name in RELATED:
        return value[1] if value else ""
    if name == "tags":
        return ", ".join(tag for _pk, tag in value or [])
    if name == "credits":
        return "\n".join(
            f"{author} ({role})" for _pk, author, role, _order in value or []
        )
    return str(value or "")


def labels(names: list[str]) -> str:
    """Changed field names as people read them: `judul, isi`, not `title, body`."""
    return ", ".join(_label(name) for name in names)


def _label(name: str) -> str:
    if name == "credits":
        return str(Article._meta.get_field("authors").verbose_name)
    return str(Article._meta.get_field(name).verbose_name)


def _lines(text: str) -> list[str]:
    # Body HTML is one long line; a line per paragraph makes a diff people can read.
    for tag in ("</p>", "</li>", "</h2>", "</h3>", "</blockquote>", "<br>"):
        text = text.replace(tag, f"{tag}\n")
    return text.splitlines() or [""]
