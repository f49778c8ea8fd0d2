"""The shared reading of a scraped article: header, dateline, body and trailer.

Every style runs this; a style only adds what is particular to its outlet (its brand
token and its local time zone).
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

from . import text as t
from .dates import (
    WEEKDAY_NAMES,
    DateMention,
    Stamp,
    find_dates,
    find_stamp,
    find_zone,
    infer_year,
    stamp_datetime,
    years_in,
    years_in_source,
    zone_offset,
)
from .document import Document
from .parsed import ParsedArticle

NO_BODY_ERROR = "No article body found: the file holds only a title or header lines; add the article text."
NO_DATE_ERROR = "No publication date found: add a dateline date or a stamp such as 'Senin (3/7/2023)'."
NEEDS_DATE_WARNING = "Publication year unknown: kept as a draft for an editor to date"
NO_TITLE_WARNING = "No title found: an editor must write a headline before publishing."

_HEADER_SCAN = 20
# The longest a stamp line or a date-only line can be (a stamp, an author, a label).
_STAMP_LINE_MAX = 160
_DATE_LINE_MAX = 80
_URL = re.compile(r"https?://\S+|www\.\S+")
_NON_WORD = re.compile(r"\W+")
_SENTENCE_ENDS = (".", "!", "?", '"', "”")
_PARTIAL_STAMP = re.compile(r"\bdate\s+((?:19|20)\d\d)-\d\d\b")
# A handout or screenshot credits the source it was borrowed from, not the outlet.
_BORROWED = re.compile(r"/\s*HO\b|TANGKAPAN LAYAR|SCREENSHOT", re.IGNORECASE)
_LEADING_DASH = re.compile(r"^[-–—]\s*")
_GUILLEMET = re.compile(r"[»›]")
_LOWER_WORD = re.compile(r"[a-z]{3}")
_POSTED = re.compile(
    r"(?:Posted|Published|Diposting|Dipublikasikan|Diterbitkan|Dimuat)\b",
    re.IGNORECASE,
)
_UPDATED = re.compile(
    r"^(?:Diperbarui|Diupdate|Update|Updated|Last\s+Updated|Terakhir\s+diperbarui)\b",
    re.IGNORECASE,
)
_SECTION_END = re.compile(r"[.!?,:;]$")
_BODY_CAPTION = re.compile(
    r"[(\[]\s*(?:Foto|Dok)\b[^()\[\]]*[)\]]\s*\.?$", re.IGNORECASE
)


@dataclass
class Layout:
    """What the shared reading found, before outlet particulars are applied."""

    title: str | None = None
    lead: str | None = None
    rubric: str | None = None
    region: str | None = None
    authors: list[str] = field(default_factory=list)
    editor: str | None = None
    reporter: str | None = None
    photo_credit: str | None = None
    caption: str | None = None
    dateline: t.Dateline | None = None
    body: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    # For each `Baca juga` line, how many body paragraphs precede it.
    related_after: list[int] = field(default_factory=list)
    stamps: list[Stamp] = field(default_factory=list)
    # `Diperbarui …` / `Updated …`: the publication moment only when no other stamp.
    update_stamps: list[Stamp] = field(default_factory=list)
    header_dates: list[DateMention] = field(default_factory=list)
    # The year of a partial stamp artifact such as `date 2021-11` in the header.
    stamp_year: int | None = None
    brand_spots: list[str] = field(default_factory=list)

    def add_authors(self, names: tuple[str, ...]) -> None:
        """Append names not yet credited (compared case-insensitively)."""
        for name in names:
            if name and name.lower() not in {a.lower() for a in self.authors}:
                self.authors.append(name)


def owns_brand(doc: Document, brand: re.Pattern) -> bool:
    """True when `brand` is the outlet's own token: in the dateline, else in a credit,
    byline, `Laporan` line or sign-off. Mentions inside the story never count."""
    layout = read_layout(doc)
    if layout.dateline and layout.dateline.brand:
        return bool(brand.search(layout.dateline.brand))
    return any(brand.search(spot) for spot in layout.brand_spots)


def build_article(
    doc: Document,
    *,
    outlet: str,
    zone: str | None,
    source_name: str | os.PathLike | None = None,
    now: datetime | None = None,
) -> ParsedArticle:
    """A ParsedArticle from the shared reading; `zone` is the outlet's local zone
    (None: the zone named in the text, else WIB), `source_name` the file name or URL
    (a year it carries dates a yearless body date) and `now` the moment of the
    import (no publication date is ever later)."""
    if doc.error:
        return ParsedArticle(
            outlet=outlet,
            error=doc.error,
            warnings=doc.warnings,
            content_hash=doc.content_hash,
        )
    layout = read_layout(doc)
    warnings = list(doc.warnings)
    if layout.title is None:
        warnings.append(NO_TITLE_WARNING)
    reading = _DateReading(
        layout,
        zone or find_zone(doc.text) or "WIB",
        source_name,
        now or datetime.now(UTC),
        warnings,
    )
    published = reading.published()
    error = None
    if not layout.body:
        error = NO_BODY_ERROR
    elif published is None and not reading.needs_date:
        error = NO_DATE_ERROR
    dateline = layout.dateline
    return ParsedArticle(
        outlet=outlet,
        title=layout.title,
        lead=layout.lead,
        rubric=layout.rubric,
        region=layout.region,
        authors=tuple(layout.authors),
        editor=layout.editor,
        reporter=layout.reporter,
        photo_credit=layout.photo_credit,
        caption=layout.caption,
        dateline_place=dateline.place if dateline else None,
        published=published,
        needs_date=reading.needs_date and error is None,
        body=tuple(layout.body),
        related_headlines=tuple(layout.related),
        related_after=tuple(layout.related_after),
        error=error,
        warnings=tuple(warnings),
        content_hash=doc.content_hash,
    )


class _DateReading:
    """The publication date of one article, by the precedence of import-spec.md."""

    def __init__(
        self,
        layout: Layout,
        zone: str,
        source_name: str | os.PathLike | None,
        now: datetime,
        warnings: list[str],
    ) -> None:
        self.layout = layout
        self.zone = zone
        self.source_name = source_name
        # A naive moment is taken as UTC, so it compares with the stamps' aware ones.
        self.now = now if now.tzinfo else now.replace(tzinfo=UTC)
        self.today = self.now.astimezone(zone_offset(zone)).date()
        self.warnings = warnings
        self.needs_date = False
        self._years: tuple[list[int], list[int]] | None = None

    def published(self) -> date | datetime | None:
        """The stamp's moment, else the first date found that can be dated."""
        for stamp in self.layout.stamps or self.layout.update_stamps:
            when = stamp_datetime(stamp, self.zone)
            if when <= self.now:
                return when
            self.warnings.append(_future_warning(stamp.text))
        undated = None
        for mention in self._candidates():
            found = self._resolve(mention)
            if found:
                return found
            if mention.year is None and undated is None:
                undated = mention
        if undated is not None:
            # A weekday fits several years: the date is unknown, not guessed.
            self.needs_date = True
            self.warnings.append(
                f"{NEEDS_DATE_WARNING} ('{undated.text.strip()}' names no year and "
                "nothing in the article, its stamp or its source name gives one)."
            )
        return None

    def _candidates(self):
        # Lazily, paragraph by paragraph: the first usable date ends the search, and
        # a long article is not searched for dates it will never use.
        layout = self.layout
        if layout.dateline and layout.dateline.date:
            yield layout.dateline.date
        for paragraph in layout.body:
            if "http" in paragraph or "www." in paragraph:
                paragraph = _URL.sub(" ", paragraph)
            yield from find_dates(paragraph)
        yield from layout.header_dates

    def _known_years(self) -> tuple[list[int], list[int]]:
        # (trusted, stated): the page stamp's and the source name's years, then years
        # written in the text; none later than the import.
        if self._years is None:
            layout = self.layout
            text = "\n".join(layout.body + [layout.title or "", layout.lead or ""])
            trusted = [layout.stamp_year] if layout.stamp_year else []
            trusted += years_in_source(self.source_name)
            stated = years_in(text)
            stated += [mention.year for mention in layout.header_dates if mention.year]
            self._years = tuple(
                [year for year in dict.fromkeys(years) if year <= self.today.year]
                for years in (trusted, stated)
            )
        return self._years

    def _resolve(self, mention: DateMention) -> date | None:
        year = mention.year
        if year is None:
            trusted, stated = self._known_years()
            year = infer_year(
                mention.day,
                mention.month,
                mention.weekday,
                stated,
                latest=self.today,
                trusted=trusted,
            )
            if year is None:
                return None
            self.warnings.append(
                f"Year inferred for '{mention.text.strip()}' as {year}: check the publication date."
            )
        found = date(year, mention.month, mention.day)
        if found > self.today:
            self.warnings.append(_future_warning(mention.text.strip()))
            return None
        if mention.weekday is not None and found.weekday() != mention.weekday:
            # A year slip in the text (`Rabu 1 Desember 2020` in a 2021 article) shows
            # when the partial stamp's year fits the weekday; otherwise keep it as printed.
            stamped = _on_weekday(self.layout.stamp_year, mention)
            if stamped and stamped <= self.today:
                self.warnings.append(
                    f"'{mention.text.strip()}' corrected to {stamped.year} from the page stamp: check the publication date."
                )
                return stamped
            self.warnings.append(
                f"'{mention.text.strip()}' names a different weekday than {found:%d-%m-%Y} "
                f"(a {WEEKDAY_NAMES[found.weekday()]}): check the publication date."
            )
        return found


