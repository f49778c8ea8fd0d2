"""Parsing takes time in proportion to the file, and a file too large fails alone."""

import gc
import time

import pytest

from articles.importing import dates, layout, parse, text
from articles.importing.document import MAX_BYTES

HEAD = b"Judul Berita\n\nKUPANG - Senin (3/7/2023) polisi berpatroli.\n\n"


def _clear_caches():
    # The line caches would make a second run of the same input nearly free.
    for module in (dates, text, layout):
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def _seconds(raw: bytes) -> float:
    _clear_caches()
    gc.collect()
    started = time.process_time()
    parse(raw)
    return time.process_time() - started


@pytest.mark.parametrize(
    "unit",
    [b"(20/7/2023) ", b"\nx"],
    ids=["dates-on-one-line", "short-lines"],
)
def test_parsing_time_at_most_doubles_when_a_pathological_file_doubles(unit):
    # The inputs: were quadratic (`dates._find_dates`, `text.paragraphs`).
    # CPU time, best of interleaved runs: a busy machine slows both sizes alike.
    count = 250_000 // len(unit)
    small, large = HEAD + unit * count, HEAD + unit * (2 * count)
    small_best = large_best = float("inf")
    for _ in range(5):
        small_best = min(small_best, _seconds(small))
        large_best = min(large_best, _seconds(large))

    assert large_best / small_best <= 2.5


def test_a_file_over_the_size_limit_fails_with_its_reason():
    parsed = parse(HEAD + b"kata " * (MAX_BYTES // 5 + 1))

    assert parsed.error is not None
    assert "larger than 1 MiB" in parsed.error


def test_a_file_just_under_the_size_limit_is_parsed():
    body = b"Polisi berpatroli di desa. " * ((MAX_BYTES - len(HEAD)) // 27)

    parsed = parse(HEAD + body)

    assert parsed.error is None
    assert parsed.body
