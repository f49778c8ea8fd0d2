"""Indonesian and English dates, publication stamps and time zones in article text."""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}

WEEKDAYS = {
    "senin": 0,
    "selasa": 1,
    "rabu": 2,
    "kamis": 3,
    "jumat": 4,
    "sabtu": 5,
    "minggu": 6,
    "ahad": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

MONTHS = {
    "januari": 1,
    "january": 1,
    "jan": 1,
    "februari": 2,
    "pebruari": 2,
    "february": 2,
    "feb": 2,
    "peb": 2,
    "maret": 3,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "june": 6,
    "jun": 6,
    "juli": 7,
    "july": 7,
    "jul": 7,
    "agustus": 8,
    "august": 8,
    "agust": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "oktober": 10,
    "october": 10,
    "okt": 10,
    "oct": 10,
    "november": 11,
    "nopember": 11,
    "nov": 11,
    "desember": 12,
    "december": 12,
    "des": 12,
    "dec": 12,
}

# Each name list opens with a lookahead on the names' first letters: most positions of
# a paragraph fail on that one character instead of trying every alternative (the
# patterns are case-insensitive, so the lookahead is too; it never rejects a name).
WEEKDAY = r"(?=[smrkjaftw])(?:senin|selasa|rabu|kamis|jum['’`]?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
MONTH = r"(?=[jfpmasond])(?:{})\.?(?![a-z])".format(
    "|".join(sorted(MONTHS, key=len, reverse=True))
)
_PART_OF_DAY = r"(?:\s+(?:pagi|siang|sore|malam|petang|dini\s+hari))?"
_DASH = r"[-–—]+"

_PAREN = re.compile(
    rf"(?:\b(?P<wd>{WEEKDAY}){_PART_OF_DAY}\s*,?\s*)?"
    r"\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*/\s*(?P<y>\d{2,4}))?\s*\)"
    r"(?:\s+(?P<y2>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"\(\s*(?P<wd>{WEEKDAY})\s*{_DASH}\s*{WEEKDAY}\s*,?\s*"
    rf"(?P<d>\d{{1,2}})\s*{_DASH}\s*\d{{1,2}}\s*/\s*(?P<m>\d{{1,2}})\s*/\s*(?P<y>\d{{2,4}})\s*\)",
    re.IGNORECASE,
)
_SLASHED = re.compile(
    rf"\b(?P<wd>{WEEKDAY})\s*,?\s*(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{2,4}})\b",
    re.IGNORECASE,
)
_WORDS = re.compile(
    rf"(?:\b(?P<wd>{WEEKDAY})\s*,?\s*(?:(?:tanggal|tgl\.?)\s+)?)?"
    rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{MONTH})\s*,?\s*(?P<y>\d{{4}})\b",
    re.IGNORECASE,
)
_ENGLISH = re.compile(
    rf"\b(?P<mon>{MONTH})\s+(?P<d>\d{{1,2}})\s*,\s*(?P<y>\d{{4}})\b", re.IGNORECASE
)
# `21/03/2023` with no weekday: a stamp (`Kompas.com - 21/03/2023, 11:34 WIB`) or a
# site date line; in running text a bare slashed date is too often something else.
_NUMERIC = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})(?![\d/])")
_TIME = re.compile(
    r"\s*(?:[-|,–—]\s*)*(?:pukul\s+|jam\s+|at\s+)?(?P<h>\d{1,2})[:.](?P<mi>\d{2})(?:[:.]\d{2})?"
    r"(?:\s*(?P<half>[ap])\.?m\.?(?![a-z]))?(?:\s*(?P<z>WITA|WIT|WIB)(?![a-z]))?",
    re.IGNORECASE,
)
# `14.00 WIBdi` (a missing space) still names WIB; lower-case `wita` must stand alone.
_ZONE = re.compile(r"\b(?:(WITA|WIT|WIB)(?![A-Z])|((?i:wita|wit|wib))\b)")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
_FOUR_DIGITS = re.compile(r"\d{4}")
# Necessary for _WORDS and _ENGLISH (case-insensitive as they are).
_DAY_MONTH = re.compile(r"\d\s+[jfpmasond]", re.IGNORECASE)
_DAY_COMMA_YEAR = re.compile(r"\d\s*,\s*\d{4}")
_CLOCK = re.compile(r"\d[:.]\d\d")
_WEEKDAY_APOSTROPHE = re.compile(r"['’`]")


