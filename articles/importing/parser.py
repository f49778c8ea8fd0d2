"""Entry point of parsing: raw bytes -> ParsedArticle, through the outlet's style."""

from .document import Document
from .parsed import ParsedArticle
from .styles import (
    OutletStyle,
    beritanasional,
    blitar_update,
    generic,
    inews,
    pos_kupang,
    tribratanews,
)

STYLES: tuple[OutletStyle, ...] = (
    tribratanews.STYLE,
    inews.STYLE,
    pos_kupang.STYLE,
    blitar_update.STYLE,
    beritanasional.STYLE,
)


def parse(raw: bytes) -> ParsedArticle:
    """Parse one scraped file into the fields of import-spec.md."""
    doc = Document.from_bytes(raw)
    if doc.error:
        return generic.parse(doc)
    style = next((s for s in STYLES if s.detect(doc)), generic.STYLE)
    return style.parse(doc)
