"""Line-level reading shared by every style: datelines, bylines, captions, sign-offs,
`Baca juga` links, boilerplate and paragraph assembly."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateMention, find_dates
from .names import clean_name, is_degree

# A site's own name as printed in datelines and credits: a domain (`iNewsTTU.id`,
# `POS-KUPANG.COM`, `GerbangNTT. Com`) or a parenthesised agency code (`(ANTARA)`).
BRAND = re.compile(
    r"\bPOS[- ]?KUPANG(?:\s?\.\s?COM)?\b"
    # A domain; its end may run straight into the next word (`iNewsTTU.idPolres`).
    # (The lookahead only skips, without backtracking, the words no dot follows.)
    r"|\b(?=[A-Za-z0-9-]*+\.)[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.\s?(?:co\.id|my\.id|web\.id|com|id|co|net|org|tl|news|info|online)(?:\b|(?=(?-i:[A-Z])[a-z]))"
    r"|\([^()]{2,30}\)",
    re.IGNORECASE,
)
_CAMEL_BRAND = re.compile(r"^[A-Za-z]*[a-z][A-Z][A-Za-z]*$")
# The leading lookahead holds wherever any separator can start (a separator character
# after optional spaces, or the capital after a glued domain); it spares the other
# positions the trial of every alternative.
_SEPARATOR = re.compile(
    r"(?=\s*[:,\-–—|;_]|[A-Z])"
    r"(?:(?:(?<=\.id)|(?<=\.com)|(?<=\.ID)|(?<=\.COM))(?=[A-Z][a-z])|\s*:\s+|\s*,\s*-{1,2}\s*|\s+-{1,2}(?:\s+|(?=\S))|\s*-{1,2}\s*$|-{2}\s*|-\s+|\s*[–—]+\s*|\s*\|\|?\s*|\s*;\s*|\s+_\s*|-(?=[A-Z\"“]))"
)
_CITING_WORDS = {
    "melansir",
    "dilansir",
    "pantauan",
    "dikutip",
    "mengutip",
    "menurut",
    "kepada",
    "dari",
    "sumber",
    "via",
}
# A province's name that ends a city's own name is no tag (`BANDA ACEH`, `KOTA JAMBI`).
_CITY_HEADS = {"BANDA", "BANDAR", "KOTA", "KAB", "KAB.", "KABUPATEN"}
_PLACE_WORD = re.compile(r"^[A-Z][A-Za-z'’.-]*$")
PROVINCE_TAGS = {
    "KALBAR", "KALTENG", "KALSEL", "KALTIM", "KALTARA", "JATIM", "JATENG", "JABAR",
    "DIY", "NTT", "NTB", "SULSEL", "SULUT", "SULTENG", "SULTRA", "SULBAR", "SUMUT",
    "SUMBAR", "SUMSEL", "BABEL", "KEPRI", "BALI", "PAPUA", "RIAU", "JAMBI", "ACEH",
    "BANTEN", "LAMPUNG", "GORONTALO", "MALUKU", "BENGKULU",
}  # fmt: skip


@dataclass(frozen=True)
class Dateline:
    """The place/brand prefix of a first paragraph and the text after it."""

    prefix: str
    place: str | None
    brand: str | None
    date: DateMention | None
    rest: str


# Header reading asks about the same line several times (marker, dateline, section
# line); the answer is immutable, so each line is read once.
@lru_cache(maxsize=512)
def split_dateline(line: str, *, loose: bool = False) -> Dateline | None:
    """Split `PLACE, Brand.id - text` into its prefix and the paragraph text.

    Strict datelines carry a brand, an agency code or an upper-case place; `loose`
    also accepts a title-case place before a dash (`Kupang – `), which is only safe
    on the line already known to start the body.
    """
    brands = None  # looked for once a separator is found: most lines have none
    for sep in _SEPARATOR.finditer(line[:110]):
        if brands is None:
            brands = [m.span() for m in BRAND.finditer(line[:120])]
        if any(
            start < sep.start() < end or (sep.group(0) and start < sep.end() - 1 < end)
            for start, end in brands
        ):
            continue
        prefix, rest = line[: sep.start()].strip(), line[sep.end() :].strip()
        rest, trailing_brand = _strip_leading_brand(rest)
        reading = _read_prefix(
            prefix, sep.group(0), loose=loose, has_brand=bool(trailing_brand)
        )
        if reading is None:
            continue
        place, brand, when = reading
        brand = brand or trailing_brand
        if place is None and brand and sep.group(0).strip() in {";", "|", ","}:
            inner = split_dateline(rest, loose=True)
            if inner and inner.place and len(inner.prefix) < 50:
                return Dateline(
                    line[: len(line) - len(inner.rest)].strip(),
                    inner.place,
                    brand,
                    inner.date,
                    inner.rest,
                )
        if not brand and rest and not _reads_like_prose(rest):
            continue  # an upper-case headline with a dash, not a dateline
        return Dateline(prefix, place, brand, when, rest)
    return _alone_on_line(line)


_PLACE_AND_CODE = re.compile(
    r"^([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){0,2})\s*,\s*(\S.{0,30})$"
)
_UPPER_CODE = re.compile(r"[A-Z]{2,6}")


def _alone_on_line(line: str) -> Dateline | None:
    # `Blitar, MPH` / `Atambua, GerbangNTT. Com`: place and outlet code with no text.
    match = _PLACE_AND_CODE.match(line)
    if not match or len(line) > 45:
        return None
    code = match.group(2).strip()
    if BRAND.fullmatch(code) or _UPPER_CODE.fullmatch(code) or _CAMEL_BRAND.match(code):
        return Dateline(line, _place(match.group(1)), code, None, "")
    return None


_PREFIX_PARTS = re.compile(r"[,;|/]")
_TWO_CAPITALS = re.compile(r"[A-Z]{2}")
_AGENCY_CODE = re.compile(r"[A-Z]{2,5}")
_DASH = re.compile(r"[-–—]")


def _read_prefix(prefix: str, separator: str, *, loose: bool, has_brand: bool = False):
    if not prefix or len(prefix) > 70:
        return None
    brands = [m.group(0) for m in BRAND.finditer(prefix)]
    remainder = BRAND.sub(",", prefix)
    place = None
    when = None
    codes = []
    for segment in _PREFIX_PARTS.split(remainder):
        segment = segment.strip()
        if not segment:
            continue
        dates = find_dates(segment, weekday_required=False)
        if dates and dates[0].end - dates[0].start >= len(segment) - 2:
            when = when or dates[0]
            continue
        words = segment.split()
        if len(words) > 4 or not all(_PLACE_WORD.match(word) for word in words):
            return None
        if words[0].lower() in _CITING_WORDS:
            return None  # `Melansir POS-KUPANG.COM - …` cites another outlet
        if len(words) == 1 and _CAMEL_BRAND.match(segment) and len(segment) >= 5:
            brands.append(segment)
        elif place is None:
            place = segment
        else:
            codes.append(segment)
    if place is None and not brands:
        return None
    if ":" in separator and not (brands or codes or has_brand):
        return None  # `Kapolres NTT: …` is a quote, `KBRN, Redelong: …` a dateline
    # `KBRN, Redelong`: a broadcaster's code first, then the place in title case.
    code_first = not brands and place and _AGENCY_CODE.fullmatch(place)
    if code_first and len(codes) == 1 and codes[0].upper() != codes[0]:
        return _place(codes[0]), place, when
    if brands or has_brand or (place and place.upper() == place):
        return _place(place), " ".join(brands) or None, when
    if codes and any(_TWO_CAPITALS.search(code) for code in codes):
        return _place(place), codes[0], when
    dash = bool(_DASH.search(separator))
    if loose and dash and place and len(place.split()) <= 3:
        return _place(place), None, when
    return None


def _place(raw: str | None) -> str | None:
    if not raw:
        return None
    words = raw.upper().split()
    while (
        len(words) > 1
        and words[-1].strip(".") in PROVINCE_TAGS
        and words[-2] not in _CITY_HEADS
    ):
        words.pop()
    return " ".join(words) or None


_LEADING_PUNCTUATION = re.compile(r"^[\s,;|_–—-]+")


def _strip_leading_brand(rest: str) -> tuple[str, str | None]:
    # `KUPANG | Tiraskita.com - `, `Sekadau Kalbar – delikcom.com `: brand after the place.
    match = BRAND.match(rest)
    if match and not rest.startswith("("):
        return _LEADING_PUNCTUATION.sub("", rest[match.end() :]), match.group(0)
    return rest, None


def _reads_like_prose(text: str) -> bool:
    if _is_sentence_end(text) or len(text) > 120:
        return True
    if text.endswith((",", ";")):
        return True
    words = [word for word in text.split() if word[:1].isalpha()]
    return bool(words) and sum(word[0].islower() for word in words) >= 0.4 * len(words)


_SENTENCE_ENDS = '.!?"”’):'


def _is_sentence_end(text: str) -> bool:
    # A look at the last character, not a `…\s*$` search: a regex anchored at the end
    # is tried at every position, which made joining many short lines quadratic.
    last = text.rstrip()[-1:]
    return bool(last) and last in _SENTENCE_ENDS


_GLUED = re.compile(
    r"(?<=[.)])\s+(?=[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?\s*,\s*[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:com|id|co\.id|net)\s*[-–—|])"
)


def split_glued_dateline(line: str) -> tuple[str, str] | None:
    """`… caption. Blitar, memorandum.co.id - text`: the caption and the dateline line."""
    # Every line near the top is asked; a glued dateline names one of these domains
    # (case as in _GLUED), and most lines, which name none, need no regex search.
    if ".com" not in line and ".id" not in line and ".net" not in line:
        return None
    match = _GLUED.search(line)
    if not match or not split_dateline(line[match.end() :]):
        return None
    return line[: match.start()].strip(), line[match.end() :]


_LEADING_SEPARATOR = re.compile(r"^\s*(?:,\s*)?[-–—|_;]+\s*")
_OPENING_DASH = re.compile(r"^[-–—]+\s*\S")


def dateline_broken_off(line: str, following: str | None) -> Dateline | None:
    """A dateline alone on its line (`Kupang`, `Tribratanewsntt.com`, `BeritaNasional.ID,
    KETAPANG KALBAR`) when the story's next line opens with the dash."""
    if not following or len(line) > 70 or not _OPENING_DASH.match(following):
        return None
    joined = f"{line} {following}"
    # A bare title-case place (`Kupang`) passes only loosely; a headline over a lead
    # that opens with a dash must not, so the place is kept short.
    dateline = split_dateline(joined) or (
        split_dateline(joined, loose=True) if len(line.split()) <= 2 else None
    )
    if dateline is None or len(dateline.prefix) > len(line):
        return None
    return Dateline(line, dateline.place, dateline.brand, dateline.date, "")