def _future_warning(text: str) -> str:
    return (
        f"'{text}' is later than the import itself: not taken as the publication date."
    )


def _on_weekday(year: int | None, mention: DateMention) -> date | None:
    if year is None or year == mention.year:
        return None
    try:
        moved = date(year, mention.month, mention.day)
    except ValueError:
        return None
    return moved if moved.weekday() == mention.weekday else None


# --- the reading itself ----------------------------------------------------------------


@lru_cache(maxsize=64)
def read_layout(doc: Document) -> Layout:
    """Split the document into header fields, dateline, body paragraphs and trailer."""
    layout = Layout()
    lines = _unglue(list(doc.lines))
    nonblank = [i for i, line in enumerate(lines) if line]
    if not nonblank:
        return layout
    body_start = _find_dateline(lines, nonblank)
    if body_start is None:
        body_start = _header_end(lines, nonblank)
    body_start = _read_header(lines, nonblank, body_start, layout)
    _read_body(lines, body_start, layout)
    return layout


def _unglue(lines: list[str]) -> list[str]:
    # A caption that runs straight into the dateline becomes two lines.
    for index, line in enumerate(lines[:40]):
        if line and (parts := t.split_glued_dateline(line)):
            return [*lines[:index], parts[0], "", parts[1], *lines[index + 1 :]]
    return lines


