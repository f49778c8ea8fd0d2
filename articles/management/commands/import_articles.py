"""Import scraped article text files: parse each one, load it, report per file."""

import contextlib
import ctypes
import ctypes.util
import itertools
import json
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles import importing
from articles.importing.loader import (
    GROUP_SIZE,
    ImportRun,
    Outcome,
    printable,
    tune_sqlite_for_import,
)
from articles.importing.outlets import LAUNCH_OUTLETS, launch_outlet
from articles.importing.parsed import ParsedArticle
from articles.models import ArticleStatus, Outlet

STATUSES = {"published": ArticleStatus.PUBLISHED, "draft": ArticleStatus.IN_REVIEW}
STDIN = "-"
# Files parsed in this process before worker processes take over (see `_parsed`).
PARSE_HERE = 100
PARSE_WORKERS = 2
PARSE_CHUNK = 50
# Off a terminal (a log, a pipe) progress is a line every so many files or seconds.
PROGRESS_EVERY_FILES = 1000
PROGRESS_EVERY_SECONDS = 30.0
# The exit status of a run stopped with Ctrl-C, as a shell reports SIGINT.
INTERRUPTED = 130
PR_SET_PDEATHSIG = 1


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
        found = sum(1 for _, error in _files(paths) if not _missing(error))
        progress = _Progress(self.stderr, found)
        if not dry_run:
            tune_sqlite_for_import()
        tally = _Tally()
        try:
            # One moment for the whole run: no article may be dated after it.
            files = _parsed(_read(paths), now=timezone.now())
            for source, parsed, result in run.load_all(files):
                tally.add(printable(source), parsed, result)
                if as_json:
                    self._print_json(parsed, source, result)
                progress.update(tally.files)
        except KeyboardInterrupt:
            progress.finish()
            for line in tally.summary(dry_run, verbose=options["verbosity"] > 1):
                report.write(line)
            raise CommandError(
                "Interrupted: the files counted above are saved; the file being written "
                "was rolled back. Run the same command again to import the rest.",
                returncode=INTERRUPTED,
            ) from None
        progress.finish()
        for line in tally.summary(dry_run, verbose=options["verbosity"] > 1):
            report.write(line)
        if found == 0:
            report.write(
                self.style.WARNING(
                    "Warning: no files found in "
                    + ", ".join(printable(path) for path in paths)
                    + " (a folder is searched for *.txt files)."
                )
            )
            raise CommandError("Nothing to import: no files were found.")
        report.write(progress.timing(tally.files))
        if tally.failures:
            raise CommandError(f"{len(tally.failures)} file(s) could not be imported.")

    def _outlet(self, slug: str | None) -> Outlet | None:
        if slug is None:
            return None
        try:
            return Outlet.objects.get(slug=slug)
        except Outlet.DoesNotExist:
            if slug in LAUNCH_OUTLETS:
                # Saved with the first article, as auto-detection would (none in a dry run).
                return launch_outlet(slug)
            known = ", ".join(Outlet.objects.values_list("slug", flat=True)) or "none"
            raise CommandError(
                f"No outlet with the slug {slug!r}. Known: {known}."
            ) from None

    def _print_json(self, parsed: ParsedArticle, source: str, result) -> None:
        line = parsed.preview(printable(source), result.duplicate_of)
        line["error"] = result.reason
        line["warnings"] = [*line["warnings"], *result.warnings]
        self.stdout.write(json.dumps(line, ensure_ascii=False))


class _Tally:
    """What became of the files so far, for the summary."""

    def __init__(self):
        self.counts: Counter = Counter()
        self.failures: list[tuple[str, str]] = []
        self.flagged: list[tuple[str, str]] = []
        self.warned: list[tuple[str, str]] = []

    @property
    def files(self) -> int:
        return sum(self.counts.values())

    def add(self, source: str, parsed: ParsedArticle, result) -> None:
        self.counts[result.outcome] += 1
        if result.outcome == Outcome.FAILED:
            self.failures.append((source, result.reason))
        if result.outcome != Outcome.CREATED:
            return
        if result.flag:
            self.flagged.append((source, result.flag))
        for warning in (*parsed.warnings, *result.warnings):
            self.warned.append((source, warning))

    def summary(self, dry_run: bool, *, verbose: bool) -> Iterator[str]:
        created, duplicates, failed = (
            self.counts[Outcome.CREATED],
            self.counts[Outcome.DUPLICATE],
            self.counts[Outcome.FAILED],
        )
        if dry_run:
            yield (
                f"Dry run, nothing was written: would create {created}, "
                f"{duplicates} duplicates, {failed} would fail."
            )
        else:
            yield f"Imported: {created} created, {duplicates} duplicates, {failed} failed."
        for source, reason in self.failures:
            yield f"  {source}: {reason}"
        warned_files = len({source for source, _ in self.warned})
        if self.flagged or warned_files:
            drafts = "would be flagged drafts" if dry_run else "flagged drafts"
            yield (
                f"For an editor: {len(self.flagged)} {drafts}, {warned_files} "
                f"file(s) with warnings" + ("." if verbose else " (-v 2 lists them).")
            )
        if verbose:
            for source, flag in self.flagged:
                yield f"  {source}: flagged: {flag}"
            for source, warning in self.warned:
                yield f"  {source}: warning: {warning}"


