"""Field-by-field accuracy of the importer's parser on a labelled corpus.

Each `NAME.txt` has its expected fields in `NAME.json` (the keys of tests/fixtures/seeds/expected).
Default corpora: the five seeds and the hold-out set in tests/fixtures/holdout/ (written
blind to the parser's code, from the spec and the format research only).

    .venv/bin/python bench/parser_accuracy.py [FOLDER ...]
"""

from __future__ import annotations

import json
import sys
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


def field_checks(raw: bytes, expected: dict) -> dict[str, tuple[object, object]]:
    """(got, expected) for every field of one labelled article."""
    parsed = parse(raw)
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


def main(argv: list[str]) -> int:
    corpora = {Path(a).name: labelled(Path(a)) for a in argv} or {
        "seeds": seed_corpus(REPO / "tests" / "fixtures" / "seeds"),
        "holdout": labelled(REPO / "tests" / "fixtures" / "holdout"),
    }
    for name, items in corpora.items():
        total = right = files = 0
        misses = []
        for path, expected in items:
            files += 1
            for field, (got, want) in field_checks(path.read_bytes(), expected).items():
                total += 1
                if got == want:
                    right += 1
                else:
                    misses.append(
                        f"  {path.name} {field}: got {got!r}, expected {want!r}"
                    )
        print(
            f"{name}: {right}/{total} fields right ({100 * right / max(total, 1):.1f}%) in {files} files"
        )
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