def strip_leading_separator(line: str) -> str:
    """Drop the dash left at the start of a paragraph whose dateline sat on its own line."""
    return _LEADING_SEPARATOR.sub("", line)


# --- header lines --------------------------------------------------------------------

_LABELLED = re.compile(
    r"^(?P<label>Penulis\s*/\s*Editor|Penulis|Pewarta|Ditulis\s+oleh|Oleh|Editor|Redaktur|"
    r"Penyunting|Reporter)\s*:\s*(?P<name>.*)$",
    re.IGNORECASE,
)
_LAPORAN = re.compile(
    r"^Laporan\s+(?:Reporter|Wartawan|Jurnalis|Kontributor)\s+(?P<outlet>.+?)\s*,\s*(?P<name>[^,]+?)(?:\s+date\s+\d{4}-\d{2}.*)?$",
    re.IGNORECASE,
)
_STAR_BYLINE = re.compile(r"^\*\s*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4})$")
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,4}"
_NAME_BRAND = re.compile(rf"^(?P<name>{_NAME})\s+[-–—|]\s+(?P<brand>\S+)$")
_NAME_RUBRIC = re.compile(
    rf"^(?P<name>{_NAME})\s*\|\s*(?P<rubric>[A-Z][\w]*(?: [A-Z]?[\w]*)?)$"
)
_NAME_STAMP = re.compile(rf"^(?P<name>{_NAME})\s+[-–—|]\s+(?P<stamp>.+)$")
_NAME_DASH = re.compile(rf"^{_NAME}\s+[-–—|]\s+\S")


