"""The result of parsing one scraped file: what every outlet style produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ParsedArticle:
    """Fields extracted from one scraped article (see shared import-spec.md).

    `published` is a `date` when only a day is known, an aware `datetime` when a
    publication stamp gave a time. `error` is set when the file cannot be imported;
    the other fields still carry whatever could be read.

    `needs_date` is the loader's marker for a flagged draft: the article has a body
    and a date without a year (`Kamis (19/11)`), and neither a stamp, a year stated in
    the text nor the source name gave one. `published` is then None, `error` is None,
    and `warnings` holds a line starting with `layout.NEEDS_DATE_WARNING`; the loader
    keeps the article as a draft for an editor to date instead of failing it.

    `related_after[i]` is the number of body paragraphs before the i-th `Baca juga`
    line (`related_headlines[i]`), so the link can be rendered where it stood:
    0 before the first paragraph, `len(body)` after the last.
    """

    outlet: str = "unknown"
    title: str | None = None
    lead: str | None = None
    rubric: str | None = None
    region: str | None = None
    authors: tuple[str, ...] = ()
    editor: str | None = None
    reporter: str | None = None
    photo_credit: str | None = None
    caption: str | None = None
    dateline_place: str | None = None
    published: date | datetime | None = None
    needs_date: bool = False
    body: tuple[str, ...] = ()
    related_headlines: tuple[str, ...] = ()
    related_after: tuple[int, ...] = ()
    error: str | None = None
    warnings: tuple[str, ...] = ()
    # sha256 of the text with whitespace and line endings normalised: the duplicate key.
    content_hash: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def published_iso(self) -> str | None:
        """`YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM±HH:MM` when a stamp gave a time."""
        if self.published is None:
            return None
        if isinstance(self.published, datetime):
            offset = self.published.strftime("%z")
            return f"{self.published:%Y-%m-%dT%H:%M}{offset[:3]}:{offset[3:]}"
        return self.published.isoformat()

    def preview(self, file: str, duplicate_of: str | None = None) -> dict:
        """The JSON preview object of import-spec.md, in its key order."""
        return {
            "file": file,
            "outlet": self.outlet,
            "title": self.title,
            "lead": self.lead,
            "rubric": self.rubric,
            "region": self.region,
            "authors": list(self.authors),
            "editor": self.editor,
            "reporter": self.reporter,
            "photo_credit": self.photo_credit,
            "dateline_place": self.dateline_place,
            "published": self.published_iso(),
            "body": list(self.body),
            "related_headlines": list(self.related_headlines),
            "error": self.error,
            "duplicate_of": duplicate_of,
            "warnings": list(self.warnings),
        }
