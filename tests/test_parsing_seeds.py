"""The five real seed articles parse to exactly the fields in tests/fixtures/seeds/expected."""

import json
from pathlib import Path

import pytest

from articles.importing import parse

SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"
EXPECTED = sorted((SEEDS / "expected").glob("seed-*.json"))
SCALAR_FIELDS = (
    "outlet",
    "title",
    "lead",
    "rubric",
    "region",
    "editor",
    "reporter",
    "photo_credit",
    "dateline_place",
)


def _seed_text(expected: Path) -> bytes:
    number = expected.stem.split("-")[1]
    (source,) = SEEDS.glob(f"{number}_*.txt")
    return source.read_bytes()


@pytest.mark.parametrize("expected_path", EXPECTED, ids=lambda path: path.stem)
def test_seed_article_yields_its_expected_fields(expected_path):
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    parsed = parse(_seed_text(expected_path))

    for name in SCALAR_FIELDS:
        assert getattr(parsed, name) == expected[name], name
    assert list(parsed.authors) == expected["authors"]
    assert parsed.published_iso() == expected["published"]
    assert parsed.body[0].startswith(expected["body_first_sentence"])
    assert parsed.body[-1].endswith(expected["body_last_sentence"])
    assert len(parsed.body) == expected["body_paragraph_count"]
    assert list(parsed.related_headlines) == expected["related_headlines"]
    assert parsed.error == expected["expected_error"]


def test_all_five_seeds_are_present():
    assert len(EXPECTED) == 5