@dataclass(frozen=True)
class Byline:
    """Credits read from one byline, trailer or `Laporan` line."""

    authors: tuple[str, ...] = ()
    editor: str | None = None
    reporter: str | None = None
    reporter_outlet: str | None = None
    rubric: str | None = None
    editor_on_next_line: bool = False


@lru_cache(maxsize=512)
def read_byline(line: str) -> Byline | None:
    """Credits in a `Penulis:`, `Editor:`, `Laporan …`, `*Name` or `Name - Brand` line."""
    if labelled := _read_labelled(line):
        return labelled
    if match := _LAPORAN.match(line):
        return Byline(
            reporter=clean_name(match.group("name")),
            reporter_outlet=match.group("outlet"),
        )
    if match := _STAR_BYLINE.match(line):
        return Byline(authors=split_names(match.group("name")))
    # `Name - BLITAR.UPDATE.CO.ID Aug 14, 2023 - 09:02`: the stamp glued to the byline.
    # Both need the line to open `Name -` (or with a separator the date search may
    # strip); most lines do not, and need no date search then.
    match = None
    if _NAME_DASH.match(line) or line[:1] in " -–—|,":
        match = _NAME_BRAND.match(line)
        if match is None and len(line) <= 160:
            match = _NAME_BRAND.match(_without_stamp(line))
    if match and (
        BRAND.fullmatch(match.group("brand"))
        or _CAMEL_BRAND.match(match.group("brand"))
    ):
        return Byline(
            authors=split_names(match.group("name")),
            reporter_outlet=match.group("brand"),
        )
    if match := _NAME_RUBRIC.match(line):
        return Byline(
            authors=split_names(match.group("name")), rubric=match.group("rubric")
        )
    return None


