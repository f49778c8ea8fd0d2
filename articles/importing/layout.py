"""The shared reading of a scraped article: header, dateline, body and trailer.

Every style runs this; a style only adds what is particular to its outlet (its brand
token and its local time zone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
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
)
from .document import Document
from .parsed import ParsedArticle

NO_BODY_ERROR = "No article body found: the file holds only a title or header lines; add the article text."
NO_DATE_ERROR = "No publication date found: add a dateline date or a stamp such as 'Senin (3/7/2023)'."
NO_TITLE_WARNING = "No title found: an editor must write a headline before publishing."

_HEADER_SCAN = 20
_URL = re.compile(r"https?://\S+|www\.\S+")
_NON_WORD = re.compile(r"\W+")
_SENTENCE_END = re.compile(r"[.!?\"”]$")
_PARTIAL_STAMP = re.compile(r"\bdate\s+((?:19|20)\d\d)-\d\d\b")
# A handout or screenshot credits the source it was borrowed from, not the outlet.
_BORROWED = re.compile(r"/\s*HO\b|TANGKAPAN LAYAR|SCREENSHOT", re.IGNORECASE)
_LEADING_DASH = re.compile(r"^[-–—]\s*")
_GUILLEMET = re.compile(r"[»›]")
_PROSE_LEFTOVER = re.compile(r"[a-z]{3,}.*[.!?]$")
_POSTED = re.compile(
    r"(?:Posted|Published|Diposting|Dipublikasikan|Diterbitkan|Dimuat)\b",
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
    stamps: list[Stamp] = field(default_factory=list)
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


def build_article(doc: Document, *, outlet: str, zone: str | None) -> ParsedArticle:
    """A ParsedArticle from the shared reading; `zone` is the outlet's local zone
    (None: the zone named in the text, else WIB)."""
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
    published = _published(doc, layout, zone or find_zone(doc.text) or "WIB", warnings)
    error = None
    if not layout.body:
        error = NO_BODY_ERROR
    elif published is None:
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
        body=tuple(layout.body),
        related_headlines=tuple(layout.related),
        error=error,
        warnings=tuple(warnings),
        content_hash=doc.content_hash,
    )


def _published(doc: Document, layout: Layout, zone: str, warnings: list[str]):
    if layout.stamps:
        return stamp_datetime(layout.stamps[0], zone)
    candidates: list[DateMention] = []
    if layout.dateline and layout.dateline.date:
        candidates.append(layout.dateline.date)
    body_text = _URL.sub(" ", "\n".join(layout.body))
    candidates.extend(find_dates(body_text))
    candidates.extend(layout.header_dates)
    for mention in candidates:
        found = _resolve(mention, layout, warnings)
        if found:
            return found
    return None


def _resolve(mention: DateMention, layout: Layout, warnings: list[str]) -> date | None:
    year = mention.year
    if year is None:
        known = years_in(
            "\n".join(layout.body + [layout.title or "", layout.lead or ""])
        )
        if layout.stamp_year:
            known.insert(0, layout.stamp_year)
        year = infer_year(
            mention.day, mention.month, mention.weekday, known, date.today().year
        )
        if year is None:
            return None
        warnings.append(
            f"Year inferred for '{mention.text.strip()}' as {year}: check the publication date."
        )
    found = date(year, mention.month, mention.day)
    if mention.weekday is not None and found.weekday() != mention.weekday:
        # A year slip in the text (`Rabu 1 Desember 2020` in a 2021 article) shows
        # when the partial stamp's year fits the weekday; otherwise keep it as printed.
        stamped = _on_weekday(layout.stamp_year, mention)
        if stamped:
            warnings.append(
                f"'{mention.text.strip()}' corrected to {stamped.year} from the page stamp: check the publication date."
            )
            return stamped
        warnings.append(
            f"'{mention.text.strip()}' names a different weekday than {found:%d-%m-%Y} "
            f"(a {WEEKDAY_NAMES[found.weekday()]}): check the publication date."
        )
    return found


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
    return _NON_WORD.sub("", a.lower()) == _NON_WORD.sub("", b.lower())


def _is_marker(line: str) -> bool:
    return bool(
        t.read_byline(line)
        or _stamp_line(line)
        or t.credit_line(line)
        or t.is_caption(line)
    )


def _is_long_paragraph(line: str) -> bool:
    return (
        len(line) > 150 and bool(_SENTENCE_END.search(line)) and not t.is_caption(line)
    )


def _find_dateline(lines: list[str], nonblank: list[int]) -> int | None:
    long_seen = 0
    for index in nonblank[:_HEADER_SCAN]:
        line = lines[index]
        if _is_marker(line):
            continue
        if t.split_dateline(line):
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
    for position, index in enumerate(nonblank[:12]):
        line = lines[index]
        if t.read_byline(line) or t.credit_line(line) or _stamp_line(line):
            last = position
            continue
        # Only the lead may stand between title and byline; two sentences are story.
        sentences += bool(_SENTENCE_END.search(line)) and not t.is_caption(line)
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
            continue
        if not t.is_caption(line) and (stamp := _stamp_line(line)):
            seen_marker = True
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
        if t.is_inline_junk(line) or t.related_headline(line) is not None:
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


def _reads_like_lead(line: str) -> bool:
    if len(line.split()) < 5 or _GUILLEMET.search(line):
        return False
    return bool(_SENTENCE_END.search(line)) or len(line) >= 60


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
    # unlike a first paragraph that opens `Kamis (16/3/2023) pukul 09.00 …`.
    stamp = find_stamp(line)
    if stamp is None:
        return None
    leftover = line.replace(stamp.text, " ").strip()
    if len(leftover) > 45 or _PROSE_LEFTOVER.search(leftover):
        return None
    return stamp


def _is_date_only(line: str) -> bool:
    # A site date or `Posted by On April 04, 2020`: a date and little else.
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
    region = list(range(start, len(lines)))
    first = next((i for i in region if lines[i]), None)
    if first is None:
        return
    texts = {i: lines[i] for i in region}
    dateline = t.split_dateline(lines[first]) or t.split_dateline(
        lines[first], loose=True
    )
    if dateline:
        layout.dateline = dateline
        layout.brand_spots.insert(0, dateline.prefix)
        texts[first] = dateline.rest
        if not dateline.rest:
            following = next((i for i in region if i > first and lines[i]), None)
            if following is not None:
                texts[following] = t.strip_leading_separator(lines[following])
    trailer = _trailer_start(region, texts, first)
    story = [i for i in region if trailer is None or i < trailer]
    _read_trailer(
        [texts[i] for i in region if trailer is not None and i >= trailer], layout
    )
    kept_lines = [i for i in story if texts[i]]
    spaced = any(
        not texts[i] for i in story if kept_lines and kept_lines[0] < i < kept_lines[-1]
    )
    blocks: list[list[str]] = []
    current: list[str] = []
    for i in story:
        line = texts[i]
        if not line:
            if current and spaced:
                blocks.append(current)
                current = []
            continue
        headline = t.related_headline(line)
        if headline is not None:
            if headline:
                layout.related.append(headline)
            continue
        if t.is_inline_junk(line) or _is_body_caption(line):
            continue
        current.append(line)
        if not spaced:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    layout.body = _close_story(t.paragraphs(blocks), layout)


def _is_body_caption(line: str) -> bool:
    return bool(t.CAPTION_LABEL.match(line) or _BODY_CAPTION.search(line))


def _trailer_start(region: list[int], texts: dict[int, str], first: int) -> int | None:
    seen_text = False
    for i in region:
        line = texts[i]
        if not line:
            continue
        if seen_text and t.is_trailer(line):
            return i
        seen_text = seen_text or (i >= first and not t.is_inline_junk(line))
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