def _same(a: str, b: str) -> bool:
    return _word_key(a) == _word_key(b)


# The same header lines are compared with the title and with each other many times.
@lru_cache(maxsize=512)
def _word_key(line: str) -> str:
    return _NON_WORD.sub("", line.lower())


# Asked of each header line by the dateline search, the chrome and the title checks.
@lru_cache(maxsize=512)
def _is_marker(line: str) -> bool:
    return bool(
        t.read_byline(line)
        or _stamp_line(line)
        or t.credit_line(line)
        or t.is_caption(line)
    )


def _is_long_paragraph(line: str) -> bool:
    return len(line) > 150 and line.endswith(_SENTENCE_ENDS) and not t.is_caption(line)


def _find_dateline(lines: list[str], nonblank: list[int]) -> int | None:
    long_seen = 0
    for position, index in enumerate(nonblank[:_HEADER_SCAN]):
        line = lines[index]
        if _is_marker(line):
            continue
        following = (
            lines[nonblank[position + 1]] if position + 1 < len(nonblank) else None
        )
        if t.split_dateline(line) or t.dateline_broken_off(line, following):
            return index
        long_seen += _is_long_paragraph(line)
        if long_seen >= 2:
            return None
    return None


def _header_end(lines: list[str], nonblank: list[int]) -> int | None:
    # Without a dateline, the header runs to its last byline, stamp or credit line
    # (captions and a stray line may follow that); a story paragraph ends the search.
    last = None
    sentences = 0
    after_credit = False
    for position, index in enumerate(nonblank[:12]):
        line = lines[index]
        if t.read_byline(line) or t.credit_line(line) or _stamp_line(line):
            last = position
            after_credit = bool(t.credit_line(line))
            continue
        # Only the lead may stand between title and byline; two sentences are story.
        # The line under a photo credit is its caption, whatever it ends with.
        caption = t.is_caption(line) or after_credit
        after_credit = False
        sentences += line.endswith(_SENTENCE_ENDS) and not caption
        if sentences >= 2:
            break
    if last is None:
        return None
    position = last + 1
    after_credit = bool(t.credit_line(lines[nonblank[last]]))
    while position < len(nonblank):
        line = lines[nonblank[position]]
        if (
            t.is_caption(line)
            or t.credit_line(line)
            or after_credit
            and not t.split_dateline(line, loose=True)
        ):
            after_credit = False
            position += 1
            continue
        break
    return nonblank[position] if position < len(nonblank) else len(lines)