_LABEL_WORDS = (
    r"Penulis\s*/\s*Editor|Penulis|Pewarta|Ditulis\s+oleh|Oleh|Editor|Redaktur|"
    r"Penyunting|Reporter"
)
# `Oleh: X Editor: Y`: a second label inside one credit.
_INNER_LABEL = re.compile(rf"\s+(?=(?:{_LABEL_WORDS})\s*:)", re.IGNORECASE)
# `Penulis X | Editor Y`: labels without colons, only between pipes.
_LABELLED_BARE = re.compile(
    rf"^(?P<label>{_LABEL_WORDS})\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[\w.'’-]+){{0,4}})$"
)
# `Editor` alone on its line, the name on the next (`: Name`).
_LABEL_ALONE = re.compile(r"^(?:Editor|Redaktur|Penyunting)\s*:?$", re.IGNORECASE)
_CREDIT_NAME = re.compile(rf"^{_NAME}$|^[A-Z][\w.'’-]+$")


def _read_labelled(line: str) -> Byline | None:
    # `Penulis: X | Editor: Y`, `| Editor: Y`, `Reporter: X`, `Editor:` (name below),
    # `Oleh: X Editor: Y`, `X Editor: Y` (the writer unlabelled before the editor).
    if _LABEL_ALONE.match(line):
        return Byline(editor_on_next_line=True)
    if ":" not in line and "|" not in line:
        return None  # every label below needs its colon, or bars between bare labels
    parts = [
        piece.strip()
        for part in line.split("|")
        for piece in _INNER_LABEL.split(part)
        if piece.strip()
    ]
    matches = [_LABELLED.match(part) for part in parts]
    if "|" in line and len(parts) > 1 and not all(matches):
        # `Penulis Sigiranus Bere | Editor Pythag Kurniati`: labels without colons.
        bare = [_LABELLED_BARE.match(part) for part in parts]
        if all(bare):
            matches = bare
    unlabelled = None
    if len(parts) > 1 and matches[0] is None and all(matches[1:]):
        unlabelled = _without_stamp(parts[0])
        if not _CREDIT_NAME.match(unlabelled):
            return None
        matches = matches[1:]
    if not matches or not all(matches):
        return None
    authors: list[str] = list(split_names(unlabelled)) if unlabelled else []
    editor = reporter = None
    editor_next = False
    for match in matches:
        label = match.group("label").lower()
        name = _without_stamp(match.group("name").strip())
        if label.startswith(("penulis", "pewarta", "ditulis", "oleh")):
            authors.extend(split_names(name))
        if label.startswith("reporter"):
            reporter = clean_name(name)
        if label.endswith(("editor", "redaktur", "penyunting")):
            editor = clean_name(name)
            editor_next = not name
    return Byline(
        authors=tuple(dict.fromkeys(authors)),
        editor=editor,
        reporter=reporter,
        editor_on_next_line=editor_next,
    )


