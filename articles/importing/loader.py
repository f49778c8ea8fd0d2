"""ParsedArticle -> rows: all or nothing per file, idempotent on the content hash.

`load()` writes one parsed file in its own transaction. `ImportRun.load_all` writes a stream
of them in groups (bulk inserts, one transaction per group) and falls back to one
transaction per file for any group that fails, so a bad file never leaves half-rows and
never takes good files down with it. A run keeps its lookups (outlets, rubrics, regions,
people) in memory, remembers the hashes it has seen, and links "Baca juga" headlines that
name an article imported later in the same run.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from html import escape

from django.db import (
    DatabaseError,
    IntegrityError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from .. import workflow
from ..models import (
    Article,
    ArticleCredit,
    ArticleStatus,
    Author,
    CreditRole,
    Editor,
    Outlet,
    Region,
    RelatedLink,
    Rubric,
    headline_key,
    name_key,
)
from . import bulk
from .outlets import LAUNCH_OUTLETS, launch_outlet
from .parsed import ParsedArticle

NO_HEADLINE_FLAG = "Imported without a headline: check the provisional title"
NO_YEAR_FLAG = "No year could be known for its date: give it one before it goes out"
FUTURE_FLAG = "Dated after the import ran: check its date before it goes out"
# Writes that lost a race with another import (a row it created first, a locked SQLite
# database) are tried again: the second try sees the other import's rows.
CONFLICT_RETRIES = 3
# How long an import waits for another one's write lock on SQLite.
SQLITE_WAIT_MS = 60_000
PROVISIONAL_TITLE_WORDS = 10
GROUP_SIZE = 200


class Outcome(enum.StrEnum):
    CREATED = "created"
    DUPLICATE = "duplicate"
    FAILED = "failed"


@dataclass(frozen=True)
class ImportResult:
    """What became of one file: created (or would be, in a dry run), duplicate, or failed."""

    outcome: Outcome
    article: Article | None = None
    reason: str | None = None
    duplicate_of: str | None = None
    # What the loader itself found for an editor to check (the parser's are on the file).
    warnings: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """Why the article was kept as a draft for an editor ("" when it was not)."""
        return self.article.flag if self.article is not None else ""


class _DryRun(Exception):
    """Raised inside a file's transaction to roll it back after a complete dry-run write."""

    def __init__(self, result: ImportResult):
        self.result = result


class _Lookup:
    """One run's memory of rows looked up or created by key.

    Keys added while a file is being written are forgotten if that file's transaction rolls
    back: the rows they point to are gone with it.
    """

    def __init__(self):
        self._rows: dict[Hashable, object] = {}
        self._fresh: list[Hashable] = []

    def get(self, key: Hashable, fetch: Callable[[], object]):
        if key not in self._rows:
            self._rows[key] = fetch()
            self._fresh.append(key)
        return self._rows[key]

    def first_time(self, key: Hashable) -> bool:
        """Whether `key` is new to this run (and remember it from now on)."""
        if key in self._rows:
            return False
        self._rows[key] = True
        self._fresh.append(key)
        return True

    def settle(self, *, kept: bool) -> None:
        if not kept:
            for key in self._fresh:
                self._rows.pop(key, None)
        self._fresh.clear()


def load(
    parsed: ParsedArticle, *, source: str, outlet: Outlet | None, status: str
) -> ImportResult:
    """Write one parsed file as an article; see `ImportRun.load`."""
    return ImportRun(outlet=outlet, status=status).load(parsed, source=source)