def _read_header(
    lines: list[str], nonblank: list[int], limit: int | None, layout: Layout
) -> int:
    editor_next = False
    after_credit = False
    in_summary = False
    seen_marker = False
    header = [i for i in nonblank if limit is None or i < limit]
    chrome = _site_chrome(lines, header)
    header = [i for i in header if i not in chrome]
    for position, index in enumerate(header):
        line = lines[index]
        if partial := _PARTIAL_STAMP.search(line):
            layout.stamp_year = layout.stamp_year or int(partial.group(1))
        if editor_next:
            editor_next = False
            layout.editor = layout.editor or t.clean_name(line)
            continue
        if layout.title and _same(line, layout.title):
            continue
        if byline := t.read_byline(line):
            _apply_byline(byline, layout)
            editor_next = byline.editor_on_next_line
            seen_marker = True
            # `X Editor: Y 10 Oct 2023 - 11:08`: the stamp glued to the credits.
            if len(line) <= _STAMP_LINE_MAX and (stamp := find_stamp(line)):
                layout.stamps.append(stamp)
            continue
        if not t.is_caption(line) and (stamp := _stamp_line(line)):
            seen_marker = True
            if _UPDATED.match(line):
                layout.update_stamps.append(stamp)
            else:
                layout.stamps.append(stamp)
            layout.add_authors(t.byline_before_stamp(line))
            continue
        if _is_date_only(line):
            layout.header_dates.extend(find_dates(line, weekday_required=False))
            continue
        if credit := t.credit_line(line):
            layout.photo_credit = layout.photo_credit or credit
            if not _BORROWED.search(line):
                layout.brand_spots.append(line)
            after_credit = seen_marker = True
            continue
        if t.is_caption(line) or (after_credit and layout.title):
            after_credit = False
            layout.caption = layout.caption or line
            if credit := t.caption_credit(line):
                layout.photo_credit = layout.photo_credit or credit
                # The outlet crediting its own photo is its own brand token, like a byline.
                if not _BORROWED.search(credit):
                    layout.brand_spots.append(credit)
            continue
        if in_summary or line.lower().startswith("intinya sih"):
            # An AI summary block (`Intinya sih...` … `Disclaimer: …`) is page furniture.
            in_summary = not line.lower().startswith("disclaimer")
            continue
        if (headline := t.related_headline(line)) is not None:
            if headline:  # a link above the story: rendered before its first paragraph
                layout.related.append(headline)
                layout.related_after.append(0)
            continue
        if t.is_inline_junk(line):
            continue
        if layout.title is None:
            following = (
                lines[header[position + 1]] if position + 1 < len(header) else None
            )
            if following is None and limit is None:
                following = next((lines[i] for i in nonblank if i > index), None)
            if _is_section_line(line, following):
                if t.is_region(line):
                    layout.region = layout.region or line
                else:
                    layout.rubric = layout.rubric or line
                continue
            if _looks_like_title(line):
                layout.title = line
                continue
            return index  # the file opens with the story itself
        if limit is None:
            return index
        if seen_marker:
            # Past the byline only captions and stray lines remain; a lead comes first.
            layout.caption = layout.caption or line
        elif layout.lead is None and _reads_like_lead(line):
            layout.lead = _LEADING_DASH.sub("", line)
    if limit is None:
        return len(lines)
    return limit


