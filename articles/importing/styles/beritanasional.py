"""BeritaNasional.ID (beritanasional.id): region line, `BeritaNasional.ID, PLACE – ` dateline, `(Name/BERNAS)` sign-off."""

import re

from ..document import Document
from ..layout import build_article, owns_brand
from ..parsed import ParsedArticle
from . import OutletStyle

KEY = "beritanasional"
# The dateline brand or the `/BERNAS` outlet code of the sign-off.
BRAND = re.compile(r"\bberitanasional\.id\b|/\s*bernas\b", re.IGNORECASE)


def detect(doc: Document) -> bool:
    """True when the outlet's own brand token stands in its dateline, credit or byline."""
    return owns_brand(doc, BRAND)


def parse(doc: Document) -> ParsedArticle:
    """Read an article of this outlet; stamps without a zone are in WIB."""
    return build_article(doc, outlet=KEY, zone="WIB")


STYLE = OutletStyle(key=KEY, detect=detect, parse=parse)
