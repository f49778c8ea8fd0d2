"""The parser's shortcuts (pattern prefilters, lookaheads, per-line caches) change no result."""

import re

import pytest

from articles.importing import dates, text
from articles.importing.document import Document

_LOOKAHEADS = ("(?=[smrkjaftw])", "(?=[jfpmasond])")


def _without_shortcuts(pattern: re.Pattern) -> re.Pattern:
    source = pattern.pattern
    for lookahead in _LOOKAHEADS:
        source = source.replace(lookahead, "")
    return re.compile(source, pattern.flags)


def _reference_find_dates(line: str, weekday_required: bool) -> list:
    # The plain reading: every pattern, no lookahead, run over the whole text.
    found = []
    for pattern in (
        dates._RANGE,
        dates._SLASHED,
        dates._PAREN,
        dates._WORDS,
        dates._ENGLISH,
    ):
        for match in _without_shortcuts(pattern).finditer(line):
            mention = dates._mention(match, weekday_required)
            if mention and not any(dates._overlaps(mention, o) for o in found):
                found.append(mention)
    return sorted(found, key=lambda mention: mention.start)


TRICKY = [
    "KUPANG, Senin (3/7/2023) - Polisi berpatroli.",
    "SENIN (3/7) 2023 pukul 10.00",
    "Jum'at, 12 Agustus 2024 19:05 WIB",
    "jum’at pagi, (5/1/24)",
    "Kamis tanggal 4 Mei 2023",
    "\u212aamis, 4 Mei 2023",  # Kelvin sign: a K under IGNORECASE
    "\u017fenin (3/7/2023)",  # long s: an s under IGNORECASE
    "Posted On April 04, 2020",
    "Aug. 5, 2024 and Sept 12, 2023",
    "(Senin - Selasa, 3-4/7/2023)",
    "Rabu\n(3/7/2023)",
    "Sabtu ,   10 Agu. 2024",
    "Minggu (31/2/2023) bukan tanggal",
    "nomor 12/34/5678 dan 1234 orang",
    "Tidak ada tanggal di sini.",
    "Senin lalu (tanpa angka)",
    "12 Desember, 2022",
    "(3/7)",
    "",
]


@pytest.mark.parametrize("line", TRICKY)
@pytest.mark.parametrize("weekday_required", [True, False])
def test_find_dates_equals_the_plain_reading(line, weekday_required):
    assert dates.find_dates(
        line, weekday_required=weekday_required
    ) == _reference_find_dates(line, weekday_required)


def test_find_dates_returns_a_fresh_list_each_time():
    first = dates.find_dates("Senin (3/7/2023)")
    first.append("changed")
    assert dates.find_dates("Senin (3/7/2023)") != first


@pytest.mark.parametrize(
    "paragraph",
    ["Teks berita. (vn)", "Teks berita. (vn)  ", "Teks berita. (vn)\n", "Teks. vn"],
)
def test_signoff_shortcut_keeps_trailing_space_cases(paragraph):
    for final in (False, True):
        match = text._SIGNOFF.search(paragraph) or (
            text._FINAL_SIGNOFF.search(paragraph) if final else None
        )
        expected = (
            (paragraph[: match.start()].rstrip(), match.group("tag"))
            if match
            else (paragraph, None)
        )
        assert text.split_signoff(paragraph, final=final) == expected


def test_inline_spaces_are_normalised_line_by_line():
    raw = "Judul\u00a0\u00a0berita \nKUPANG\t-  isi\u2003teks \r\n\n  akhir  ".encode()
    assert Document.from_bytes(raw).lines == (
        "Judul berita",
        "KUPANG - isi teks",
        "",
        "akhir",
    )


@pytest.mark.parametrize(
    "line",
    [
        "Foto bersama. Blitar, memorandum.co.id - Warga berkumpul.",
        "Foto bersama. Kupang, GerbangNTT.com | Warga berkumpul.",
        "Foto bersama. Kupang, contoh.net - Warga berkumpul.",
        "Foto bersama. Kupang, contoh.org - Warga berkumpul.",
        "Foto bersama. Tidak ada dateline.",
    ],
)
def test_glued_dateline_shortcut(line):
    match = text._GLUED.search(line)
    expected = None
    if match and text.split_dateline(line[match.end() :]):
        expected = (line[: match.start()].strip(), line[match.end() :])
    assert text.split_glued_dateline(line) == expected


def _reference_find_stamp(line: str):
    # find_stamp without its clock-time prefilter.
    for mention in dates.find_dates(line, weekday_required=False):
        if mention.year is None:
            continue
        timed = dates._TIME.match(line, mention.end)
        if not timed:
            continue
        hour, minute = int(timed.group("h")), int(timed.group("mi"))
        if hour > 23 or minute > 59:
            continue
        zone = timed.group("z").upper() if timed.group("z") else None
        day = dates.date(mention.year, mention.month, mention.day)
        return dates.Stamp(day, hour, minute, zone, line[mention.start : timed.end()])
    return None


@pytest.mark.parametrize(
    "line",
    [
        *TRICKY,
        "Sabtu, 10 Agu 2024 19:05 WIB",
        "Kamis (16/3/2023) pukul 09.00 Wita",
        "Senin, 3 Juli 2023 - 7:30",
        "Senin, 3 Juli 2023 jam 24.00",
        "Selasa, 4 Juli 2023 | 13:00:05 WIT",
    ],
)
def test_find_stamp_equals_the_plain_reading(line):
    assert dates.find_stamp(line) == _reference_find_stamp(line)