class ImportRun:
    """Loads the files of one import run; see the module docstring for transactions."""

    def __init__(
        self,
        *,
        outlet: Outlet | None = None,
        status: str = ArticleStatus.PUBLISHED,
        dry_run: bool = False,
    ):
        if status not in (ArticleStatus.PUBLISHED, ArticleStatus.IN_REVIEW):
            raise ValueError(
                f"Imported articles are published or in review, not {status}."
            )
        self.outlet = outlet
        self.status = status
        self.dry_run = dry_run
        self._outlets = _Lookup()
        self._rubrics = _Lookup()
        self._regions = _Lookup()
        self._authors = _Lookup()
        self._editors = _Lookup()
        self._author_outlets = _Lookup()
        self._lookups = (
            self._outlets,
            self._rubrics,
            self._regions,
            self._authors,
            self._editors,
            self._author_outlets,
        )
        # content hash -> file, for duplicates within this run (a dry run writes nothing
        # the database could answer from).
        self._seen: dict[str, str] = {}
        # Launch outlets saved by the transaction under way.
        self._created_outlets: list[Outlet] = []

    def load(self, parsed: ParsedArticle, *, source: str) -> ImportResult:
        """Write one parsed file in its own transaction: created, duplicate or failed.

        A duplicate or a failure writes nothing.
        """
        for _ in range(CONFLICT_RETRIES + 1):
            result = self._load_once(parsed, source)
            if not isinstance(result, Exception):
                return result
            # Another import may have saved the same outlet, person or article meanwhile:
            # the next try finds its rows (or reports the file as a duplicate).
            if not isinstance(result, IntegrityError | OperationalError):
                break
        return ImportResult(Outcome.FAILED, reason=_describe(result))

    def _load_once(
        self, parsed: ParsedArticle, source: str
    ) -> ImportResult | Exception:
        screened = self._screen(parsed, self._duplicate_of(parsed.content_hash))
        if isinstance(screened, ImportResult):
            return screened
        try:
            with transaction.atomic():
                [(article, warnings)] = self._write([(parsed, source, screened)])
                if self.dry_run:
                    raise _DryRun(
                        ImportResult(
                            Outcome.CREATED, article=article, warnings=warnings
                        )
                    )
        except _DryRun as dry:
            self._settle(kept=False)
            self._remember(parsed, source)
            return dry.result
        except Exception as exc:  # one bad file must not stop the run
            self._settle(kept=False)
            return exc
        self._settle(kept=True)
        self._remember(parsed, source)
        return ImportResult(Outcome.CREATED, article=article, warnings=warnings)

    def load_all(
        self, files: Iterable[tuple[str, ParsedArticle]]
    ) -> Iterator[tuple[str, ParsedArticle, ImportResult]]:
        """Load a stream of parsed files, yielding each one's result in input order.

        Files are written in groups of GROUP_SIZE, each group in one transaction with bulk
        inserts: committing file by file caps an import at a few hundred articles a second.
        No file is ever half-written: if anything in a group fails, the whole group rolls
        back and its files are loaded again one transaction each, so only the bad file fails.
        """
        group: list[tuple[str, ParsedArticle]] = []
        for item in files:
            group.append(item)
            if len(group) == GROUP_SIZE:
                yield from self._load_group(group)
                group = []
        if group:
            yield from self._load_group(group)

    def _load_group(self, group: list[tuple[str, ParsedArticle]]):
        if self.dry_run or len(group) == 1:
            for source, parsed in group:
                yield source, parsed, self.load(parsed, source=source)
            return
        earlier = self._duplicates_in_database(
            [parsed.content_hash for _, parsed in group]
        )
        results: list[ImportResult | None] = []
        pending, in_group = [], {}
        for source, parsed in group:
            known = in_group.get(parsed.content_hash) or self._seen.get(
                parsed.content_hash
            )
            screened = self._screen(parsed, known or earlier.get(parsed.content_hash))
            if isinstance(screened, ImportResult):
                results.append(screened)
                continue
            results.append(None)
            pending.append((parsed, source, screened))
            if parsed.content_hash:
                in_group[parsed.content_hash] = source
        try:
            with transaction.atomic():
                written = self._write(pending)
        except Exception:
            # Find the culprit the slow way: each file alone, in its own transaction.
            self._settle(kept=False)
            for (source, parsed), result in zip(group, results, strict=True):
                yield source, parsed, result or self.load(parsed, source=source)
            return
        self._settle(kept=True)
        articles = iter(written)
        for (source, parsed), result in zip(group, results, strict=True):
            if result is None:
                self._remember(parsed, source)
                article, warnings = next(articles)
                result = ImportResult(
                    Outcome.CREATED, article=article, warnings=warnings
                )
            yield source, parsed, result

    def _screen(
        self, parsed: ParsedArticle, duplicate_of: str | None
    ) -> Outlet | ImportResult:
        """The outlet a file goes to, or its result if it is not to be written."""
        if parsed.error:
            return ImportResult(Outcome.FAILED, reason=parsed.error)
        if duplicate_of is not None:
            return ImportResult(Outcome.DUPLICATE, duplicate_of=duplicate_of)
        outlet, reason = self._outlet_for(parsed)
        if outlet is None:
            return ImportResult(Outcome.FAILED, reason=reason)
        return outlet

    def _duplicates_in_database(self, hashes: list[str]) -> dict[str, str]:
        """content hash -> the existing article's source (or "article N"), for those found."""
        # Repeating the partial index's condition lets SQLite use it (PostgreSQL infers it).
        rows = (
            Article.objects.filter(content_hash__in=[h for h in hashes if h])
            .exclude(content_hash="")
            .order_by()
            .values_list("content_hash", "pk", "source_file")
        )
        return {digest: source or f"article {pk}" for digest, pk, source in rows}

    def _duplicate_of(self, content_hash: str) -> str | None:
        """The earlier file of this run, or the existing article, with this content."""
        if not content_hash:
            return None
        return self._seen.get(content_hash) or self._duplicates_in_database(
            [content_hash]
        ).get(content_hash)

    def _remember(self, parsed: ParsedArticle, source: str) -> None:
        if parsed.content_hash:
            self._seen[parsed.content_hash] = source

    def _settle(self, *, kept: bool) -> None:
        for lookup in self._lookups:
            lookup.settle(kept=kept)
        if not kept:
            # Rolled back with the transaction (or taken from another import's): unsaved
            # again, so the next file to need it finds or saves it afresh.
            for outlet in self._created_outlets:
                outlet.pk, outlet._state.adding = None, True
        self._created_outlets = []

    def _outlet_for(self, parsed: ParsedArticle) -> tuple[Outlet | None, str | None]:
        if self.outlet is not None:
            return self.outlet, None
        if parsed.outlet == "unknown":
            return None, "outlet not recognised: pass --outlet SLUG"
        outlets = self._outlets.get(
            parsed.outlet,
            lambda: list(
                Outlet.objects.filter(Q(style=parsed.outlet) | Q(slug=parsed.outlet))
            ),
        )
        by_style = [o for o in outlets if o.style == parsed.outlet] or outlets
        if len(by_style) == 1:
            return by_style[0], None
        if not by_style and parsed.outlet in LAUNCH_OUTLETS:
            # Saved by `_write`, inside the transaction of the first file that needs it.
            outlets.append(launch_outlet(parsed.outlet))
            return outlets[0], None
        if not by_style:
            return None, (
                f"no outlet uses the {parsed.outlet} style: create it or pass --outlet SLUG"
            )
        return None, (
            f"several outlets use the {parsed.outlet} style: pass --outlet SLUG"
        )

    def _write(
        self, pending: list[tuple[ParsedArticle, str, Outlet]]
    ) -> list[tuple[Article, tuple[str, ...]]]:
        """Insert the articles of `pending` with credits and links; the caller's transaction.

        Returns each article with the loader's own warnings about it.
        """
        imports, people, warnings = [], [], []
        for parsed, source, outlet in pending:
            if outlet.pk is None:
                _save_launch_outlet(outlet)
                self._created_outlets.append(outlet)
            published, flags, noted = _checked_date(parsed)
            article = self._article(parsed, source, outlet, flags)
            if article.flag:
                # A provisional title or an unknown date is for an editor to fix before
                # anything goes out.
                imports.append((article, ArticleStatus.DRAFT, published))
            else:
                imports.append((article, self.status, published))
            people.append(self._people(parsed))
            warnings.append(noted)
        articles = workflow.record_imports(imports, insert=bulk.insert)
        self._credit(articles, people)
        self._link_related(articles, [parsed for parsed, _, _ in pending])
        return list(zip(articles, warnings, strict=True))

    def _article(
        self, parsed: ParsedArticle, source: str, outlet: Outlet, flags: list[str]
    ) -> Article:
        title = parsed.title
        if not title:
            title = _provisional_title(parsed.body)
            flags = [NO_HEADLINE_FLAG, *flags]
        flag = _clip("; ".join(flags), 255)
        lead = parsed.lead if parsed.lead and parsed.lead != title else ""
        return Article(
            outlet=outlet,
            title=_clip(title, 300),
            # Unique per outlet and day: workflow settles it once the date is known.
            slug=slugify(title)[:250].strip("-") or "tanpa-judul",
            lead=lead,
            body="".join(f"<p>{escape(paragraph)}</p>" for paragraph in parsed.body),
            rubric=self._rubric(outlet, parsed.rubric),
            region=self._region(outlet, parsed.region),
            editor=self._editor(parsed.editor),
            dateline_place=_clip(parsed.dateline_place or "", 80),
            image_caption=_clip(parsed.caption or "", 500),
            image_credit=_clip(parsed.photo_credit or "", 150),
            source_file=_clip(printable(source), 500),
            content_hash=parsed.content_hash,
            flag=flag,
        )

    def _people(self, parsed: ParsedArticle) -> list[tuple[Author, str]]:
        """The credited people in order (writers, then the reporter), found or created."""
        named = [(name, CreditRole.WRITER) for name in parsed.authors]
        if parsed.reporter:
            named.append((parsed.reporter, CreditRole.REPORTER))
        people = []
        for name, role in named:
            author = self._author(name)
            if author is not None and (author, role) not in people:
                people.append((author, role))
        return people

    def _credit(
        self, articles: list[Article], people: list[list[tuple[Author, str]]]
    ) -> None:
        bulk.insert(
            [
                ArticleCredit(article=article, author=author, role=role, order=order)
                for article, credited in zip(articles, people, strict=True)
                for order, (author, role) in enumerate(credited)
            ]
        )
        # Author pages list the outlets a person writes for.
        links = {
            (author.pk, article.outlet_id)
            for article, credited in zip(articles, people, strict=True)
            for author, _ in credited
        }
        new_links = [
            Author.outlets.through(author_id=author_pk, outlet_id=outlet_pk)
            for author_pk, outlet_pk in sorted(links)
            if self._author_outlets.first_time((author_pk, outlet_pk))
        ]
        if new_links:
            Author.outlets.through.objects.bulk_create(new_links, ignore_conflicts=True)

    def _author(self, name: str) -> Author | None:
        key = name_key(name)
        if not key:
            return None
        return self._authors.get(key, lambda: Author.objects.for_name(_clip(name, 150)))

    def _editor(self, name: str | None) -> Editor | None:
        key = name_key(name or "")
        if not key:
            return None
        return self._editors.get(
            key, lambda: Editor.objects.for_credit(_clip(name, 150))
        )

    def _rubric(self, outlet: Outlet, name: str | None) -> Rubric | None:
        slug = _slug(name)
        if not slug:
            return None
        return self._rubrics.get(
            (outlet.pk, slug),
            lambda: Rubric.objects.get_or_create(
                outlet=outlet, slug=slug, defaults={"name": _clip(name, 120)}
            )[0],
        )

    def _region(self, outlet: Outlet, name: str | None) -> Region | None:
        slug = _slug(name)
        if not slug:
            return None
        return self._regions.get(
            (outlet.pk, slug),
            lambda: Region.objects.get_or_create(
                outlet=outlet, slug=slug, defaults={"name": _clip(name, 120)}
            )[0],
        )

    def _link_related(
        self, articles: list[Article], parsed: list[ParsedArticle]
    ) -> None:
        """Save the "Baca juga" lines of `articles` and link every one whose target exists.

        Lines saved earlier (this run or any before) that wait for one of these articles'
        headlines are linked now; the new lines link to the outlets' articles of that
        headline. A few queries for the lot, whatever the number of files.
        """
        titles: dict[tuple[int, str], int] = {}
        for article in articles:
            titles.setdefault(
                (article.outlet_id, headline_key(article.title)), article.pk
            )
        waiting = (
            RelatedLink.objects.filter(target__isnull=True)
            .annotate(key=Lower("headline"))
            .filter(
                key__in={key for _, key in titles},
                article__outlet_id__in={outlet for outlet, _ in titles},
            )
            .values_list("pk", "article__outlet_id", "key", "article_id")
        )
        linked = [
            RelatedLink(pk=pk, target_id=target)
            for pk, outlet, key, source in waiting
            if (target := titles.get((outlet, key))) not in (None, source)
        ]
        if linked:
            RelatedLink.objects.bulk_update(linked, ["target"])

        lines = [
            (article, " ".join(headline.split()), position)
            for article, one in zip(articles, parsed, strict=True)
            for headline, position in _placed(one)
        ]
        wanted = {(a.outlet_id, headline_key(headline)) for a, headline, _ in lines}
        found: dict[tuple[int, str], int] = {}
        if wanted:
            rows = (
                Article.objects.annotate(key=Lower("title"))
                .filter(
                    outlet_id__in={outlet for outlet, _ in wanted},
                    key__in={key for _, key in wanted},
                )
                .order_by("pk")
                .values_list("outlet_id", "key", "pk")
            )
            for outlet, key, pk in rows:
                found.setdefault((outlet, key), pk)
        new_links = []
        for article, headline, position in lines:
            target = found.get((article.outlet_id, headline_key(headline)))
            new_links.append(
                RelatedLink(
                    article=article,
                    position=position,
                    headline=_clip(headline, 300),
                    target_id=None if target == article.pk else target,
                )
            )
        bulk.insert(new_links)