def _files(paths: list[str]) -> Iterator[tuple[str, OSError | None]]:
    """(path, None) per file, paths as given, directories walked lazily for *.txt in
    sorted order; (path, error) for a folder that cannot be listed."""
    for path in paths:
        if path != STDIN and not os.path.lexists(path):
            yield path, FileNotFoundError(2, "no such file or folder", path)
            continue
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


def _missing(error: OSError | None) -> bool:
    return isinstance(error, FileNotFoundError)


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
    files: Iterator[tuple[str, bytes, str | None]], *, now: datetime
) -> Iterator[tuple[str, ParsedArticle]]:
    """(source, ParsedArticle) per file, in input order.

    Long runs parse in worker processes, so parsing overlaps writing on a second core; files
    travel in chunks, as one round trip per file would cost more than parsing it. The first
    files are parsed here: a short run is done before a pool would have started.
    """
    for source, raw, unreadable in itertools.islice(files, PARSE_HERE):
        yield source, _parse_or_report(source, raw, unreadable, now)
    workers = min(PARSE_WORKERS, os.cpu_count() or 1)
    with ProcessPoolExecutor(
        workers,
        mp_context=mp.get_context("fork"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        window: deque[tuple[list[str], Future]] = deque()
        while chunk := list(itertools.islice(files, PARSE_CHUNK)):
            sources = [source for source, _, _ in chunk]
            window.append((sources, pool.submit(_parse_chunk, chunk, now)))
            # Enough in flight to keep workers busy while a whole group is written; bounded,
            # so memory stays flat however many files the run has.
            if len(window) * PARSE_CHUNK > 2 * GROUP_SIZE:
                yield from _settled(*window.popleft())
        while window:
            yield from _settled(*window.popleft())


def _start_worker(parent: int) -> None:
    """Set a parse worker up to serve its import and never outlive it."""
    # Parsers run at the writer's priority: the bounded window in `_parsed` already stops
    # them running ahead, and reniced (nice 10) they lost the CPU to any other busy process
    # while the writer sat waiting for their results.
    # Ctrl-C reaches the whole process group: the import itself stops and sums up.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A parent killed outright (SIGKILL, OOM) cannot shut its pool down: the kernel ends
    # the worker with it (Linux), or the worker notices it is orphaned (elsewhere).
    libc = ctypes.util.find_library("c")
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(libc, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _settled(sources: list[str], parsed: Future) -> Iterator[tuple[str, ParsedArticle]]:
    return zip(sources, parsed.result(), strict=True)


def _parse_chunk(
    chunk: list[tuple[str, bytes, str | None]], now: datetime
) -> list[ParsedArticle]:
    return [_parse_or_report(*file, now) for file in chunk]


def _parse_or_report(
    source: str, raw: bytes, unreadable: str | None, now: datetime
) -> ParsedArticle:
    if unreadable:
        return ParsedArticle(error=unreadable)
    return _parse(raw, None if source == STDIN else printable(source), now)


def _parse(raw: bytes, source_name: str | None, now: datetime) -> ParsedArticle:
    # Looked up at call time, so the parser can be swapped (tests, new styles).
    try:
        # The file name may carry the year a yearless body date lacks.
        return importing.parse(raw, source_name=source_name, now=now)
    except Exception as exc:  # a parser bug must cost one file, not the run
        return ParsedArticle(error=f"the parser failed on this file ({exc!r})")


class _Progress:
    """A bar on a terminal; elsewhere (a log, a pipe) a line every so many files or seconds."""

    def __init__(self, out, total: int):
        self.out, self.total = out, total
        self.on_terminal = out.isatty()
        self.started = self.last_at = time.monotonic()
        self.last_done = 0
        self.shown = False

    def update(self, done: int) -> None:
        now = time.monotonic()
        if self.on_terminal:
            self._bar(done, now)
        elif (
            done - self.last_done >= PROGRESS_EVERY_FILES
            or now - self.last_at >= PROGRESS_EVERY_SECONDS
        ):
            self.out.write(f"Progress: {self._status(done, now)}")
            self.out.flush()
            self.last_done, self.last_at = done, now

    def finish(self) -> None:
        if self.shown:
            self.out.write("")

    def timing(self, files: int) -> str:
        seconds = time.monotonic() - self.started
        line = f"{files} file(s) in {seconds:.1f} s"
        # A rate over a moment or over files never read says nothing.
        if files and self.total and seconds >= 1:
            line += f" ({files / seconds:.0f} files/s)"
        return line + "."

    def _bar(self, done: int, now: float, width: int = 30) -> None:
        filled = width * done // max(self.total, 1)
        self.out.write(
            f"\r[{'#' * filled}{' ' * (width - filled)}] {self._status(done, now)}",
            ending="",
        )
        self.out.flush()
        self.shown = True

    def _status(self, done: int, now: float) -> str:
        seconds = max(now - self.started, 1e-9)
        rate = done / seconds
        text = f"{done}/{self.total} files, {rate:.0f} files/s"
        if rate > 0 and self.total > done:
            text += f", about {_duration((self.total - done) / rate)} left"
        return text


def _duration(seconds: float) -> str:
    minutes, seconds = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
