"""Entry point of parsing: raw bytes -> ParsedArticle, through the outlet's style."""

from datetime import datetime

from .document import Document
from .parsed import ParsedArticle
from .styles import GENERIC, LAUNCH, OutletStyle

STYLES: tuple[OutletStyle, ...] = LAUNCH


def parse(
    raw: bytes, *, source_name: str | None = None, now: datetime | None = None
) -> ParsedArticle:
    """Parse one scraped file into the fields of import-spec.md.

    `source_name` is the file's path or URL (a year in it can date a yearless body
    date); `now` is the moment of the import (default: the current time), after which
    no publication date is accepted.
    """
    doc = Document.from_bytes(raw)
    if doc.error:
        return GENERIC.parse(doc)
    style = next((s for s in STYLES if s.detect(doc)), GENERIC)
    return style.parse(doc, source_name=source_name, now=now)