def _placed(parsed: ParsedArticle) -> list[tuple[str, int | None]]:
    """Each "Baca juga" headline with the number of body paragraphs before it.

    The place is None (unknown) when the parser does not report it.
    """
    headlines = parsed.related_headlines
    after = getattr(parsed, "related_after", None)
    if after is None or len(after) != len(headlines):
        after = (None,) * len(headlines)
    return [
        (headline, None if position is None else min(position, 32767))
        for headline, position in zip(headlines, after, strict=True)
        if headline.strip()
    ]


def _save_launch_outlet(outlet: Outlet) -> None:
    """Save an unsaved launch outlet, or adopt the row another import saved meanwhile."""
    fields = {
        f.attname: getattr(outlet, f.attname)
        for f in Outlet._meta.concrete_fields
        if not f.primary_key and f.attname != "slug"
    }
    # get_or_create inserts in a savepoint and, losing a race on the unique slug, reads
    # the winner's row instead of failing this file.
    row, _ = Outlet.objects.get_or_create(slug=outlet.slug, defaults=fields)
    for f in Outlet._meta.concrete_fields:
        setattr(outlet, f.attname, getattr(row, f.attname))
    outlet._state.adding, outlet._state.db = False, row._state.db


def _checked_date(
    parsed: ParsedArticle,
) -> tuple[date | datetime | None, list[str], tuple[str, ...]]:
    """The date to store, the flags that keep the article a draft, and warnings.

    A date is never guessed and never later than the import: when the parser could not know
    the year, or gives a date still to come, the article waits undated for an editor.
    """
    if getattr(parsed, "needs_date", False):
        return None, [NO_YEAR_FLAG], ()
    published = parsed.published
    if published is None:
        return None, [], ()
    now = timezone.now()
    if isinstance(published, datetime):
        late = published > now
    else:
        # The day is still to come everywhere on earth (UTC+14 is the earliest zone).
        late = published > (now + timedelta(hours=14)).date()
    if late:
        return (
            None,
            [FUTURE_FLAG],
            (f"dated {published.isoformat()}, after the import ran",),
        )
    return published, [], ()