@dataclass(frozen=True)
class DateMention:
    """A calendar date written in the text; `year` is None when not (validly) given."""

    day: int
    month: int
    year: int | None
    weekday: int | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Stamp:
    """A publication stamp: a date with a time and perhaps a zone."""

    day: date
    hour: int
    minute: int
    zone: str | None
    text: str


@lru_cache(maxsize=16)
def zone_offset(zone: str) -> timezone:
    """The fixed offset of WIB, WITA or WIT."""
    return timezone(timedelta(hours=ZONES[zone.upper()]))


def find_zone(text: str) -> str | None:
    """The first Indonesian time zone named in `text`, upper-cased."""
    for match in _ZONE.finditer(text):
        return (match.group(1) or match.group(2)).upper()
    return None


def weekday_number(name: str) -> int | None:
    """0 for Senin/Monday … 6 for Minggu/Sunday; None if `name` is no weekday."""
    return WEEKDAYS.get(_WEEKDAY_APOSTROPHE.sub("", name.lower()))


def normalise_year(raw: str | None) -> int | None:
    """Four-digit years as written, two-digit years as 20YY; anything else is a typo."""
    if not raw:
        return None
    if len(raw) == 2:
        return 2000 + int(raw)
    if len(raw) == 4 and 1900 <= int(raw) <= 2099:
        return int(raw)
    return None


def find_dates(text: str, *, weekday_required: bool = True) -> list[DateMention]:
    """Dates in reading order; without `weekday_required` bare `d Bulan yyyy` count too."""
    # A copy, so that callers may extend the list without touching the cache.
    return list(_find_dates(text, weekday_required))


# The reading of one file examines the same header line several times (as a marker,
# a stamp, a date-only line, a dateline segment); the mentions are immutable.
@lru_cache(maxsize=512)
def _find_dates(text: str, weekday_required: bool) -> tuple[DateMention, ...]:
    # Kept sorted by start; the mentions never overlap, so their ends are sorted too
    # and a new mention need only be compared with its two neighbours (comparing it
    # with every earlier one made a line of many dates quadratic).
    found: list[DateMention] = []
    starts: list[int] = []
    for pattern in _patterns_that_can_match(text, weekday_required):
        for match in pattern.finditer(text):
            mention = _mention(match, weekday_required)
            if mention is None:
                continue
            at = bisect.bisect_left(starts, mention.start)
            neighbours = found[max(at - 1, 0) : at + 1]
            if not any(_overlaps(mention, other) for other in neighbours):
                found.insert(at, mention)
                starts.insert(at, mention.start)
    return tuple(found)


def _patterns_that_can_match(
    text: str, weekday_required: bool
) -> tuple[re.Pattern, ...]:
    # The date patterns try their weekday and month alternations at every position,
    # which is slow on long paragraphs. Each needs characters that most lines lack:
    # the numeric ones a slash (and `(` for the parenthesised ones), the spelled-out
    # ones a four-digit year. Skipping a pattern that cannot match changes nothing;
    # the order kept here is the order of precedence for overlapping mentions.
    # `Month d, yyyy` names no weekday, so _mention drops it when one is required.
    # The spelled-out ones need a day before a month's first letter (`17 Agu`) or a
    # day, a comma and a year (`Aug 17, 2024`).
    slash = "/" in text
    paren = slash and "(" in text
    year = _FOUR_DIGITS.search(text) is not None
    candidates = (
        (_RANGE, paren),
        (_SLASHED, slash),
        (_PAREN, paren),
        (_WORDS, year and _DAY_MONTH.search(text) is not None),
        (
            _ENGLISH,
            year and not weekday_required and _DAY_COMMA_YEAR.search(text) is not None,
        ),
        (_NUMERIC, slash and year and not weekday_required),
    )
    return tuple(pattern for pattern, possible in candidates if possible)