def _without_stamp(name: str) -> str:
    # `Munzir Permana 10 Oct 2023 - 11:08 Takengon`: a stamp glued to the name.
    mentions = find_dates(name, weekday_required=False)
    return name[: mentions[0].start].strip(" -–—|,") if mentions else name


def byline_before_stamp(line: str) -> tuple[str, ...]:
    """The author in `Name - Kamis, 20 April 2023 | 13:00`."""
    match = _NAME_STAMP.match(line)
    return split_names(match.group("name")) if match else ()


_NAME_SEPARATOR = re.compile(r"\s+(?:dan|&)\s+|\s*[/,;]\s*")


def split_names(raw: str) -> tuple[str, ...]:
    """Names in a credit, split on `dan`, `&` and `/`, cleaned."""
    names = []
    for part in _NAME_SEPARATOR.split(raw):
        if is_degree(part):
            continue
        name = clean_name(part)
        if name and name not in names:
            names.append(name)
    return tuple(names)


_CREDIT_WORDS = re.compile(
    r"^(?:istimewa|ist\.?|dok\.?|dokumentasi|afp|antara|reuters|ap|ho|humas|net|"
    r"dok\.?\s+\S.{0,40}|dokumentasi\s+\S.{0,40}|kolase\s+\S.{0,40}|foto\s*:\s*\S.{0,60})$",
    re.IGNORECASE,
)
_SLASH_CREDIT = re.compile(
    r"^[\w.@-]+(?:[ .][\w.@-]+){0,4}\s*/\s*[\w.@-]+(?:[ .-][\w.@-]+){0,5}$"
)
_CAPTION_CREDIT = (
    re.compile(
        r"[(\[]\s*(?:Foto|Sumber\s+foto)\s*[:.]?\s*(?P<credit>[^()\[\]]+?)\s*[)\]]\s*\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"[(\[]\s*(?P<credit>(?:Dok|Dokumentasi)\.?\s+[^()\[\]]+?)\s*[)\]]\s*\.?$",
        re.IGNORECASE,
    ),
    # A dot inside a credit (`iNewsTTU.id/Name`) is not the end of a sentence.
    re.compile(
        r"(?:^|[\s./])Foto\s*:\s*(?P<credit>(?:[^.()]|\.(?=\S)){2,60}?)\.?$",
        re.IGNORECASE,
    ),
    re.compile(
        r"[.\s]Foto\s+(?P<credit>istimewa|ist\.?|dok\.?[^.()]{0,40})\.?$", re.IGNORECASE
    ),
    re.compile(r"[.)]\s*(?P<credit>Dok\.\s*[\w ]{2,40})\.?$"),
    re.compile(
        r"[.\s]\((?P<credit>ANTARA|AFP|Reuters|Istimewa|Ist|[A-Z][\w .-]{1,30}/[\w .-]{2,30})\)\s*$"
    ),
)


_FOTO_LABEL = re.compile(r"^Foto\s*:\s*", re.IGNORECASE)


def credit_line(line: str) -> str | None:
    """A standalone photo credit (`POS-KUPANG.COM/RAY REBON`, `istimewa`, `Foto: X`)."""
    if len(line) > 70 or _is_sentence_end(line.rstrip(")")) and not line.endswith(")"):
        return None
    if _CREDIT_WORDS.match(line) or (_SLASH_CREDIT.match(line) and "://" not in line):
        return _FOTO_LABEL.sub("", line.strip("()[] "))
    return None