_MENU_ITEM = re.compile(r"^[\w&'’.-]+(?: [\w&'’.-]+){0,2}$")


def _site_chrome(lines: list[str], header: list[int]) -> set[int]:
    """Header lines that belong to the page, not the story: menus, banners, tickers,
    and whatever stands above a headline the page repeats or prints beside its stamp."""
    scan = header[: _HEADER_SCAN + 10]
    chrome = {i for i in scan if t.is_chrome(lines[i])}
    # A run of menu items above everything else: three short lines in a row, or two
    # single words. The first longer line (a headline, the story) ends the search.
    top = next(
        (
            p
            for p, i in enumerate(scan)
            if i not in chrome and len(lines[i].split()) > 3
        ),
        len(scan),
    )
    run: list[int] = []
    stop = scan[top] if top < len(scan) else None
    for i in [*scan[:top], stop]:
        line = lines[i] if i is not None else ""
        if i is not None and i != stop and (i in chrome or _is_menu_item(line)):
            run.append(i)
            continue
        # Banner lines count as the menu's own (`get app` / `Regional`).
        items = [j for j in run if j not in chrome]
        single_words = all(len(lines[j].split()) == 1 for j in items)
        if items and (len(run) >= 3 or (len(run) == 2 and single_words)):
            # The rubric right above the headline (`Berita Kota Kupang`, or `NTT
            # Memilih` over `NTT Memilih, …`) is the article's, though it ends the
            # menu; menu items are single words.
            last = lines[run[-1]]
            opens = _same(line[: len(last)], last)
            if (
                i is not None
                and run[-1] not in chrome
                and (opens or len(last.split()) > 1)
            ):
                run = run[:-1]
            chrome.update(run)
        run = []
    rest = [i for i in scan if i not in chrome]
    title = _repeated_title(lines, rest)
    if title is None:
        title = _title_beside_marker(lines, rest, page_seen=bool(chrome))
    if title is not None:
        before = rest[: rest.index(title)]
        # A rubric or region line may stand right above the headline.
        if before and _is_section_line(lines[before[-1]], lines[title]):
            before = before[:-1]
        chrome.update(i for i in before if not _is_marker(lines[i]))
    return chrome


def _is_menu_item(line: str) -> bool:
    return (
        len(line) <= 25
        and bool(_MENU_ITEM.match(line))
        and not t.is_region(line)
        and not _is_marker(line)
        and not t.split_dateline(line)
    )


def _repeated_title(lines: list[str], header: list[int]) -> int | None:
    # A headline printed two or three times (page title, article title, image alt).
    for position, i in enumerate(header[:12]):
        line = lines[i]
        if len(line.split()) < 3 or not _looks_like_title(line) or _is_marker(line):
            continue
        if any(_same(line, lines[j]) for j in header[position + 1 : position + 6]):
            return i
    return None