def printable(source: str) -> str:
    """A file name as valid text: bytes that were not UTF-8 shown as \\xNN escapes."""
    try:
        raw = source.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = source.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


@lru_cache(maxsize=1024)
def _slug(name: str | None) -> str:
    """A rubric's or region's slug: a run names the same few thousands of times."""
    return slugify(name or "")[:120].strip("-")


def _provisional_title(body: tuple[str, ...]) -> str:
    words = " ".join(body[:1]).split()
    if not words:
        return "Tanpa judul"
    return " ".join(words[:PROVISIONAL_TITLE_WORDS]) + "…"


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _describe(exc: Exception) -> str:
    if isinstance(exc, workflow.TransitionError):
        return str(exc)
    return f"could not be saved ({type(exc).__name__}: {exc})"


def tune_sqlite_for_import() -> None:
    """Let an import commit its groups of files without an fsync per commit (SQLite only).

    WAL with synchronous=NORMAL keeps the database consistent on a crash or power cut; at
    worst the last few committed files are lost, and re-running the import (idempotent on
    the content hash) brings them back. WAL also lets the site keep reading during an import.
    Journal mode persists in the database file; synchronous lasts for this connection only.

    Another import may write to the same file at the same time: each transaction takes the
    write lock when it begins (BEGIN IMMEDIATE) and waits its turn for it, instead of
    failing when a read snapshot turns out stale at its first write.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return
    connection.ensure_connection()
    connection.transaction_mode = "IMMEDIATE"
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_WAIT_MS}")
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        except DatabaseError:
            pass  # e.g. another process holds the database: import at the default pace
