"""Raw bytes -> decoded, line-normalised text: the input every outlet style reads."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

# C0 control bytes other than tab, newline, carriage return and form feed never occur
# in scraped article text; NUL in particular marks a binary or UTF-16 file.
# (Deleting them all and comparing lengths is a table lookup per byte, faster than a
# regex search.)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20)])
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff]")
# Runs of inline spaces become one space. Only runs that change are matched (two or
# more, or one that is not a plain space): replacing each space by itself was most of
# a file's decoding time.
_INLINE_SPACE = re.compile(
    r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}"
    r"|[\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)
# Most files hold no invisible character, no inline space other than a plain one and
# no two spaces in a row: one search and a look for "  " spare them both substitutions
# (which stop at every single space).
_UNUSUAL = re.compile(
    r"[\u200b-\u200d\u2060\ufeff\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]"
)

# No article comes near this size; the limit bounds the time one file can take, so a
# stray archive or log cannot stall a run.
MAX_BYTES = 1024 * 1024
TOO_LARGE_ERROR = (
    "The file is larger than 1 MiB ({size:,} bytes), far longer than any article: "
    "check that it holds one article's text, not a whole page dump or archive."
)
EMPTY_ERROR = "The file is empty: export the article text again, it holds no words."
BINARY_ERROR = (
    "The file holds binary data (NUL or control bytes), not article text: "
    "export the article again as plain UTF-8 text."
)
FALLBACK_WARNING = (
    "The file is not valid UTF-8 and was read as cp1252/Latin-1: check accented "
    "letters and quotes."
)


@dataclass(frozen=True)
class Document:
    """Decoded article text split into lines; blank lines are ""."""

    lines: tuple[str, ...] = ()
    content_hash: str = ""
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @classmethod
    def from_bytes(cls, raw: bytes) -> Document:
        """Decode `raw`, normalise line endings and spaces, and hash the content."""
        if len(raw) > MAX_BYTES:
            return cls(error=TOO_LARGE_ERROR.format(size=len(raw)))
        if len(raw.translate(None, _CONTROL_BYTES)) != len(raw):
            return cls(error=BINARY_ERROR)
        warnings: list[str] = []
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _decode_legacy(raw)
            warnings.append(FALLBACK_WARNING)
        text = text.lstrip("\ufeff")
        digest = content_hash(text)
        if not text.strip():
            return cls(content_hash=digest, warnings=tuple(warnings), error=EMPTY_ERROR)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if _UNUSUAL.search(text):
            text = _INVISIBLE.sub("", text)
            # One pass over the whole text: the inline-space class holds no newline, so
            # this equals normalising line by line.
            text = _INLINE_SPACE.sub(" ", text)
        elif "  " in text:
            text = _INLINE_SPACE.sub(" ", text)
        lines = tuple(line.strip() for line in text.split("\n"))
        return cls(lines=lines, content_hash=digest, warnings=tuple(warnings))

    @property
    def text(self) -> str:
        """The normalised lines joined by newlines."""
        return "\n".join(self.lines)


def content_hash(text: str) -> str:
    """sha256 of `text` with every whitespace run collapsed: the duplicate key."""
    # str.split() splits on exactly the characters `\s` matches, several times faster.
    normalised = " ".join(text.replace("\ufeff", "").split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def _cp1252_table() -> dict[int, str]:
    # Latin-1 maps every byte to the code point of the same number; cp1252 differs in
    # 0x80-0x9f, where it leaves five bytes undefined (those keep their Latin-1 meaning).
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252 = _cp1252_table()


def _decode_legacy(raw: bytes) -> str:
    # One pass over the text (decoding byte by byte took over a second per megabyte).
    return raw.decode("latin-1").translate(_CP1252)