# Asked of the same header line by the marker, caption and credit checks.
@lru_cache(maxsize=512)
def caption_credit(line: str) -> str | None:
    """The credit at the end of a photo caption (`… (Foto: Humas Polres TTU)`)."""
    # Each pattern needs a bracket, `Dok.` or `foto` (in any case): most lines have none.
    if not ("(" in line or "[" in line or "Dok." in line or "foto" in line.lower()):
        return None
    for pattern in _CAPTION_CREDIT:
        if match := pattern.search(line):
            return match.group("credit").strip(" .")
    return None


# Shared with the body reading, which drops such lines.
CAPTION_LABEL = re.compile(r"^(?:Foto|FOTO|Keterangan foto)\s*:")


def is_caption(line: str) -> bool:
    """A photo caption line: it ends with a photo credit or starts with `Foto:`."""
    return caption_credit(line) is not None or bool(CAPTION_LABEL.match(line))


REGIONS = {
    "aceh", "sumatera utara", "sumatera barat", "riau", "kepulauan riau", "jambi",
    "sumatera selatan", "bangka belitung", "bengkulu", "lampung", "dki jakarta", "jakarta",
    "jawa barat", "banten", "jawa tengah", "di yogyakarta", "diy", "yogyakarta", "jawa timur",
    "bali", "nusa tenggara barat", "nusa tenggara timur", "kalimantan barat",
    "kalimantan tengah", "kalimantan selatan", "kalimantan timur", "kalimantan utara",
    "sulawesi utara", "gorontalo", "sulawesi tengah", "sulawesi barat", "sulawesi selatan",
    "sulawesi tenggara", "maluku", "maluku utara", "papua", "papua barat", "papua selatan",
    "papua tengah", "papua pegunungan", "papua barat daya", "ntt", "ntb", "kalbar",
    "kalteng", "kalsel", "kaltim", "kaltara", "jatim", "jateng", "jabar", "sulsel",
    "sulut", "sumut", "sumbar", "sumsel", "kepri", "babel",
}  # fmt: skip


def is_region(line: str) -> bool:
    """An explicit regional-section line such as `Kalimantan Barat`."""
    return line.strip().lower() in REGIONS


# --- body lines ------------------------------------------------------------------------

_BACA_STRICT = re.compile(
    r"^(?:Baca\s+juga\s*:?|Baca\s*:)\s*(?P<headline>.*)$", re.IGNORECASE
)

_INLINE_JUNK = re.compile(
    r"^(?:SCROLL TO CONTINUE WITH CONTENT|ADVERTISEMENT|Advertisement|Iklan|AA|"
    r"TERKAIT\s*:?.*|Berita\s+terkait\s*:.*|Artikel\s+terkait\s*:.*|Intinya sih.*|"
    r"Disclaimer\s*:.*|Simak (?:juga|berita).*:.*|Breaking News\b.*|Follow Us\b.*|"
    r"(?:Home|Beranda)(?:\s*[»>›/|].*)?|Menu|Cari|Search|Login|Trending\b.*|Terpopuler|"
    r"\S*:quality\(.*|\S+\.(?:jpe?g|png|webp|gif)\)?|https?://\S+|www\.\S+)$",
)
_TRAILER = re.compile(
    r"^(?:Ikuti\s+(?:berita|kami|update|saluran|channel)\b.*|Isi komentar\b.*|Lihat Selengkapnya|"
    r"Related (?:Articles|Posts)|Back to top button|Halaman Selanjutnya|Halaman\s*:.*|"
    r"Bagikan(?:\s+Artikel\s+Ini)?|Bagikan\s*:.*|Share(?:\s+this)?\s*:?|Rekomendasi(?:\s+untuk\s+Anda)?|"
    r"Tinggalkan Balasan|Komentar ANDA\??|Recent Posts|Berita Terkini|Berita Populer|"
    r"Berita Lainnya|Baca Berita Lainnya.*|Sumber\s*:.*|©.*|Copyright\b.*|All Rights? Reserved.*|"
    r"Konten di bawah ini disajikan.*|News Update|Kanal|Network|MNC Portal|Live TV|"
    r"(?:Editor|Penulis|Pewarta|Reporter|Redaktur|Penyunting|Oleh|Publish(?:er)?|Kontributor)(?:\s*:.*)?|Tags?|"
    r"CATATAN REDAKSI\s*:?.*|error: Content is protected.*|Tags?\s*:.*|Follow Us.*|"
    r"Baca juga|Dapatkan (?:update|berita)\b.*|Simak breaking news\b.*|Download aplikasi.*)$",
    re.IGNORECASE,
)