def _title_beside_marker(
    lines: list[str], header: list[int], *, page_seen: bool
) -> int | None:
    # Above the first byline or stamp stand the headline and perhaps its lead; lines
    # further up are page furniture. Where the page's chrome was already seen, one
    # line more than the headline is enough to tell.
    marker = next((p for p, i in enumerate(header[:16]) if _is_marker(lines[i])), None)
    if marker is None:
        return None
    above = [i for i in header[:marker] if not t.is_inline_junk(lines[i])]
    if len(above) < (2 if page_seen else 3):
        return None
    title = above[-2] if _reads_like_lead(lines[above[-1]]) else above[-1]
    earlier = above[: above.index(title)]
    if any(len(lines[i].split()) > 6 for i in earlier[:-1]):
        return None  # real story lines above: not a page's furniture
    return title if _looks_like_title(lines[title]) else None


def _reads_like_lead(line: str) -> bool:
    if len(line.split()) < 5 or _GUILLEMET.search(line):
        return False
    return line.endswith(_SENTENCE_ENDS) or len(line) >= 60


def _apply_byline(byline: t.Byline, layout: Layout) -> None:
    layout.add_authors(byline.authors)
    layout.editor = layout.editor or byline.editor
    layout.reporter = layout.reporter or byline.reporter
    if byline.rubric:
        layout.rubric = layout.rubric or byline.rubric
    if byline.reporter_outlet:
        layout.brand_spots.append(byline.reporter_outlet)


def _stamp_line(line: str) -> Stamp | None:
    # A stamp line holds the stamp and little else (an author, `Last Updated …`),
    # unlike a first paragraph that opens `Kamis (16/3/2023) pukul 09.00 …`. A long
    # line cannot be one, and searching it for every date would cost its length.
    if len(line) > _STAMP_LINE_MAX:
        return None
    stamp = find_stamp(line)
    if stamp is None:
        return None
    leftover = line.replace(stamp.text, " ").strip()
    prose = leftover.endswith((".", "!", "?")) and _LOWER_WORD.search(leftover)
    if len(leftover) > 45 or prose:
        return None
    return stamp


def _is_date_only(line: str) -> bool:
    # A site date or `Posted by On April 04, 2020`: a date and little else.
    if len(line) > _DATE_LINE_MAX:
        return False
    mentions = find_dates(line, weekday_required=False)
    if not mentions or mentions[0].year is None:
        return False
    rest = len(line) - (mentions[0].end - mentions[0].start)
    posted = _POSTED.match(line)
    return rest <= 3 or (rest <= 25 and bool(posted))


def _is_section_line(line: str, following: str | None) -> bool:
    if following is None or _same(line, following):
        return False
    if len(line.split()) > 6 or len(line) > 50 or _SECTION_END.search(line):
        return False
    if t.is_region(line):
        return True
    return (
        len(following) > len(line)
        and not following.endswith(".")
        and not _is_marker(following)
        and not t.split_dateline(following)
    )


def _looks_like_title(line: str) -> bool:
    if len(line) > 250:
        return False
    # Headlines do not end in a full stop; a long sentence that does is the story.
    return not (line.endswith(".") and (len(line) > 150 or len(line.split()) > 12))


