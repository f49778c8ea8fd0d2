"""Field-by-field accuracy of the importer's parser on labelled corpora, and its speed
on pathological files.

Each `NAME.txt` has its expected fields in `NAME.json` (the keys of tests/fixtures/seeds/expected).
Default corpora: the five seeds and the hold-out sets in tests/fixtures/holdout/ and
tests/fixtures/holdout3/ (each written blind to the parser's code, from the spec and the
format research only). Besides fields right, each corpus reports its guessed years:
a date given where none was expected, or a year other than the expected one (must be 0).
Then the parse time of 1 MB pathological files (issue 9: should stay under 2 s).

    .venv/bin/python bench/parser_accuracy.py [FOLDER ...]
"""

from __future__ import annotations

import json
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from articles.importing import parse  # noqa: E402

SIMPLE_FIELDS = (
    "outlet",
    "title",
    "lead",
    "rubric",
    "region",
    "authors",
    "editor",
    "reporter",
    "photo_credit",
    "dateline_place",
    "published",
    "related_headlines",
)


# The import's own moment, fixed so that scores do not drift with the calendar.
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def field_checks(
    raw: bytes, expected: dict, source_name: str | None = None
) -> dict[str, tuple[object, object]]:
    """(got, expected) for every field of one labelled article."""
    parsed = parse(raw, source_name=source_name, now=NOW)
    preview = parsed.preview("")
    checks = {name: (preview[name], expected[name]) for name in SIMPLE_FIELDS}
    body = list(parsed.body)
    if expected.get("expected_error"):
        checks["error"] = (parsed.error is not None, True)
        return checks
    checks["error"] = (parsed.error, None)
    checks["body_first_sentence"] = (
        body[0][: len(expected["body_first_sentence"])] if body else None,
        expected["body_first_sentence"],
    )
    checks["body_last_sentence"] = (
        body[-1][-len(expected["body_last_sentence"]) :] if body else None,
        expected["body_last_sentence"],
    )
    checks["body_paragraph_count"] = (len(body), expected["body_paragraph_count"])
    return checks


def labelled(folder: Path):
    for expected_path in sorted(folder.glob("*.json")):
        text_path = expected_path.with_suffix(".txt")
        if text_path.exists():
            yield text_path, json.loads(expected_path.read_text(encoding="utf-8"))


def seed_corpus(seeds: Path):
    for n, text_path in enumerate(sorted(seeds.glob("*.txt"))):
        yield (
            text_path,
            json.loads((seeds / "expected" / f"seed-{n:03d}.json").read_text()),
        )


def guessed_year(got: str | None, want: str | None) -> bool:
    """A publication date where none was expected, or in another year."""
    return got is not None and (want is None or got[:4] != want[:4])


def score(items) -> tuple[int, int, int, int, list[str]]:
    """(files, fields right, fields, guessed years, misses) over labelled articles."""
    total = right = files = guessed = 0
    misses = []
    for path, expected in items:
        files += 1
        checks = field_checks(path.read_bytes(), expected, source_name=path.name)
        guessed += guessed_year(*checks["published"])
        for field, (got, want) in checks.items():
            total += 1
            if got == want:
                right += 1
            else:
                misses.append(f"  {path.name} {field}: got {got!r}, expected {want!r}")
    return files, right, total, guessed, misses


PATHOLOGICAL = {
    "one line of dates `(20/7/2023) `": b"(20/7/2023) ",
    "short lines `\\nx`": b"\nx",
    "blank-separated words": b"kata\n\n",
    "sentences split by blank lines": b"\n\nkata lanjut",
}


def pathological_seconds(size: int = 1_000_000) -> dict[str, tuple[float, float]]:
    """(CPU, wall-clock) seconds to parse a `size`-byte file of each pathological pattern.

    CPU time is the figure to compare: on a shared machine the wall clock also counts
    the time other processes held the cores.
    """
    head = b"Judul Berita\n\nKUPANG - Senin (3/7/2023) polisi berpatroli.\n\n"
    seconds = {}
    for name, unit in PATHOLOGICAL.items():
        raw = head + unit * ((size - len(head)) // len(unit))
        cpu, wall = time.process_time(), time.perf_counter()
        parse(raw, now=NOW)
        seconds[name] = (time.process_time() - cpu, time.perf_counter() - wall)
    return seconds


def main(argv: list[str]) -> int:
    fixtures = REPO / "tests" / "fixtures"
    corpora = {Path(a).name: labelled(Path(a)) for a in argv} or {
        "seeds": seed_corpus(fixtures / "seeds"),
        "holdout": labelled(fixtures / "holdout"),
        "holdout3": labelled(fixtures / "holdout3"),
    }
    for name, items in corpora.items():
        files, right, total, guessed, misses = score(items)
        print(
            f"{name}: {right}/{total} fields right ({100 * right / max(total, 1):.1f}%) "
            f"in {files} files; guessed years: {guessed}"
        )
        print("\n".join(misses))
    if not argv:
        for name, (cpu, wall) in pathological_seconds().items():
            print(
                f"1 MB pathological file, {name}: {cpu:.2f} s CPU ({wall:.2f} s wall)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