_BACA_JUGA = re.compile(r"^Baca\s+juga\b", re.IGNORECASE)


def related_headline(line: str) -> str | None:
    """The headline of an inline `Baca juga:` / `Baca:` line ('' when it names none)."""
    match = _BACA_STRICT.match(line)
    if match and (":" in line[:12] or _BACA_JUGA.match(line)):
        return match.group("headline").strip(" :")
    return None


_GLUED_WORDS = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
# Words an Indonesian headline keeps in lower case.
_HEADLINE_SMALL_WORDS = {
    "di", "ke", "dari", "dan", "yang", "untuk", "dengan", "pada", "atau", "ini", "itu",
    "jadi", "oleh", "dalam", "akan", "bagi", "soal", "usai", "jelang", "hingga", "saat",
    "ala", "vs", "per", "tak", "bukan", "juga", "lagi", "sudah", "belum", "masih",
}  # fmt: skip


def split_related(line: str) -> tuple[str, str] | None:
    """A `Baca juga` line as (headline, story text run into it), or None."""
    headline = related_headline(line)
    if not headline:
        return None if headline is None else ("", "")
    # Headlines do not end with a full stop; a line that does ran into the story.
    ends_sentence = headline.endswith((".", "!", "?", '"', "”"))
    for glue in _GLUED_WORDS.finditer(headline):
        before, after = headline[: glue.start()], headline[glue.start() :]
        # `PengamananPelaku`: a capitalised word running into the next; `iPhone`,
        # `McDonald` or `YouTube` followed by more headline words are no glue.
        glued_word = before.split()[-1] if before.split() else ""
        if len(before.split()) < 3 or len(glued_word) < 3 or not glued_word.istitle():
            continue
        if ends_sentence or _reads_like_prose(after):
            return before.strip(), after.strip()
    if ends_sentence:
        words = headline.split()
        for i in range(3, len(words) - 3):
            word = words[i].strip("“\"'(,")
            if word[:1].islower() and word.lower() not in _HEADLINE_SMALL_WORDS:
                return " ".join(words[: i - 1]), " ".join(words[i - 1 :])
    return headline, ""


# Site chrome above a story: app banners and score tickers (`Persib 2-1 Persija`).
_CHROME = re.compile(
    r"^(?:(?:get|download|install|open|unduh|buka|pasang)\s+(?:the\s+)?(?:app|apps|aplikasi)\b.*|"
    r"(?:close|tutup)\s+(?:banner|iklan|ads?)\b.*|.*\bBanner Apps?\b.*|"
    r".*\b(?:App Store|Google Play|Play Store)\b.{0,40}|(?:open|buka)\s+(?:in|di)\s+(?:app|aplikasi).*)$",
    re.IGNORECASE,
)
# Capitalised team names either side of a score; `pukul 08 - 10 wita` is no ticker.
_SCORE = re.compile(
    r"^(?:(?:FT|HT|LIVE|Live)\s+)?(?:[A-Z][\w.'’]*\s){1,3}\d{1,2}\s?[-–:]\s?\d{1,2}(?:\s[A-Z][\w.'’]*){1,3}$"
)


_SCORE_DIGITS = re.compile(r"\d\s?[-–:]\s?\d")
# One of these stands in every line _CHROME matches.
_CHROME_WORDS = ("ap", "play", "clo", "tutup")
_CLOCK_WORDS = re.compile(r"\b(?:pukul|jam|wita|wib|wit)\b", re.IGNORECASE)


def is_chrome(line: str) -> bool:
    """An app banner or score-ticker line of the site's page, never story text."""
    if len(line) > 80:
        return False
    # Cheap tests first: a score needs `d-d`, a banner an app, a store or a close button
    # (the words are checked without `i` and `s`, which IGNORECASE also matches to `ı`,
    # `İ` and `ſ`, so the tests miss no line the patterns match).
    score = (
        _SCORE_DIGITS.search(line)
        and _SCORE.match(line)
        and not _CLOCK_WORDS.search(line)
    )
    if score:
        return True
    lowered = line.lower()
    if not any(word in lowered for word in _CHROME_WORDS):
        return False
    return bool(_CHROME.match(line))