def _read_body(lines: list[str], start: int, layout: Layout) -> None:
    texts = lines[start:]
    first = next((i for i, line in enumerate(texts) if line), None)
    if first is None:
        return
    second = next((line for line in texts[first + 1 :] if line), None)
    dateline = (
        t.split_dateline(texts[first])
        or t.split_dateline(texts[first], loose=True)
        or t.dateline_broken_off(texts[first], second)
    )
    if dateline:
        layout.dateline = dateline
        layout.brand_spots.insert(0, dateline.prefix)
        texts[first] = dateline.rest
        if not dateline.rest:
            following = next(
                (i for i in range(first + 1, len(texts)) if texts[i]), None
            )
            if following is not None:
                texts[following] = t.strip_leading_separator(texts[following])
    opening = next((i for i, line in enumerate(texts) if line), None)
    if opening is not None:
        # A dash left from a dateline the scrape broke off never opens the story.
        texts[opening] = t.strip_leading_separator(texts[opening])
    kinds = [_body_line(line) if line else None for line in texts]
    trailer = _trailer_start(kinds, first)
    if trailer is not None:
        _read_trailer(texts[trailer:], layout)
        texts, kinds = texts[:trailer], kinds[:trailer]
    kept = [i for i, line in enumerate(texts) if line]
    spaced = bool(kept) and len(kept) < kept[-1] - kept[0] + 1
    blocks: list[list[str]] = []
    current: list[str] = []
    related_blocks: list[int] = []
    for line, kind in zip(texts, kinds, strict=True):
        if not line:
            if current and spaced:
                blocks.append(current)
                current = []
            continue
        if kind.headline is not None:
            if kind.headline:
                layout.related.append(kind.headline)
                related_blocks.append(len(blocks) + bool(current))
            if not kind.story:
                continue
            # The story text the scrape ran into the link is a paragraph of its own.
            if current:
                blocks.append(current)
            blocks.append([kind.story])
            current = []
            continue
        if kind.junk or kind.caption or _repeats_title(line, layout.title):
            continue
        current.append(line)
        if not spaced:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    assembled = t.assemble_paragraphs(blocks)
    layout.body = _close_story([text for text, _ in assembled], layout)
    starts = [start for _, start in assembled]
    layout.related_after.extend(
        min(bisect.bisect_left(starts, block), len(layout.body))
        for block in related_blocks
    )


def _repeats_title(line: str, title: str | None) -> bool:
    # The headline printed again (image alt text, a second title) is not story. Only
    # lines of about its length are compared: most lines are asked, few come close.
    if not title or abs(len(line) - len(title)) > max(3, len(title) // 10):
        return False
    return _same(line, title)


@dataclass(frozen=True)
class _BodyLine:
    """What one non-blank body line is, asked once per line."""

    trailer: bool
    junk: bool
    headline: str | None  # of a `Baca juga` line ('' when it names none)
    story: str  # story text run into a `Baca juga` line
    caption: bool


# Scrapes repeat lines (menus, ads, separators); each distinct line is read once.
@lru_cache(maxsize=4096)
def _body_line(line: str) -> _BodyLine:
    related = t.split_related(line)
    return _BodyLine(
        trailer=t.is_trailer(line),
        junk=t.is_inline_junk(line),
        headline=related[0] if related else None,
        story=related[1] if related else "",
        caption=bool(t.CAPTION_LABEL.match(line) or _BODY_CAPTION.search(line)),
    )


def _trailer_start(kinds: list[_BodyLine | None], first: int) -> int | None:
    seen_text = False
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        if seen_text and kind.trailer:
            return i
        seen_text = seen_text or (i >= first and not kind.junk)
    return None


def _read_trailer(lines: list[str], layout: Layout) -> None:
    editor_next = False
    for line in lines:
        if not line:
            continue
        if editor_next:
            editor_next = False
            layout.editor = layout.editor or t.clean_name(line)
            continue
        if line.lower().startswith(("publish", "foto")):
            continue
        if byline := t.read_byline(line):
            _apply_byline(byline, layout)
            editor_next = byline.editor_on_next_line


def _close_story(paragraphs: list[str], layout: Layout) -> list[str]:
    for position, paragraph in enumerate(paragraphs):
        text, tag = t.split_signoff(paragraph)
        if tag:
            return _end_with(paragraphs[:position], text, tag, layout)
    if paragraphs:
        text, tag = t.split_signoff(paragraphs[-1], final=True)
        if tag:
            return _end_with(paragraphs[:-1], text, tag, layout)
    return paragraphs


def _end_with(before: list[str], text: str, tag: str, layout: Layout) -> list[str]:
    layout.add_authors(t.signoff_authors(tag))
    layout.brand_spots.append(tag)
    return [*before, text] if text else before
