"""Parsing takes time in proportion to the file, and a file too large fails alone."""

import gc
import time

import pytest

from articles.importing import dates, layout, parse, text
from articles.importing.document import MAX_BYTES, _decode_legacy

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
    [b"(20/7/2023) ", b"\nx", b"caf\xe9 kata. "],
    ids=["dates-on-one-line", "short-lines", "cp1252"],
)
def test_parsing_time_at_most_doubles_when_a_pathological_file_doubles(unit):
    # The inputs: were quadratic (`dates._find_dates`, `text.paragraphs`).
    # CPU time, best of interleaved runs: a busy machine slows both sizes alike. The file
    # is doubled three times and the ratio per doubling is the cube root of the whole,
    # so one slow or one lucky run at either size cannot decide it. Linear gives 2 and
    # quadratic 4; the bound is their geometric middle, as the caches make a large file
    # cost a little more per byte than a small one (up to 2.3 seen on a quiet machine).
    count = 100_000 // len(unit)
    small, large = HEAD + unit * count, HEAD + unit * (8 * count)
    small_best = large_best = float("inf")
    for _ in range(3):
        small_best = min(small_best, _seconds(small))
        large_best = min(large_best, _seconds(large))

    assert (large_best / small_best) ** (1 / 3) <= 2 * 2**0.5


def test_a_file_over_the_size_limit_fails_with_its_reason():
    parsed = parse(HEAD + b"kata " * (MAX_BYTES // 5 + 1))

    assert parsed.error is not None
    assert "larger than 1 MiB" in parsed.error


def test_a_file_just_under_the_size_limit_is_parsed():
    body = b"Polisi berpatroli di desa. " * ((MAX_BYTES - len(HEAD)) // 27)

    parsed = parse(HEAD + body)

    assert parsed.error is None
    assert parsed.body


def test_cp1252_decoding_matches_the_codec_byte_for_byte():
    every_byte = bytes(range(256))
    undefined = b"\x81\x8d\x8f\x90\x9d"
    expected = "".join(
        every_byte[i : i + 1].decode("latin-1" if i in undefined else "cp1252")
        for i in range(256)
    )

    assert _decode_legacy(every_byte) == expected
