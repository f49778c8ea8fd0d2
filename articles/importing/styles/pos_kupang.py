"""Pos-Kupang (kupang.tribunnews.com): Tribun layout with rubric, lead, byline and Laporan line."""

import re

from ..document import Document
from ..layout import build_article, owns_brand
from ..parsed import ParsedArticle
from . import OutletStyle

KEY = "pos-kupang"
# Dateline, credit (`POS-KUPANG.COM/NAME`) or `Laporan Wartawan Pos Kupang`; Tribun sister sites share the layout only.
BRAND = re.compile(r"\bpos[- ]?kupang\b", re.IGNORECASE)


def detect(doc: Document) -> bool:
    """True when the outlet's own brand token stands in its dateline, credit or byline."""
    return owns_brand(doc, BRAND)


def parse(doc: Document) -> ParsedArticle:
    """Read an article of this outlet; stamps without a zone are in WITA."""
    return build_article(doc, outlet=KEY, zone="WITA")


STYLE = OutletStyle(key=KEY, detect=detect, parse=parse)
