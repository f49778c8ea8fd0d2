"""Every other outlet: the shared reading alone, in the zone the text names (else WIB)."""

from ..document import Document
from ..layout import build_article
from ..parsed import ParsedArticle
from . import OutletStyle

KEY = "unknown"


def detect(doc: Document) -> bool:
    """The fallback style accepts any document."""
    return True


def parse(doc: Document) -> ParsedArticle:
    """Read an article of an outlet without its own style."""
    return build_article(doc, outlet=KEY, zone=None)


STYLE = OutletStyle(key=KEY, detect=detect, parse=parse)