def _mention(match: re.Match, weekday_required: bool) -> DateMention | None:
    groups = match.groupdict()
    month = (
        MONTHS[groups["mon"].lower().rstrip(".")]
        if groups.get("mon")
        else int(groups["m"])
    )
    raw_year = groups.get("y") or groups.get("y2")
    year = normalise_year(raw_year)
    weekday = weekday_number(groups["wd"]) if groups.get("wd") else None
    is_words = groups.get("mon") is not None
    if weekday is None and weekday_required and (is_words or year is None):
        return None
    if weekday is None and year is None:
        return None
    day = int(groups["d"])
    try:
        date(year or 2000, month, day)
    except ValueError:
        return None
    return DateMention(
        day, month, year, weekday, match.start(), match.end(), match.group(0)
    )


def _overlaps(a: DateMention, b: DateMention) -> bool:
    return a.start < b.end and b.start < a.end


@lru_cache(maxsize=512)
def find_stamp(line: str) -> Stamp | None:
    """A date immediately followed by a time (`Sabtu, 10 Agu 2024 19:05 WIB`)."""
    # Every header line is asked, and most hold no clock time (which _TIME needs):
    # those need no date search.
    if not _CLOCK.search(line):
        return None
    for mention in find_dates(line, weekday_required=False):
        if mention.year is None:
            continue
        timed = _TIME.match(line, mention.end)
        if not timed:
            continue
        hour, minute = int(timed.group("h")), int(timed.group("mi"))
        if timed.group("half"):  # `11:01 am`, `2:05 PM`
            if not 1 <= hour <= 12:
                continue
            hour = hour % 12 + (12 if timed.group("half").lower() == "p" else 0)
        if hour > 23 or minute > 59:
            continue
        zone = timed.group("z").upper() if timed.group("z") else None
        day = date(mention.year, mention.month, mention.day)
        return Stamp(day, hour, minute, zone, line[mention.start : timed.end()])
    return None


def stamp_datetime(stamp: Stamp, default_zone: str) -> datetime:
    """The stamp as an aware datetime, in its own zone or else `default_zone`."""
    tz = zone_offset(stamp.zone or default_zone)
    return datetime(
        stamp.day.year,
        stamp.day.month,
        stamp.day.day,
        stamp.hour,
        stamp.minute,
        tzinfo=tz,
    )


def years_in(text: str) -> list[int]:
    """Four-digit years (19xx/20xx) in order of appearance, without repeats."""
    seen: list[int] = []
    for match in _YEAR.finditer(text):
        year = int(match.group(1))
        if year not in seen:
            seen.append(year)
    return seen


# In a URL or file name a year stands between separators (`/2020/11/19/`,
# `berita_2020-11-19.txt`); digits inside a hash or an id (`0c5692020f`) are no year.
_SOURCE_YEAR = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)(?![0-9A-Za-z])")


def years_in_source(name: str | os.PathLike | None) -> list[int]:
    """Years a source URL or file path carries, in order, without repeats."""
    seen: list[int] = []
    for match in _SOURCE_YEAR.finditer(os.fspath(name) if name else ""):
        year = int(match.group(1))
        if year not in seen:
            seen.append(year)
    return seen


def infer_year(
    day: int,
    month: int,
    weekday: int | None,
    stated: list[int],
    *,
    latest: date,
    trusted: list[int] = (),
) -> int | None:
    """The year of a yearless date, or None when it cannot be known.

    `trusted` years (a page stamp's, the source URL's or file name's) and `stated`
    years (written in the text) are checked against the weekday: a year fitting it
    wins, then the year next to one across New Year (a late-December date cited in a
    January article); a trusted year stands even when the weekday disagrees, a year
    merely stated does not. A weekday alone is never evidence, and no date after
    `latest` (the moment of the import) is ever returned.
    """

    def fits(year: int) -> bool:
        return _exists(year, month, day) and date(year, month, day) <= latest

    ordered = [year for year in dict.fromkeys([*trusted, *stated]) if fits(year)]
    if weekday is None:
        return ordered[0] if ordered else None
    for year in ordered:
        if date(year, month, day).weekday() == weekday:
            return year
    across = -1 if month == 12 else 1 if month == 1 else 0
    for year in dict.fromkeys([*trusted, *stated]) if across else ():
        near = year + across
        if fits(near) and date(near, month, day).weekday() == weekday:
            return near
    return next((year for year in trusted if fits(year)), None)


def _exists(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True
