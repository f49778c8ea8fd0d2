"""Blitar Update (blitar.update.co.id): `Name - BLITAR.UPDATE.CO.ID` byline and an English stamp."""

import re

from ..document import Document
from ..layout import build_article, owns_brand
from ..parsed import ParsedArticle
from . import OutletStyle

KEY = "blitar-update"
# The brand sits in the byline; the dateline is a bare `BLITAR - `.
BRAND = re.compile(r"\bblitar\.update\.co\.id\b", re.IGNORECASE)


def detect(doc: Document) -> bool:
    """True when the outlet's own brand token stands in its dateline, credit or byline."""
    return owns_brand(doc, BRAND)


def parse(doc: Document) -> ParsedArticle:
    """Read an article of this outlet; stamps without a zone are in WIB."""
    return build_article(doc, outlet=KEY, zone="WIB")


STYLE = OutletStyle(key=KEY, detect=detect, parse=parse)
