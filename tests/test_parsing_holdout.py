"""The blind hold-out corpus: articles written from the spec alone, never seen by the parser's author."""

import json
from pathlib import Path

import pytest

from bench.parser_accuracy import field_checks

HOLDOUT = Path(__file__).parent / "fixtures" / "holdout"
CASES = sorted(HOLDOUT.glob("*.txt"))


def test_the_holdout_corpus_is_there():
    assert len(CASES) >= 40


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_unseen_article_gives_its_expected_fields(path):
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))

    wrong = {
        field: pair
        for field, pair in field_checks(path.read_bytes(), expected).items()
        if pair[0] != pair[1]
    }

    assert wrong == {}
