"""Mangled scrapes never crash the parser: each gives an article or an error with a reason."""

import random
from pathlib import Path

import pytest

from articles.importing import parse

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = (
    sorted((FIXTURES / "seeds").glob("*.txt"))
    + sorted((FIXTURES / "holdout").glob("*.txt"))[:20]
)
PAGE_BITS = [
    b"get app", b"Editor", b": Sefnat Besie", b"Baca juga:", b"Kupang", b"- x",
    b"KBRN, Redelong: x", b"iNewsTTU.idPolres", b"Persib 2-1 Persija", b"(20/7/2023) " * 50,
    b"December 22, 2025 at 2:05 pm", b"Diperbarui", b"\xa0", b"Kamis (19/11)",
]  # fmt: skip


def _mangle(raw: bytes, rnd: random.Random) -> bytes:
    cut = rnd.randrange(len(raw) + 1)
    how = rnd.randrange(5)
    if how == 0:
        return raw[:cut]
    if how == 1:
        noise = bytes(rnd.randrange(32, 256) for _ in range(rnd.randrange(1, 30)))
        return raw[:cut] + noise + raw[cut:]
    if how == 2:
        return raw.replace(b"\n", rnd.choice([b"\r", b"\r\n", b"\n\n", b" "]))
    if how == 3:
        lines = raw.split(b"\n")
        rnd.shuffle(lines)
        return b"\n".join(lines)
    lines = raw.split(b"\n")
    lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(PAGE_BITS))
    return b"\n".join(lines)


@pytest.mark.parametrize("seed", range(8))
def test_a_mangled_scrape_gives_an_article_or_a_reason(seed):
    rnd = random.Random(seed)
    for _ in range(40):
        raw = _mangle(rnd.choice(SAMPLES).read_bytes(), rnd)

        parsed = parse(raw, source_name=rnd.choice([None, "arsip/2020/berita.txt"]))

        assert parsed.error or parsed.body
        assert not (parsed.error and parsed.needs_date)
        assert len(parsed.related_after) == len(parsed.related_headlines)
        assert all(0 <= after <= len(parsed.body) for after in parsed.related_after)
