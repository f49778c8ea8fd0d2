"""Import scraped article text files: parse each one, load it, report per file."""

import itertools
import json
import multiprocessing as mp
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from django.core.management.base import BaseCommand, CommandError

from articles import importing
from articles.importing.loader import (
    GROUP_SIZE,
    ImportRun,
    Outcome,
    tune_sqlite_for_import,
)
from articles.importing.parsed import ParsedArticle
from articles.models import ArticleStatus, Outlet

STATUSES = {"published": ArticleStatus.PUBLISHED, "draft": ArticleStatus.IN_REVIEW}
STDIN = "-"
# Files parsed in this process before worker processes take over (see `_parsed`).
PARSE_HERE = 100
PARSE_WORKERS = 2
PARSE_CHUNK = 50


class Command(BaseCommand):
    help = (
        "Import scraped articles from files, directories (every *.txt inside) or - "
        "(stdin). Re-running creates nothing new: files already imported are duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument(
            "--outlet",
            metavar="SLUG",
            help="Outlet for every file (otherwise taken from the file's brand; "
            "files of an unrecognised outlet fail).",
        )
        parser.add_argument(
            "--status",
            choices=STATUSES,
            default="published",
            help="published (on the article's own date) or draft (to the review queue).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Go through it all, write nothing."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="Print one JSON object per file on stdout (the summary goes to stderr).",
        )

    def handle(self, *args, paths, dry_run, **options):
        run = ImportRun(
            outlet=self._outlet(options["outlet"]),
            status=STATUSES[options["status"]],
            dry_run=dry_run,
        )
        as_json = options["json"]
        report = self.stderr if as_json else self.stdout
        show_progress = sys.stderr.isatty()
        total = sum(1 for _ in _files(paths)) if show_progress else 0
        if not dry_run:
            tune_sqlite_for_import()
        counts, failures = Counter(), []
        started = time.monotonic()
        results = run.load_all(_parsed(_read(paths)))
        for done, (source, parsed, result) in enumerate(results, start=1):
            counts[result.outcome] += 1
            if result.outcome == Outcome.FAILED:
                failures.append((source, result.reason))
            if as_json:
                self._print_json(parsed, source, result)
            if options["verbosity"] > 1:
                for warning in parsed.warnings:
                    report.write(f"{source}: warning: {warning}")
            if show_progress:
                _progress(done, total)
        if show_progress:
            sys.stderr.write("\n")
        if dry_run:
            report.write("Dry run: nothing was written.")
        report.write(
            f"Imported: {counts[Outcome.CREATED]} created, "
            f"{counts[Outcome.DUPLICATE]} duplicates, {counts[Outcome.FAILED]} failed."
        )
        for source, reason in failures:
            report.write(f"  {source}: {reason}")
        seconds = time.monotonic() - started
        files = sum(counts.values())
        report.write(
            f"{files} file(s) in {seconds:.1f} s ({files / max(seconds, 1e-9):.0f} files/s)."
        )
        if failures:
            raise CommandError(f"{len(failures)} file(s) could not be imported.")

    def _outlet(self, slug: str | None) -> Outlet | None:
        if slug is None:
            return None
        try:
            return Outlet.objects.get(slug=slug)
        except Outlet.DoesNotExist:
            known = ", ".join(Outlet.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"No outlet with the slug {slug!r}. Known: {known}."
            ) from None

    def _print_json(self, parsed: ParsedArticle, source: str, result) -> None:
        line = parsed.preview(source, result.duplicate_of)
        line["error"] = result.reason
        self.stdout.write(json.dumps(line, ensure_ascii=False))


def _files(paths: list[str]) -> Iterator[tuple[str, OSError | None]]:
    """(path, None) per file, paths as given, directories walked lazily for *.txt in
    sorted order; (path, error) for a folder that cannot be listed."""
    for path in paths:
        if path == STDIN or not os.path.isdir(path):
            yield path, None
            continue
        unlisted: list[OSError] = []
        for folder, subfolders, names in os.walk(path, onerror=unlisted.append):
            while unlisted:
                error = unlisted.pop()
                yield error.filename or folder, error
            subfolders.sort()
            for name in sorted(names):
                if name.endswith(".txt"):
                    yield os.path.join(folder, name), None
        for error in unlisted:
            yield error.filename or path, error


def _read(paths: list[str]) -> Iterator[tuple[str, bytes, str | None]]:
    """(source, bytes, None) per file, or (source, b"", why it cannot be read)."""
    for source, error in _files(paths):
        if error is None:
            try:
                if source == STDIN:
                    raw = sys.stdin.buffer.read()
                else:
                    with open(source, "rb") as file:
                        raw = file.read()
            except OSError as exc:
                error = exc
        if error is not None:
            yield source, b"", f"cannot read it: {error.strerror or error}"
        else:
            yield source, raw, None


def _parsed(
    files: Iterator[tuple[str, bytes, str | None]],
) -> Iterator[tuple[str, ParsedArticle]]:
    """(source, ParsedArticle) per file, in input order.

    Long runs parse in worker processes, so parsing overlaps writing on a second core; files
    travel in chunks, as one round trip per file would cost more than parsing it. The first
    files are parsed here: a short run is done before a pool would have started.
    """
    for source, raw, unreadable in itertools.islice(files, PARSE_HERE):
        yield source, _parse_or_report(raw, unreadable)
    workers = min(PARSE_WORKERS, os.cpu_count() or 1)
    # Writing is the serial part of an import: parsers yield the CPU to it when short of cores.
    with ProcessPoolExecutor(
        workers, mp_context=mp.get_context("fork"), initializer=os.nice, initargs=(10,)
    ) as pool:
        window: deque[tuple[list[str], Future]] = deque()
        while chunk := list(itertools.islice(files, PARSE_CHUNK)):
            sources = [source for source, _, _ in chunk]
            window.append((sources, pool.submit(_parse_chunk, [f[1:] for f in chunk])))
            # Enough in flight to keep workers busy while a whole group is written; bounded,
            # so memory stays flat however many files the run has.
            if len(window) * PARSE_CHUNK > 2 * GROUP_SIZE:
                yield from _settled(*window.popleft())
        while window:
            yield from _settled(*window.popleft())


def _settled(sources: list[str], parsed: Future) -> Iterator[tuple[str, ParsedArticle]]:
    return zip(sources, parsed.result(), strict=True)


def _parse_chunk(chunk: list[tuple[bytes, str | None]]) -> list[ParsedArticle]:
    return [_parse_or_report(raw, unreadable) for raw, unreadable in chunk]


def _parse_or_report(raw: bytes, unreadable: str | None) -> ParsedArticle:
    return ParsedArticle(error=unreadable) if unreadable else _parse(raw)


def _parse(raw: bytes) -> ParsedArticle:
    # Looked up at call time, so the parser can be swapped (tests, new styles).
    try:
        return importing.parse(raw)
    except Exception as exc:  # a parser bug must cost one file, not the run
        return ParsedArticle(error=f"the parser failed on this file ({exc!r})")


def _progress(done: int, total: int, width: int = 30) -> None:
    filled = width * done // max(total, 1)
    sys.stderr.write(f"\r[{'#' * filled}{' ' * (width - filled)}] {done}/{total}")
    sys.stderr.flush()