def is_inline_junk(line: str) -> bool:
    """Page furniture inside the body (ads, scroll prompts, image URLs, `TERKAIT:`)."""
    return bool(_INLINE_JUNK.match(line)) or is_chrome(line)


# `Simak berita lainnya di Google News`, `Gabung saluran WhatsApp …`: follow prompts.
_FOLLOW_PROMPT = re.compile(
    r"\b(?:Google News|saluran WhatsApp|WhatsApp Channel|Telegram Channel)\b",
    re.IGNORECASE,
)


def is_trailer(line: str) -> bool:
    """A line that starts the page furniture after the story."""
    if len(line) < 150 and _FOLLOW_PROMPT.search(line):
        return True
    return bool(_TRAILER.match(line))


_SIGNOFF = re.compile(
    r"(?:(?<=[.!?\"”’)…])|^)\s*\((?P<tag>\*|[a-z]{2,6}(?:\s*/\s*[a-z0-9.]{2,20}){0,3}|"
    r"[A-Z][A-Za-z]{1,20}\s*/\s*[A-Za-z.]{2,20})\)\s*$"
)
_FINAL_SIGNOFF = re.compile(
    r"(?:(?<=[.!?\"”’)…])|^)\s*\((?P<tag>(?=\w{2,4}\))[A-Z]{1,3}\d{0,2}|[A-Z][A-Za-z]+(?:\s[A-Z][A-Za-z]*){0,3})\)\s*$"
)
# Source and desk codes in sign-offs that name no writer (various sources, press
# release, editorial desk, advertorial, public relations).
_AGENCY_PARTS = {
    "bbr",
    "ant",
    "antara",
    "net",
    "kompas",
    "okz",
    "dtk",
    "red",
    "redaksi",
    "rls",
    "rilis",
    "adv",
    "hms",
    "humas",
    "ist",
}


def split_signoff(paragraph: str, *, final: bool = False) -> tuple[str, str | None]:
    """Split a closing `(*)`, `(vn)`, `(Aji/BERNAS)` tag off a paragraph."""
    # Both sign-off patterns end in `)` and spaces; most paragraphs end otherwise,
    # and searching a long paragraph for a tag it cannot hold is slow.
    if not paragraph.rstrip().endswith(")"):
        return paragraph, None
    match = _SIGNOFF.search(paragraph) or (
        _FINAL_SIGNOFF.search(paragraph) if final else None
    )
    if not match:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group("tag")


_DIGIT = re.compile(r"\d")


def signoff_authors(tag: str) -> tuple[str, ...]:
    """Writers named by a sign-off: `vn`, the name in `Aji/BERNAS`; never `*`."""
    parts = [part.strip() for part in tag.split("/")]
    if tag == "*" or any("." in part for part in parts):
        return ()
    first = parts[0]
    if first.lower() in _AGENCY_PARTS or _DIGIT.search(first):
        return ()
    name = clean_name(first)
    return (name,) if name else ()


def paragraphs(blocks: list[list[str]]) -> list[str]:
    """Join each block's lines, then re-join blocks a scrape split mid-sentence."""
    return [text for text, _ in assemble_paragraphs(blocks)]


def assemble_paragraphs(blocks: list[list[str]]) -> list[tuple[str, int]]:
    """`paragraphs`, each with the index of the block it starts with."""
    # Parts of each paragraph, joined once at the end: growing one string by many
    # short pieces would copy it each time (quadratic in the paragraph's length).
    result: list[tuple[list[str], int]] = []
    for index, lines in enumerate(blocks):
        if not lines:
            continue
        text = " ".join(lines)
        if result and not _is_sentence_end(result[-1][0][-1]) and text[:1].islower():
            result[-1][0].append(text)
        else:
            result.append(([text], index))
    return [(" ".join(" ".join(parts).split()), start) for parts, start in result]
