"""The blind hold-out corpora: articles written from the spec alone, never seen by the
parser's author (holdout: 85 articles; holdout3: real-page patterns of issue 13)."""

import json
from pathlib import Path

import pytest

from bench.parser_accuracy import field_checks, guessed_year

FIXTURES = Path(__file__).parent / "fixtures"
CORPORA = ("holdout", "holdout3")
CASES = sorted(path for name in CORPORA for path in (FIXTURES / name).glob("*.txt"))


@pytest.mark.parametrize("name", CORPORA)
def test_the_holdout_corpus_is_there(name):
    assert len(list((FIXTURES / name).glob("*.txt"))) >= 40


@pytest.mark.parametrize(
    "path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES]
)
def test_unseen_article_gives_its_expected_fields(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))

    checks = field_checks(path.read_bytes(), expected, source_name=path.name)
    wrong = {field: pair for field, pair in checks.items() if pair[0] != pair[1]}

    assert wrong == {}
    assert not guessed_year(*checks["published"])
