"""iNews TTU (ttu.inews.id): datelines read `PLACE, iNewsTTU.id-`."""

import re

from ..document import Document
from ..layout import build_article, owns_brand
from ..parsed import ParsedArticle
from . import OutletStyle

KEY = "inews-ttu"
# `Pantauan iNewsTTU.id` inside the story is a mention, so only the dateline counts.
BRAND = re.compile(r"\binewsttu\.id\b", re.IGNORECASE)


def detect(doc: Document) -> bool:
    """True when the outlet's own brand token stands in its dateline, credit or byline."""
    return owns_brand(doc, BRAND)


def parse(doc: Document) -> ParsedArticle:
    """Read an article of this outlet; stamps without a zone are in WITA."""
    return build_article(doc, outlet=KEY, zone="WITA")


STYLE = OutletStyle(key=KEY, detect=detect, parse=parse)
